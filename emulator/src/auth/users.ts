import type { Sql } from '../db/storage.js';
import { deleteOneTimeTokens } from '../db/one-time-tokens.js';
import { updateUser, userRelations } from '../db/users.js';
import { factorJson } from './mfa/factor-json.js';
import type { IdentityRow, UserRow } from '../db/user-rows.js';
import { goTime, goTimeOrUndefined, omitUndefined, sortKeys } from '../go/json.js';
import { deleteSessionsOfUser } from '../db/sessions.js';

export type { IdentityRow, UserRow };

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
  await deleteOneTimeTokens(tx, userId);
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

/** Loads a user with identities and factors and serialises it, as GoTrue's eager-loaded user. */
export async function loadUserJson(sql: Sql, user: UserRow) {
  const { identities, factors } = await userRelations(sql, user.id);
  return userJson(user, identities, factors.map(factorJson));
}
