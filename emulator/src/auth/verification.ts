import type { Sql } from '../db/storage.js';
import { badRequest, forbidden } from '../errors.js';
import type { RequestInfo, Services } from '../services.js';
import { audit } from './audit.js';
import { hashPassword } from './passwords.js';
import { isExpired, otpMatches } from './one-time-tokens.js';
import { deleteOneTimeTokens, findUserByTokenHash, type OneTimeTokenType } from '../db/one-time-tokens.js';
import { isBanned, type UserRow } from './users.js';
import { identitiesOf, insertIdentity, markEmailIdentitiesVerified, mergeIdentityData } from '../db/identities.js';
import { findUserByEmail, findUserByEmailChangeToken, findUserByPhone, findUserByPhoneChange, updateUser } from '../db/users.js';
import { sortKeys } from '../go/json.js';
import { deleteSessionsOfUser } from '../db/sessions.js';

/**
 * What a verified code or link does, per type (GoTrue's verify.go). Each function runs inside the
 * caller's transaction; an AuthError rolls everything back.
 */

export type VerifyType = 'signup' | 'invite' | 'recovery' | 'magiclink' | 'email_change' | 'email' | 'sms' | 'phone_change';

const LINK_INVALID = 'Email link is invalid or has expired';
const OTP_INVALID = 'Token has expired or is invalid';

const TOKEN_TYPES: Record<'signup' | 'invite' | 'recovery' | 'magiclink' | 'email_change' | 'email', OneTimeTokenType[]> = {
  signup: ['confirmation_token'],
  invite: ['confirmation_token'],
  recovery: ['recovery_token'],
  magiclink: ['recovery_token'],
  email_change: ['email_change_token_current', 'email_change_token_new'],
  email: ['confirmation_token', 'recovery_token'],
};

/** A link or token_hash (GoTrue's verifyTokenHash). Returns the user and the type that matched. */
export async function userForTokenHash(tx: Sql, s: Services, type: VerifyType, hash: string): Promise<{ user: UserRow; type: VerifyType }> {
  if (!(type in TOKEN_TYPES)) throw badRequest('validation_failed', 'Invalid email verification type');
  const user = await findUserByTokenHash(tx, hash, TOKEN_TYPES[type as keyof typeof TOKEN_TYPES]);
  if (!user) throw forbidden('otp_expired', LINK_INVALID);
  const now = s.clock.now();
  if (isBanned(user, now)) throw forbidden('user_banned', 'User is banned');
  let effective = type;
  let sentAt: Date | null;
  if (type === 'email') {
    const isRecovery = user.recovery_token === hash;
    effective = isRecovery ? 'magiclink' : 'signup';
    sentAt = isRecovery ? user.recovery_sent_at : user.confirmation_sent_at;
  } else if (type === 'signup' || type === 'invite') sentAt = user.confirmation_sent_at;
  else if (type === 'recovery' || type === 'magiclink') sentAt = user.recovery_sent_at;
  else sentAt = user.email_change_sent_at;
  if (isExpired(sentAt, s.config.mailerOtpExp, now)) throw forbidden('otp_expired', LINK_INVALID);
  return { user, type: effective };
}

