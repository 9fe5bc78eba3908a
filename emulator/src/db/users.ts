import { reviveRows } from './json-rows.js';
import type { OneTimeTokenType } from './one-time-tokens.js';
import type { FactorRow } from './mfa-factors.js';
import { INSTANCE_ID, type Sql } from './storage.js';
import type { IdentityRow, UserRow } from './user-rows.js';

/** auth.users (GoTrue's models/user.go): look-ups, inserts and updates of the user rows. */

export const findUserById = async (sql: Sql, id: string) =>
  (await sql.query<UserRow>('select * from auth.users where id = $1', [id]))[0];

/** As GoTrue: email look-ups are per audience and skip SSO users (the partial unique index). */
export const findUserByEmail = async (sql: Sql, email: string, aud: string) =>
  (await sql.query<UserRow>('select * from auth.users where email = $1 and aud = $2 and is_sso_user = false', [email, aud]))[0];

export const findUserByPhone = async (sql: Sql, phone: string, aud: string) =>
  (await sql.query<UserRow>('select * from auth.users where phone = $1 and aud = $2', [phone, aud]))[0];

/** The user waiting to change to this phone number. */
export const findUserByPhoneChange = async (sql: Sql, phone: string, aud: string) =>
  (await sql.query<UserRow>('select * from auth.users where phone_change = $1 and aud = $2', [phone, aud]))[0];

/**
 * The user an email change token belongs to: sent to the new address (email_change) or to the
 * current one (email), stored with or without the pkce_ prefix.
 */
export const findUserByEmailChangeToken = async (sql: Sql, email: string, aud: string, hash: string) =>
  (
    await sql.query<UserRow>(
      `select * from auth.users where aud = $2 and is_sso_user = false and
         ((email_change = $1 and email_change_token_new in ($3::text, 'pkce_' || $3::text)) or
          (email = $1 and email_change_token_current in ($3::text, 'pkce_' || $3::text)))`,
      [email, aud, hash],
    )
  )[0];

/** Non-SSO users of any audience whose email is one of these. */
export const usersWithEmails = (sql: Sql, emails: string[]) =>
  sql.query<UserRow>('select * from auth.users where email = any($1) and is_sso_user = false', [emails]);

export interface UserListQuery {
  aud: string;
  /** email LIKE or full_name ILIKE this pattern, when given */
  pattern: string | undefined;
  order: { field: 'created_at'; dir: 'ASC' | 'DESC' }[];
  limit: number;
  offset: number;
}

/** One page of an audience's users and the total. */
export async function usersPage(sql: Sql, q: UserListQuery): Promise<{ users: UserRow[]; count: number }> {
  const params: unknown[] = [INSTANCE_ID, q.aud];
  let where = 'instance_id = $1 and aud = $2';
  if (q.pattern !== undefined) {
    params.push(q.pattern);
    where += ` and (email like $3 or raw_user_meta_data->>'full_name' ilike $3)`;
  }
  const [{ count } = { count: 0 }] = await sql.query<{ count: number }>(`select count(*)::int as count from auth.users where ${where}`, params);
  const order = q.order.length ? ` order by ${q.order.map((o) => `${o.field} ${o.dir}`).join(', ')}` : '';
  const users = await sql.query<UserRow>(`select * from auth.users where ${where}${order} limit ${q.limit} offset ${q.offset}`, params);
  return { users, count };
}

export interface NewUser {
  id: string;
  aud: string;
  role: string;
  email: string | null;
  phone: string | null;
  encryptedPassword: string | null;
  appMetadata: Record<string, unknown>;
  userMetadata: Record<string, unknown>;
  emailConfirmedAt: Date | null;
  phoneConfirmedAt: Date | null;
  isAnonymous: boolean;
  now: Date;
}

export async function insertUser(sql: Sql, u: NewUser): Promise<UserRow> {
  const rows = await sql.query<UserRow>(
    `insert into auth.users (instance_id, id, aud, role, email, phone, encrypted_password,
       raw_app_meta_data, raw_user_meta_data, email_confirmed_at, phone_confirmed_at, is_anonymous,
       is_super_admin, created_at, updated_at)
     values ('${INSTANCE_ID}', $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, false, $12, $12)
     returning *`,
    [
      u.id, u.aud, u.role, u.email, u.phone, u.encryptedPassword, u.appMetadata, u.userMetadata,
      u.emailConfirmedAt, u.phoneConfirmedAt, u.isAnonymous, u.now,
    ],
  );
  return rows[0]!;
}

/** Updates the listed columns of a user and returns the new row. */
export async function updateUser(sql: Sql, id: string, changes: Partial<UserRow>, now: Date): Promise<UserRow> {
  const cols = Object.keys(changes) as (keyof UserRow)[];
  const sets = cols.map((c, i) => `${c} = $${i + 2}`);
  sets.push(`updated_at = $${cols.length + 2}`);
  const rows = await sql.query<UserRow>(`update auth.users set ${sets.join(', ')} where id = $1 returning *`, [
    id,
    ...cols.map((c) => changes[c]),
    now,
  ]);
  return rows[0]!;
}

/** A sign-in (or a step up to aal2): last_sign_in_at is now. */
export async function recordSignIn(tx: Sql, userId: string, now: Date): Promise<UserRow> {
  const [updated] = await tx.query<UserRow>('update auth.users set last_sign_in_at = $2, updated_at = $2 where id = $1 returning *', [userId, now]);
  return updated!;
}

/** Hard delete: identities, sessions, factors and tokens go with the row (foreign keys cascade). */
export const deleteUser = (tx: Sql, userId: string) => tx.query('delete from auth.users where id = $1', [userId]);

/**
 * A user's identities and MFA factors, as GoTrue eager-loads them, and the session's amr claims.
 * One statement of three sub-selects rather than three queries, because every signed-in request
 * loads them; the user row is the anchor, so the users store owns it.
 */
export async function userRelations(sql: Sql, userId: string, sessionId: string | null = null) {
  const [row] = await sql.query<{ identities: unknown; factors: unknown; amr: unknown }>(USER_RELATIONS, [userId, sessionId]);
  return {
    identities: reviveRows<IdentityRow>(row?.identities),
    factors: reviveRows<FactorRow>(row?.factors),
    /** The session's amr claims, newest first (empty without a session). */
    amrClaims: reviveRows<{ authentication_method: string; updated_at: Date }>(row?.amr),
  };
}

const USER_RELATIONS = `select
  (select json_agg(i order by i.created_at, i.id) from auth.identities i where i.user_id = $1) as identities,
  (select json_agg(f order by f.created_at, f.id) from auth.mfa_factors f where f.user_id = $1) as factors,
  (select json_agg(c order by c.updated_at desc) from auth.mfa_amr_claims c where c.session_id = $2) as amr`;

/** A one-time token in its own users column (confirmation_token, recovery_token, ...). */
export const setUserToken = async (tx: Sql, userId: string, column: OneTimeTokenType, hash: string) => {
  await tx.query(`update auth.users set ${column} = $2 where id = $1`, [userId, hash]);
};
