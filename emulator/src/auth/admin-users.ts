import type { Sql } from '../db/storage.js';
import { deleteFactorsOfUser } from '../db/mfa-factors.js';
import type { Services } from '../services.js';
import { durationToMs } from '../go/duration.js';
import { deleteOneTimeTokens } from '../db/one-time-tokens.js';
import { mergeMetadata, updatePassword, type IdentityRow, type UserRow } from './users.js';
import { blankIdentity, findIdentity, findUserByIdentityEmail, identitiesOf, insertIdentity, mergeIdentityData } from '../db/identities.js';
import { findUserByEmail, updateUser, usersPage, type UserListQuery } from '../db/users.js';
import { sortKeys } from '../go/json.js';
import { deleteSessionsOfUser } from '../db/sessions.js';

/**
 * The rules behind GoTrue's admin endpoints (admin.go, models/user.go) that do not depend on HTTP:
 * listing, confirming, banning, password resets and soft deletion, as GoTrue performs them.
 */

export const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/**
 * As GoTrue's requireAdmin: the admin is a user that exists only in memory, with the nil id and the
 * token's role as its email. Audit entries written by admin actions name it as their actor.
 * (audit() reads only id, email, phone, is_sso_user and the metadata of its actor.)
 */
export function adminActor(role: string): UserRow {
  const actor: Pick<UserRow, 'id' | 'email' | 'phone' | 'is_sso_user' | 'raw_user_meta_data'> = {
    id: NIL_UUID,
    email: role,
    phone: null,
    is_sso_user: false,
    raw_user_meta_data: null,
  };
  return actor as UserRow;
}

const HEX32 = /^[0-9a-f]{32}$/i;

/**
 * As gofrs/uuid's FromString: canonical, braced, urn:uuid: or 32 bare hex digits. Returns the
 * canonical lowercase form, or undefined.
 */
export function parseUuid(value: string): string | undefined {
  let text = value;
  if (text.toLowerCase().startsWith('urn:uuid:')) text = text.slice(9);
  else if (text.startsWith('{') && text.endsWith('}')) text = text.slice(1, -1);
  let hex: string;
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text)) hex = text.replaceAll('-', '');
  else if (HEX32.test(text) && text === value) hex = text;
  else return undefined;
  hex = hex.toLowerCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * As GoTrue's IsDuplicatedEmail: another user of the audience whose email identity (outside SSO's
 * own linking domain) or whose users.email is this address.
 */
export async function findDuplicateEmailUser(sql: Sql, email: string, aud: string, exceptUserId?: string): Promise<UserRow | undefined> {
  return (await findUserByIdentityEmail(sql, email.toLowerCase(), aud, exceptUserId ?? null)) ?? findUserByEmail(sql, email, aud);
}

/** As GoTrue's FindUsersInAudience: email LIKE or full_name ILIKE the filter; one page and the total. */
export const listUsers = (sql: Sql, q: Omit<UserListQuery, 'pattern'> & { filter: string }) =>
  usersPage(sql, { ...q, pattern: q.filter === '' ? undefined : `%${q.filter}%` });

/** As GoTrue's User.Confirm: email confirmed now, email_verified in user_metadata, pending tokens void. */
export async function confirmEmailAsAdmin(tx: Sql, s: Services, user: UserRow): Promise<UserRow> {
  const now = s.clock.now();
  const confirmed = await updateUser(
    tx,
    user.id,
    { confirmation_token: '', email_confirmed_at: now, raw_user_meta_data: mergeMetadata(user.raw_user_meta_data, { email_verified: true }) },
    now,
  );
  await deleteOneTimeTokens(tx, user.id);
  return confirmed;
}

/** As GoTrue's User.ConfirmPhone. */
export async function confirmPhoneAsAdmin(tx: Sql, s: Services, user: UserRow): Promise<UserRow> {
  const now = s.clock.now();
  const confirmed = await updateUser(tx, user.id, { confirmation_token: '', phone_confirmed_at: now }, now);
  await deleteOneTimeTokens(tx, user.id);
  return confirmed;
}

