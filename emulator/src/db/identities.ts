import type { Sql } from './storage.js';
import type { IdentityRow, UserRow } from './user-rows.js';

/** auth.identities (GoTrue's models/identity.go): a user's sign-in identities, one per provider account. */

export const identitiesOf = (sql: Sql, userId: string) =>
  sql.query<IdentityRow>('select * from auth.identities where user_id = $1 order by created_at, id', [userId]);

export const findIdentity = async (sql: Sql, provider: string, providerId: string) =>
  (await sql.query<IdentityRow>('select * from auth.identities where provider_id = $1 and provider = $2', [providerId, provider]))[0];

/** Identities carrying any of these (lowercase) emails, whoever owns them. */
export const identitiesWithEmails = (sql: Sql, emails: string[]) =>
  sql.query<IdentityRow>('select * from auth.identities where email = any($1)', [emails]);

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

/** Keys merged into an identity's identity_data (jsonb ||), the rest kept. */
export const mergeIdentityData = async (tx: Sql, id: string, data: Record<string, unknown>, now: Date) => {
  await tx.query('update auth.identities set identity_data = identity_data || $2::jsonb, updated_at = $3 where id = $1', [id, JSON.stringify(data), now]);
};

/** The user's identities with this email are now verified ones. */
export const markEmailIdentitiesVerified = async (tx: Sql, userId: string, email: string | null, now: Date) => {
  await tx.query(
    `update auth.identities set identity_data = identity_data || '{"email_verified": true}'::jsonb, updated_at = $3
     where user_id = $1 and email = $2`,
    [userId, email, now],
  );
};

/** A sign-in through the identity: the provider's latest data replaces what was kept. */
export const recordIdentitySignIn = async (tx: Sql, id: string, data: Record<string, unknown>, now: Date) =>
  (await tx.query<IdentityRow>(
    'update auth.identities set identity_data = $2, last_sign_in_at = $3, updated_at = $3 where id = $1 returning *',
    [id, data, now],
  ))[0]!;

/** A soft-deleted user's identity: emptied, and its provider id replaced by a one-way hash. */
export const blankIdentity = async (tx: Sql, id: string, providerId: string, now: Date) => {
  await tx.query(`update auth.identities set identity_data = '{}'::jsonb, provider_id = $2, updated_at = $3 where id = $1`, [id, providerId, now]);
};

export const deleteIdentity = async (tx: Sql, id: string) => {
  await tx.query('delete from auth.identities where id = $1', [id]);
};

/** Every identity of the user but one. */
export const deleteOtherIdentities = async (tx: Sql, userId: string, keepId: string) => {
  await tx.query('delete from auth.identities where user_id = $1 and id <> $2', [userId, keepId]);
};

/**
 * As GoTrue's IsDuplicatedEmail, first half: a user of the audience (other than `exceptUserId`)
 * with an identity of this email outside SSO. One statement joining auth.users, since the
 * audience is the user's.
 */
export const findUserByIdentityEmail = async (sql: Sql, email: string, aud: string, exceptUserId: string | null) =>
  (
    await sql.query<UserRow>(
      `select u.* from auth.identities i join auth.users u on u.id = i.user_id
       where i.email = $1 and i.provider not like 'sso:%' and u.aud = $2 and u.id is distinct from $3::uuid
       limit 1`,
      [email, aud, exceptUserId],
    )
  )[0];

/** The audiences of the users that have an identity of this email. */
export const audiencesOfIdentityEmail = async (sql: Sql, email: string) =>
  (await sql.query<{ aud: string }>(`select u.aud from auth.identities i join auth.users u on u.id = i.user_id where i.email = $1`, [email])).map(
    (r) => r.aud,
  );
