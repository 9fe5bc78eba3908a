import type { Sql } from './storage.js';
import type { UserRow } from './user-rows.js';

/**
 * auth.one_time_tokens (GoTrue's models/one_time_token.go): one row per user and kind of token,
 * the index /verify looks token hashes up in. The token itself is also kept in its auth.users
 * column (db/users.ts setUserToken), as GoTrue keeps both.
 */

export type OneTimeTokenType =
  | 'confirmation_token'
  | 'recovery_token'
  | 'email_change_token_new'
  | 'email_change_token_current'
  | 'phone_change_token'
  | 'reauthentication_token';

/** The user's one row of this type, replaced if there was one. */
export async function upsertOneTimeToken(
  tx: Sql,
  t: { id: string; userId: string; type: OneTimeTokenType; hash: string; relatesTo: string; now: Date },
) {
  await tx.query(
    `insert into auth.one_time_tokens (id, user_id, token_type, token_hash, relates_to, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $6)
     on conflict (user_id, token_type) do update set token_hash = excluded.token_hash, relates_to = excluded.relates_to,
       updated_at = excluded.updated_at`,
    // timestamps without time zone in GoTrue's schema: written as UTC
    [t.id, t.userId, t.type, t.hash, t.relatesTo, t.now.toISOString().replace('Z', '')],
  );
}

/** One kind of token of a user, or all of them. */
export async function deleteOneTimeTokens(tx: Sql, userId: string, type?: OneTimeTokenType): Promise<void> {
  if (type) await tx.query('delete from auth.one_time_tokens where user_id = $1 and token_type = $2', [userId, type]);
  else await tx.query('delete from auth.one_time_tokens where user_id = $1', [userId]);
}

/**
 * The user a token hash belongs to, newest token first. One statement joining auth.users, since
 * the caller wants the user, not the token row.
 */
export async function findUserByTokenHash(tx: Sql, hash: string, types: OneTimeTokenType[]): Promise<UserRow | undefined> {
  const rows = await tx.query<UserRow>(
    `select u.* from auth.one_time_tokens t join auth.users u on u.id = t.user_id
     where t.token_hash = $1 and t.token_type = any($2::auth.one_time_token_type[])
     order by t.updated_at desc limit 1`,
    [hash, types],
  );
  return rows[0];
}