/** A typed code with its email or phone (GoTrue's verifyUserAndToken). */
export async function userForCode(
  tx: Sql,
  s: Services,
  p: { type: VerifyType; hash: string; otp: string; email: string; phone: string },
): Promise<{ user: UserRow; type: VerifyType }> {
  const aud = s.config.jwtAud;
  let user: UserRow | undefined;
  if (p.type === 'phone_change') {
    user = await findUserByPhoneChange(tx, p.phone, aud);
  } else if (p.type === 'sms') {
    user = await findUserByPhone(tx, p.phone, aud);
  } else if (p.type === 'email_change') {
    user = await findUserByEmailChangeToken(tx, p.email, aud, p.hash);
  } else {
    user = await findUserByEmail(tx, p.email, aud);
  }
  if (!user) throw forbidden('otp_expired', OTP_INVALID);
  const now = s.clock.now();
  if (isBanned(user, now)) throw forbidden('user_banned', 'User is banned');
  const mailExp = s.config.mailerOtpExp;
  let effective = p.type;
  let valid = false;
  switch (p.type) {
    case 'email':
      if (otpMatches(p.hash, user.confirmation_token, user.confirmation_sent_at, mailExp, now)) {
        valid = true;
        effective = 'signup';
      } else if (otpMatches(p.hash, user.recovery_token, user.recovery_sent_at, mailExp, now)) {
        valid = true;
        effective = 'magiclink';
      }
      break;
    case 'signup':
    case 'invite':
      valid = otpMatches(p.hash, user.confirmation_token, user.confirmation_sent_at, mailExp, now);
      break;
    case 'recovery':
    case 'magiclink':
      valid = otpMatches(p.hash, user.recovery_token, user.recovery_sent_at, mailExp, now);
      break;
    case 'email_change':
      valid =
        otpMatches(p.hash, user.email_change_token_current, user.email_change_sent_at, mailExp, now) ||
        otpMatches(p.hash, user.email_change_token_new, user.email_change_sent_at, mailExp, now);
      break;
    case 'sms':
    case 'phone_change': {
      // as GoTrue: a configured test code always passes for its phone
      if (s.config.smsTestOtp[p.phone] !== undefined && s.config.smsTestOtp[p.phone] === p.otp) return { user, type: p.type };
      const change = p.type === 'phone_change';
      valid = otpMatches(
        p.hash,
        change ? user.phone_change_token : user.confirmation_token,
        change ? user.phone_change_sent_at : user.confirmation_sent_at,
        s.config.smsOtpExp,
        now,
      );
      break;
    }
  }
  if (!valid) throw forbidden('otp_expired', OTP_INVALID);
  return { user, type: effective };
}

/** Email confirmed: GoTrue's User.Confirm plus identity email_verified, and the sign-up audit entry. */
export async function confirmEmail(tx: Sql, s: Services, user: UserRow, request: RequestInfo): Promise<UserRow> {
  const now = s.clock.now();
  await audit(tx, s.random, now, { actor: user, action: 'user_signedup', traits: { provider: 'email' }, ip: request.ip });
  const confirmed = await updateUser(
    tx,
    user.id,
    {
      confirmation_token: '',
      email_confirmed_at: now,
      raw_user_meta_data: { ...(user.raw_user_meta_data ?? {}), email_verified: true },
    },
    now,
  );
  await deleteOneTimeTokens(tx, user.id);
  if (user.email) {
    await markEmailIdentitiesVerified(tx, user.id, user.email, now);
  }
  return confirmed;
}

/** signup / invite verified (GoTrue's signupVerify): an invited user without a password gets a random one. */
export async function signupVerified(tx: Sql, s: Services, user: UserRow, request: RequestInfo): Promise<UserRow> {
  let current = user;
  if (!user.encrypted_password && user.invited_at) {
    const now = s.clock.now();
    const random = Array.from(s.random.bytes(48), (b) => b.toString(36)).join('');
    current = await updateUser(tx, user.id, { encrypted_password: await hashPassword(random.slice(0, 64), s.config.bcryptCost, s.random.bytes(16)) }, now);
    await deleteSessionsOfUser(tx, user.id);
  }
  return confirmEmail(tx, s, current, request);
}

/** recovery / magiclink verified (GoTrue's recoverVerify): also confirms an unconfirmed email. */
export async function recoveryVerified(tx: Sql, s: Services, user: UserRow, request: RequestInfo): Promise<UserRow> {
  const now = s.clock.now();
  const recovered = await updateUser(tx, user.id, { recovery_token: '' }, now);
  await deleteOneTimeTokens(tx, user.id);
  if (!recovered.email_confirmed_at) return confirmEmail(tx, s, recovered, request);
  await audit(tx, s.random, now, { actor: recovered, action: 'login', ip: request.ip });
  return recovered;
}

/**
 * email_change verified (GoTrue's emailChangeVerify). With secure email change (and no autoconfirm)
 * the first of the two links only records itself: returns undefined, and the caller answers
 * "Confirmation link accepted...". The second applies the change.
 */
