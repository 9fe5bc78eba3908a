import { sha224 } from 'hash-wasm';
import { upsertOneTimeToken, type OneTimeTokenType } from '../db/one-time-tokens.js';
import type { Sql } from '../db/storage.js';
import { setUserToken } from '../db/users.js';
import type { Services } from '../services.js';
import type { UserRow } from '../db/user-rows.js';

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
  await setUserToken(tx, t.user.id, t.type, t.hash);
  await upsertOneTimeToken(tx, { id: s.random.uuid(), userId: t.user.id, type: t.type, hash: t.hash, relatesTo: t.relatesTo.toLowerCase(), now: t.now });
}

/** As GoTrue's isOtpValid: a stored token that matches (with or without pkce_) and has not expired. */
export function otpMatches(given: string, stored: string | null, sentAt: Date | null, lifetimeSeconds: number, now: Date): boolean {
  if (!stored || !sentAt) return false;
  if (now.getTime() > sentAt.getTime() + lifetimeSeconds * 1000) return false;
  return given === stored || `${PKCE_PREFIX}${given}` === stored;
}

export const isExpired = (sentAt: Date | null, lifetimeSeconds: number, now: Date) =>
  !sentAt || now.getTime() > sentAt.getTime() + lifetimeSeconds * 1000;