/** As GoTrue's User.UpdatePassword without a current session: every session of the user ends. */
export const setPasswordEverywhere = (tx: Sql, s: Services, user: UserRow, encryptedPassword: string | null) =>
  updatePassword(tx, user.id, encryptedPassword, s.clock.now());

/** As GoTrue's models.Logout: every session (and with it every refresh token) of the user. */
export const endAllSessions = (tx: Sql, userId: string) => deleteSessionsOfUser(tx, userId);

/** As GoTrue's User.Ban, on the emulator's clock: a zero duration lifts the ban. */
export function bannedUntil(now: Date, durationNs: bigint): Date | null {
  return durationNs === 0n ? null : new Date(now.getTime() + durationToMs(durationNs));
}

/**
 * Creates or updates the user's email or phone identity as admin updates do: a new identity carries
 * sub, the address and both verified flags; an existing one gets the address and its flag merged in.
 * Returns the identity when it was created.
 */
export async function setContactIdentity(
  tx: Sql,
  s: Services,
  user: UserRow,
  provider: 'email' | 'phone',
  address: string,
  verified: boolean,
): Promise<IdentityRow | undefined> {
  const now = s.clock.now();
  const flag = provider === 'email' ? 'email_verified' : 'phone_verified';
  const existing = await findIdentity(tx, provider, user.id);
  if (existing) {
    await mergeIdentityData(tx, existing.id, { [provider]: address, [flag]: verified }, now);
    return undefined;
  }
  const data = sortKeys({
    sub: user.id,
    [provider]: address,
    email_verified: provider === 'email' ? verified : false,
    phone_verified: provider === 'phone' ? verified : false,
  });
  return insertIdentity(tx, { id: s.random.uuid(), userId: user.id, provider, providerId: user.id, data, now });
}

/** As GoTrue's obfuscateValue: unpadded base64url of SHA-256(user id + value). */
async function obfuscate(userId: string, value: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(userId + value)));
  return btoa(String.fromCharCode(...digest)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/**
 * As GoTrue's SoftDeleteUser + SoftDeleteUserIdentities + factor and session removal: the row stays
 * with deleted_at set, addresses replaced by one-way hashes (so they are free for a new account),
 * password, tokens and metadata cleared, identities emptied, factors and sessions deleted.
 */
export async function softDeleteUser(tx: Sql, s: Services, user: UserRow): Promise<void> {
  const now = s.clock.now();
  await updateUser(
    tx,
    user.id,
    {
      email: await obfuscate(user.id, user.email ?? ''),
      phone: (await obfuscate(user.id, user.phone ?? '')).slice(0, 15),
      email_change: await obfuscate(user.id, user.email_change ?? ''),
      phone_change: (await obfuscate(user.id, user.phone_change ?? '')).slice(0, 15),
      encrypted_password: null,
      confirmation_token: '',
      recovery_token: '',
      email_change_token_current: '',
      email_change_token_new: '',
      phone_change_token: '',
      deleted_at: now,
      raw_user_meta_data: {},
      raw_app_meta_data: {},
    },
    now,
  );
  await deleteOneTimeTokens(tx, user.id);
  for (const i of await identitiesOf(tx, user.id)) {
    await blankIdentity(tx, i.id, await obfuscate(user.id, `${i.provider}:${i.provider_id}`), now);
  }
  await deleteFactorsOfUser(tx, user.id);
  await endAllSessions(tx, user.id);
}


const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';
const SYMBOLS = '~!@#$%^&*()_+`-={}|[]\\:"<>?,./';

/**
 * As sethvargo/go-password's Generate(64, 10, symbols, false, true), which GoTrue uses for the
 * password of users created without one: 64 characters, 10 of them digits, `symbols` symbols.
 */
export function generatePassword(s: Services, symbols: number): string {
  const bytes = s.random.bytes(64 * 2);
  const chars: string[] = [];
  for (let i = 0; i < 64; i++) {
    const set = i < 10 ? DIGITS : i < 10 + symbols ? SYMBOLS : LETTERS;
    chars.push(set[bytes[i]! % set.length]!);
  }
  // shuffle, so digits and symbols are not all in front
  for (let i = chars.length - 1; i > 0; i--) {
    const j = bytes[64 + i]! % (i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}