export async function emailChangeVerified(
  tx: Sql,
  s: Services,
  user: UserRow,
  hash: string,
  request: RequestInfo,
): Promise<UserRow | undefined> {
  const now = s.clock.now();
  const matches = (stored: string | null) => !!stored && (stored === hash || stored === `pkce_${hash}`);
  if (!s.config.mailerAutoconfirm && s.config.mailerSecureEmailChangeEnabled && user.email_change_confirm_status === 0 && user.email) {
    const changes: Partial<UserRow> = { email_change_confirm_status: 1 };
    if (matches(user.email_change_token_current)) {
      changes.email_change_token_current = '';
      await deleteOneTimeTokens(tx, user.id, 'email_change_token_current');
    } else if (matches(user.email_change_token_new)) {
      changes.email_change_token_new = '';
      await deleteOneTimeTokens(tx, user.id, 'email_change_token_new');
    }
    await updateUser(tx, user.id, changes, now);
    return undefined;
  }
  const newEmail = user.email_change ?? '';
  await audit(tx, s.random, now, { actor: user, action: 'user_modified', ip: request.ip });
  const identities = await identitiesOf(tx, user.id);
  const emailIdentity = identities.find((i) => i.provider === 'email');
  if (emailIdentity) {
    await mergeIdentityData(tx, emailIdentity.id, { email: newEmail, email_verified: true }, now);
  } else {
    await insertIdentity(tx, {
      id: s.random.uuid(), userId: user.id, provider: 'email', providerId: user.id, now,
      data: sortKeys({ sub: user.id, email: newEmail, email_verified: true, phone_verified: false }),
    });
  }
  const changed = await updateUser(
    tx,
    user.id,
    {
      email: newEmail,
      email_change: '',
      email_change_token_current: '',
      email_change_token_new: '',
      email_change_confirm_status: 0,
      email_confirmed_at: now,
      is_anonymous: false,
    },
    now,
  );
  await deleteOneTimeTokens(tx, user.id);
  return changed;
}

/** sms / phone_change verified (GoTrue's smsVerify). */
export async function phoneVerified(tx: Sql, s: Services, user: UserRow, type: 'sms' | 'phone_change', phone: string, request: RequestInfo) {
  const now = s.clock.now();
  let changes: Partial<UserRow>;
  if (type === 'sms') {
    await audit(tx, s.random, now, { actor: user, action: 'user_signedup', traits: { provider: 'phone' }, ip: request.ip });
    changes = { phone_confirmed_at: now, confirmation_token: '' };
  } else {
    await audit(tx, s.random, now, { actor: user, action: 'user_modified', ip: request.ip });
    const phoneIdentity = (await identitiesOf(tx, user.id)).find((i) => i.provider === 'phone');
    if (phoneIdentity) {
      await mergeIdentityData(tx, phoneIdentity.id, { phone, phone_verified: true }, now);
    } else {
      await insertIdentity(tx, {
        id: s.random.uuid(), userId: user.id, provider: 'phone', providerId: user.id, now,
        data: sortKeys({ sub: user.id, phone, phone_verified: true, email_verified: false }),
      });
    }
    changes = { phone: user.phone_change, phone_change: '', phone_change_token: '', phone_confirmed_at: now };
  }
  if (user.is_anonymous) changes.is_anonymous = false;
  const verified = await updateUser(tx, user.id, changes, now);
  await deleteOneTimeTokens(tx, user.id);
  return verified;
}

/**
 * As GoTrue's UpdateAppMetaDataProviders: providers = the user's identity providers in creation
 * order, provider = the first of them (an anonymous user with none gets an empty list).
 */
export async function refreshProviders(tx: Sql, s: Services, user: UserRow): Promise<UserRow> {
  const providers = [...new Set((await identitiesOf(tx, user.id)).map((i) => i.provider))];
  const update: Record<string, unknown> = { providers };
  if (providers.length > 0) update.provider = providers[0];
  return updateUser(tx, user.id, { raw_app_meta_data: { ...(user.raw_app_meta_data ?? {}), ...update } }, s.clock.now());
}
