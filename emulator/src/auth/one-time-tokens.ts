import { sha224 } from 'hash-wasm';
import type { Sql } from '../db/storage.js';
import type { Services } from '../services.js';
import type { UserRow } from './users.js';

/** GoTrue's one-time token kinds: the users column holding each, and the one_time_tokens type. */
export type OneTimeTokenType =
  | 'confirmation_token'
  | 'recovery_token'
  | 'email_change_token_new'
  | 'email_change_token_current'
  | 'phone_change_token'
  | 'reauthentication_token';

/** Token hashes of PKCE flows carry this prefix, so /verify knows to answer with ?code=. */
export const PKCE_PREFIX = 'pkce_';

/**
 * As GoTrue's crypto.GenerateTokenHash: lowercase hex SHA-224 of the address (lowercased email, or
 * phone digits without "+") followed by the code. The same value is the link's token= and {{ .TokenHash }}.
 */
export const tokenHash = (address: string, otp: string) => sha224(`${address}${otp}`);

export interface IssuedToken {
  /** The code a person types ({{ .Token }}). */
  otp: string;
  /** What is stored and put in links ({{ .TokenHash }}), pkce_-prefixed in PKCE flows. */
  hash: string;
}

/** A fresh code and its (possibly pkce_-prefixed) hash for an address. */
export async function newToken(s: Services, address: string, length: number, pkce = false): Promise<IssuedToken> {
  const otp = s.random.digits(length);
  const hash = await tokenHash(address, otp);
  return { otp, hash: pkce ? `${PKCE_PREFIX}${hash}` : hash };
}

/** Stores a token the way GoTrue does: in its users column and as the user's one row of that type. */
export async function saveToken(
  tx: Sql,
  s: Services,
  t: { user: UserRow; type: OneTimeTokenType; hash: string; relatesTo: string; now: Date },
): Promise<void> {
  await tx.query(`update auth.users set ${t.type} = $2 where id = $1`, [t.user.id, t.hash]);
  await tx.query(
    `insert into auth.one_time_tokens (id, user_id, token_type, token_hash, relates_to, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $6)
     on conflict (user_id, token_type) do update set token_hash = excluded.token_hash, relates_to = excluded.relates_to,
       updated_at = excluded.updated_at`,
    [s.random.uuid(), t.user.id, t.type, t.hash, t.relatesTo.toLowerCase(), t.now.toISOString().replace('Z', '')],
  );
}

/** Forgets one kind of token of a user, or all of them (GoTrue clears all after any confirmation). */
export async function clearTokens(tx: Sql, userId: string, type?: OneTimeTokenType): Promise<void> {
  if (type) await tx.query('delete from auth.one_time_tokens where user_id = $1 and token_type = $2', [userId, type]);
  else await tx.query('delete from auth.one_time_tokens where user_id = $1', [userId]);
}

/** The user a token hash belongs to, looked up through one_time_tokens as GoTrue does. */
export async function findUserByTokenHash(tx: Sql, hash: string, types: OneTimeTokenType[]): Promise<UserRow | undefined> {
  const rows = await tx.query<UserRow>(
    `select u.* from auth.one_time_tokens t join auth.users u on u.id = t.user_id
     where t.token_hash = $1 and t.token_type = any($2::auth.one_time_token_type[])
     order by t.updated_at desc limit 1`,
    [hash, types],
  );
  return rows[0];
}

/** As GoTrue's isOtpValid: a stored token that matches (with or without pkce_) and has not expired. */
export function otpMatches(given: string, stored: string | null, sentAt: Date | null, lifetimeSeconds: number, now: Date): boolean {
  if (!stored || !sentAt) return false;
  if (now.getTime() > sentAt.getTime() + lifetimeSeconds * 1000) return false;
  return given === stored || `${PKCE_PREFIX}${given}` === stored;
}

export const isExpired = (sentAt: Date | null, lifetimeSeconds: number, now: Date) =>
  !sentAt || now.getTime() > sentAt.getTime() + lifetimeSeconds * 1000;
