import type { Sql } from '../db/storage.js';
import { tooManyRequests } from '../errors.js';
import type { Services } from '../services.js';
import { newToken, saveToken } from './one-time-tokens.js';
import { secondsUntilAllowed } from './rate-limits.js';
import type { UserRow } from './users.js';
import { updateUser } from '../db/users.js';

/**
 * GoTrue's mail-sending actions (internal/api/mail.go): each checks the per-user frequency, issues a
 * code and its hash, records them on the user and in one_time_tokens, and sends (here: captures) the
 * mail. All run inside the caller's transaction, so a refused send leaves nothing half-written.
 */

export interface LinkOptions {
  /** Where the link leads after verification (already validated against the allow-list). */
  redirectTo: string;
  /** PKCE flow: the stored hash gets the pkce_ prefix and /verify answers with ?code=. */
  pkce?: boolean;
}

/** As GoTrue's validateSentWithinFrequencyLimit, with its message. */
export function checkFrequency(sentAt: Date | null, maxFrequency: number, now: Date, code: 'over_email_send_rate_limit' | 'over_sms_send_rate_limit') {
  if (sentAt && sentAt.getTime() + maxFrequency * 1000 >= now.getTime()) {
    const left = secondsUntilAllowed(sentAt, maxFrequency, now);
    throw tooManyRequests(code, `For security purposes, you can only request this after ${left} seconds.`);
  }
}

const templateData = (user: UserRow) => ({ Email: user.email ?? '', Data: user.raw_user_meta_data ?? {} });

export async function sendConfirmation(tx: Sql, s: Services, user: UserRow, opts: LinkOptions): Promise<UserRow> {
  const now = s.clock.now();
  checkFrequency(user.confirmation_sent_at, s.config.smtpMaxFrequency, now, 'over_email_send_rate_limit');
  const email = user.email ?? '';
  const token = await newToken(s, email, s.config.mailerOtpLength, opts.pkce);
  await s.mailer.send(tx, {
    type: 'confirmation', to: email, userId: user.id, otp: token.otp, tokenHash: token.hash, redirectTo: opts.redirectTo,
    data: templateData(user),
  });
  await saveToken(tx, s, { user, type: 'confirmation_token', hash: token.hash, relatesTo: email, now });
  return updateUser(tx, user.id, { confirmation_token: token.hash, confirmation_sent_at: now }, now);
}

/** Invites are never PKCE and have no frequency limit, as in GoTrue. */
export async function sendInvite(tx: Sql, s: Services, user: UserRow, opts: LinkOptions): Promise<UserRow> {
  const now = s.clock.now();
  const email = user.email ?? '';
  const token = await newToken(s, email, s.config.mailerOtpLength);
  await s.mailer.send(tx, {
    type: 'invite', to: email, userId: user.id, otp: token.otp, tokenHash: token.hash, redirectTo: opts.redirectTo,
    data: templateData(user),
  });
  await saveToken(tx, s, { user, type: 'confirmation_token', hash: token.hash, relatesTo: email, now });
  return updateUser(tx, user.id, { confirmation_token: token.hash, confirmation_sent_at: now, invited_at: now }, now);
}

/** Recovery and magic link share recovery_token and its frequency limit. */
async function sendRecoveryKind(tx: Sql, s: Services, user: UserRow, opts: LinkOptions, type: 'recovery' | 'magic_link') {
  const now = s.clock.now();
  checkFrequency(user.recovery_sent_at, s.config.smtpMaxFrequency, now, 'over_email_send_rate_limit');
  const email = user.email ?? '';
  const token = await newToken(s, email, s.config.mailerOtpLength, opts.pkce);
  await s.mailer.send(tx, {
    type, to: email, userId: user.id, otp: token.otp, tokenHash: token.hash, redirectTo: opts.redirectTo, data: templateData(user),
  });
  await saveToken(tx, s, { user, type: 'recovery_token', hash: token.hash, relatesTo: email, now });
  return updateUser(tx, user.id, { recovery_token: token.hash, recovery_sent_at: now }, now);
}

export const sendRecovery = (tx: Sql, s: Services, user: UserRow, opts: LinkOptions) => sendRecoveryKind(tx, s, user, opts, 'recovery');
export const sendMagicLink = (tx: Sql, s: Services, user: UserRow, opts: LinkOptions) => sendRecoveryKind(tx, s, user, opts, 'magic_link');

/**
 * Email change: a code to the new address, and with secure email change a second code to the
 * current one; both must be confirmed (GoTrue's sendEmailChange).
 */
export async function sendEmailChange(tx: Sql, s: Services, user: UserRow, newEmail: string, opts: LinkOptions): Promise<UserRow> {
  const now = s.clock.now();
  checkFrequency(user.email_change_sent_at, s.config.smtpMaxFrequency, now, 'over_email_send_rate_limit');
  const current = user.email ?? '';
  const toNew = await newToken(s, newEmail, s.config.mailerOtpLength, opts.pkce);
  const toCurrent =
    s.config.mailerSecureEmailChangeEnabled && current !== '' ? await newToken(s, current, s.config.mailerOtpLength, opts.pkce) : undefined;
  const data = { ...templateData(user), NewEmail: newEmail };
  await s.mailer.send(tx, {
    type: 'email_change', to: newEmail, userId: user.id, otp: toNew.otp, tokenHash: toNew.hash, redirectTo: opts.redirectTo,
    data: { ...data, SendingTo: newEmail },
  });
  if (toCurrent) {
    await s.mailer.send(tx, {
      type: 'email_change', to: current, userId: user.id, otp: toCurrent.otp, tokenHash: toCurrent.hash, redirectTo: opts.redirectTo,
      data: { ...data, SendingTo: current },
    });
    await saveToken(tx, s, { user, type: 'email_change_token_current', hash: toCurrent.hash, relatesTo: current, now });
  }
  await saveToken(tx, s, { user, type: 'email_change_token_new', hash: toNew.hash, relatesTo: newEmail, now });
  return updateUser(
    tx,
    user.id,
    {
      email_change: newEmail,
      email_change_token_new: toNew.hash,
      email_change_token_current: toCurrent?.hash ?? '',
      email_change_confirm_status: 0,
      email_change_sent_at: now,
    },
    now,
  );
}

/** A 6-digit nonce for a password change when secure password change is on. */
export async function sendReauthentication(tx: Sql, s: Services, user: UserRow): Promise<UserRow> {
  const now = s.clock.now();
  checkFrequency(user.reauthentication_sent_at, s.config.smtpMaxFrequency, now, 'over_email_send_rate_limit');
  const email = user.email ?? '';
  const token = await newToken(s, email, s.config.mailerOtpLength);
  await s.mailer.send(tx, {
    type: 'reauthentication', to: email, userId: user.id, otp: token.otp, tokenHash: token.hash, redirectTo: '',
    data: templateData(user),
  });
  await saveToken(tx, s, { user, type: 'reauthentication_token', hash: token.hash, relatesTo: email, now });
  return updateUser(tx, user.id, { reauthentication_token: token.hash, reauthentication_sent_at: now }, now);
}
