import type { Sql } from '../db/storage.js';
import { reviveRows } from '../db/json-rows.js';
import type { FactorRow } from '../db/mfa-factors.js';
import { factorJson } from './mfa-factors.js';
import type { IdentityRow, UserRow } from '../db/user-rows.js';
import { goTime, goTimeOrUndefined, omitUndefined, sortKeys } from '../go/json.js';
import { deleteSessionsOfUser } from '../db/sessions.js';

export type { IdentityRow, UserRow };

export const findUserById = async (sql: Sql, id: string) =>
  (await sql.query<UserRow>('select * from auth.users where id = $1', [id]))[0];

/** As GoTrue: email look-ups are per audience and skip SSO users (the partial unique index). */
export const findUserByEmail = async (sql: Sql, email: string, aud: string) =>
  (await sql.query<UserRow>('select * from auth.users where email = $1 and aud = $2 and is_sso_user = false', [email, aud]))[0];

export const findUserByPhone = async (sql: Sql, phone: string, aud: string) =>
  (await sql.query<UserRow>('select * from auth.users where phone = $1 and aud = $2', [phone, aud]))[0];

export const identitiesOf = (sql: Sql, userId: string) =>
  sql.query<IdentityRow>('select * from auth.identities where user_id = $1 order by created_at, id', [userId]);

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
     values ('00000000-0000-0000-0000-000000000000', $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, false, $12, $12)
     returning *`,
    [
      u.id, u.aud, u.role, u.email, u.phone, u.encryptedPassword, u.appMetadata, u.userMetadata,
      u.emailConfirmedAt, u.phoneConfirmedAt, u.isAnonymous, u.now,
    ],
  );
  return rows[0]!;
}

export async function insertIdentity(
  sql: Sql,
  i: { id: string; userId: string; provider: string; providerId: string; data: Record<string, unknown>; now: Date },
): Promise<IdentityRow> {
  const rows = await sql.query<IdentityRow>(
    `insert into auth.identities (id, provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $6, $6) returning *`,
    [i.id, i.providerId, i.userId, i.data, i.provider, i.now],
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

/** As GoTrue's UpdateUserMetaData / UpdateAppMetaData: keys are set, a null value deletes the key. */
export function mergeMetadata(current: Record<string, unknown> | null, updates: Record<string, unknown>) {
  const merged = { ...(current ?? {}) };
  for (const [key, value] of Object.entries(updates)) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}

/**
 * As GoTrue's User.UpdatePassword: the new hash; every pending confirmation, recovery, change and
 * reauthentication token void; every session ended but `keepSessionId` (the caller's own, if any).
 */
export async function updatePassword(
  tx: Sql,
  userId: string,
  encryptedPassword: string | null,
  now: Date,
  keepSessionId?: string,
): Promise<UserRow> {
  const updated = await updateUser(
    tx,
    userId,
    {
      encrypted_password: encryptedPassword,
      confirmation_token: '',
      confirmation_sent_at: null,
      recovery_token: '',
      recovery_sent_at: null,
      email_change_token_current: '',
      email_change_token_new: '',
      email_change_sent_at: null,
      phone_change_token: '',
      phone_change_sent_at: null,
      reauthentication_token: '',
      reauthentication_sent_at: null,
    },
    now,
  );
  await tx.query('delete from auth.one_time_tokens where user_id = $1', [userId]);
  await deleteSessionsOfUser(tx, userId, keepSessionId);
  return updated;
}

/** Whether banned_until is still ahead of now. */
export const isBanned = (user: UserRow, now: Date) => user.banned_until !== null && user.banned_until > now;

export function identityJson(i: IdentityRow) {
  return omitUndefined({
    identity_id: i.id,
    id: i.provider_id,
    user_id: i.user_id,
    // omitempty: a soft-deleted user's identities have none
    identity_data: Object.keys(i.identity_data ?? {}).length ? sortKeys(i.identity_data) : undefined,
    provider: i.provider,
    last_sign_in_at: goTimeOrUndefined(i.last_sign_in_at),
    created_at: goTime(i.created_at),
    updated_at: goTime(i.updated_at),
    email: i.email ?? undefined,
  });
}

/** The user object exactly as GoTrue serialises it (field order and omitempty included). */
export function userJson(u: UserRow, identities: IdentityRow[], factors: unknown[] = []) {
  return omitUndefined({
    id: u.id,
    aud: u.aud,
    role: u.role,
    email: u.email ?? '',
    email_confirmed_at: goTimeOrUndefined(u.email_confirmed_at),
    invited_at: goTimeOrUndefined(u.invited_at),
    phone: u.phone ?? '',
    phone_confirmed_at: goTimeOrUndefined(u.phone_confirmed_at),
    confirmation_sent_at: goTimeOrUndefined(u.confirmation_sent_at),
    confirmed_at: goTimeOrUndefined(u.confirmed_at),
    recovery_sent_at: goTimeOrUndefined(u.recovery_sent_at),
    new_email: u.email_change || undefined,
    email_change_sent_at: goTimeOrUndefined(u.email_change_sent_at),
    new_phone: u.phone_change || undefined,
    phone_change_sent_at: goTimeOrUndefined(u.phone_change_sent_at),
    reauthentication_sent_at: goTimeOrUndefined(u.reauthentication_sent_at),
    last_sign_in_at: goTimeOrUndefined(u.last_sign_in_at),
    app_metadata: sortKeys(u.raw_app_meta_data ?? {}),
    user_metadata: sortKeys(u.raw_user_meta_data ?? {}),
    factors: factors.length ? factors : undefined,
    identities: identities.map(identityJson),
    created_at: goTime(u.created_at),
    updated_at: goTime(u.updated_at),
    banned_until: goTimeOrUndefined(u.banned_until),
    deleted_at: goTimeOrUndefined(u.deleted_at),
    is_anonymous: u.is_anonymous,
  });
}

/** A user's identities and MFA factors, as GoTrue eager-loads them, in one statement. */
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

/** Loads a user with identities and factors and serialises it, as GoTrue's eager-loaded user. */
export async function loadUserJson(sql: Sql, user: UserRow) {
  const { identities, factors } = await userRelations(sql, user.id);
  return userJson(user, identities, factors.map(factorJson));
}
