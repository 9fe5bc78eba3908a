import { z } from 'zod';
import { audit } from '../auth/audit.js';
import { checkPasswordStrength, hashPassword, verifyPassword } from '../auth/passwords.js';
import { validatePkceParams } from '../auth/pkce.js';
import { loadUserJson, mergeMetadata, updatePassword, type UserRow } from '../auth/users.js';
import { findUserByEmail, findUserByPhone, updateUser } from '../db/users.js';
import { validateEmail, validatePhone } from '../auth/validate.js';
import { sendEmailChange } from '../auth/email-actions.js';
import { createFlowState } from '../auth/flow-state.js';
import { otpMatches, tokenHash } from '../auth/one-time-tokens.js';
import { sendPhoneOtp } from '../auth/sms-actions.js';
import { emailChangeVerified, phoneVerified, refreshProviders } from '../auth/verification.js';
import { hasVerifiedFactor } from '../db/mfa-factors.js';
import { sessionHasAmrClaim } from '../db/amr-claims.js';
import { redirectTo } from '../http/redirect.js';
import { currentUser } from '../http/auth.js';
import type { Ctx } from '../http/env.js';
import { readBody, requestInfo } from '../http/request.js';
import { badRequest, forbidden, unauthorized, unprocessable } from '../errors.js';
import { obj, pkceFields, str } from './params.js';

/** GET /user — the user of the bearer token, if the token's audience is the one asked for. */
export async function getUser(c: Ctx) {
  const s = c.var.services;
  const user = currentUser(c);
  const aud = c.req.header('x-jwt-aud') || s.config.jwtAud;
  if (c.var.caller.claims.aud !== aud) throw badRequest('validation_failed', "Token audience doesn't match request audience");
  return c.json(await loadUserJson(s.db, user));
}

const UpdateBody = z.object({
  email: str(),
  phone: str(),
  channel: str(),
  // null and absent differ for password: absent leaves it, "" is checked like any other value
  password: z.string().nullish(),
  current_password: z.string().nullish(),
  nonce: str(),
  data: obj(),
  app_metadata: obj(),
  ...pkceFields,
});

/** PUT /user — metadata, password, and the start of email and phone changes (GoTrue's UserUpdate). */
export async function updateCurrentUser(c: Ctx) {
  const s = c.var.services;
  const body = await readBody(c, UpdateBody);
  const user = currentUser(c);
  const session = c.var.caller.session;
  const aud = s.config.jwtAud;

  const email = body.email !== '' ? validateEmail(body.email) : '';
  const phone = body.phone !== '' ? validatePhone(body.phone) : '';
  const password = body.password ?? undefined;
  if (password !== undefined) checkPasswordStrength(password, s.config);
  validatePkceParams(body.code_challenge_method, body.code_challenge);

  if (body.app_metadata && !s.config.jwtAdminRoles.includes(user.role)) {
    throw forbidden('not_admin', 'Updating app_metadata requires admin privileges');
  }
  const changesEmail = email !== '' && email !== (user.email ?? '');
  const changesPhone = phone !== '' && phone !== (user.phone ?? '');
  if (session?.aal === 'aal1' && (await hasVerifiedFactor(c.var.services.db, user.id)) && (password || changesEmail || changesPhone)) {
    throw unauthorized('insufficient_aal', 'AAL2 session is required to update email or password when MFA is enabled.');
  }
  if (user.is_anonymous && password && email === '' && phone === '') {
    throw unprocessable('validation_failed', 'Updating password of an anonymous user without an email or phone is not allowed');
  }
  if (changesEmail && (await findUserByEmail(s.db, email, aud))) {
    throw unprocessable('email_exists', 'A user with this email address has already been registered');
  }
  if (changesPhone && (await findUserByPhone(s.db, phone, aud))) {
    throw unprocessable('phone_exists', 'A user with this phone number has already been registered');
  }

  let newHash: string | undefined;
  if (password !== undefined) {
    if (s.config.securityUpdatePasswordRequireReauthentication) {
      // as GoTrue: a session younger than 24 hours needs no nonce
      const fresh = session && s.clock.now().getTime() <= session.created_at.getTime() + 24 * 60 * 60 * 1000;
      if (!fresh) {
        if (body.nonce === '') throw badRequest('reauthentication_needed', 'Password update requires reauthentication');
        await checkNonce(c, user, body.nonce);
      }
    }
    if (password !== '' && user.encrypted_password) {
      if (s.config.securityUpdatePasswordRequireCurrentPassword && !(await isRecoverySession(c))) {
        if (!body.current_password) {
          throw badRequest('current_password_required', 'Current password required when setting new password.');
        }
        if (!(await verifyPassword(body.current_password, user.encrypted_password))) {
          throw badRequest('current_password_invalid', 'Current password required when setting new password.');
        }
      }
      if (await verifyPassword(password, user.encrypted_password)) {
        throw unprocessable('same_password', 'New password should be different from the old password.');
      }
    }
    newHash = await hashPassword(password, s.config.bcryptCost, s.random.bytes(16));
  }

  const request = requestInfo(c);
  return s.db.transaction(async (tx) => {
    const now = s.clock.now();
    let updated: UserRow = user;
    if (newHash !== undefined) {
      // as GoTrue's UpdatePassword: every pending token is void and every other session ends
      updated = await updatePassword(tx, user.id, newHash, now, session?.id);
      await audit(tx, s.random, now, { actor: updated, action: 'user_updated_password', ip: request.ip });
    }
    if (body.data) updated = await updateUser(tx, user.id, { raw_user_meta_data: mergeMetadata(updated.raw_user_meta_data, body.data) }, now);
    if (body.app_metadata) {
      updated = await updateUser(tx, user.id, { raw_app_meta_data: mergeMetadata(updated.raw_app_meta_data, body.app_metadata) }, now);
    }
    if (changesEmail) {
      if (updated.is_anonymous && s.config.mailerAutoconfirm) {
        // as GoTrue: an anonymous user's first email is applied at once when no confirmation is needed
        const pending = await updateUser(tx, user.id, { email_change: email }, now);
        updated = await refreshProviders(tx, s, (await emailChangeVerified(tx, s, pending, '', request)) ?? pending);
      } else {
        const pkce = body.code_challenge !== '';
        if (pkce) {
          await createFlowState(tx, s, {
            userId: user.id, providerType: 'email_change', method: 'email_change',
            codeChallenge: body.code_challenge, codeChallengeMethod: body.code_challenge_method,
          });
        }
        updated = await sendEmailChange(tx, s, updated, email, { redirectTo: redirectTo(c), pkce });
      }
    }
    if (changesPhone) {
      if (s.config.smsAutoconfirm) {
        const pending = await updateUser(tx, user.id, { phone_change: phone }, now);
        updated = await phoneVerified(tx, s, pending, 'phone_change', phone, request);
      } else {
        updated = (await sendPhoneOtp(tx, s, updated, phone, 'phone_change', body.channel || 'sms')).user;
      }
      updated = await refreshProviders(tx, s, updated);
    }
    await audit(tx, s.random, now, { actor: updated, action: 'user_modified', ip: request.ip });
    return c.json(await loadUserJson(tx, updated));
  });
}

/** As GoTrue's verifyReauthentication: the nonce mailed (or texted) by /reauthenticate. */
async function checkNonce(c: Ctx, user: UserRow, nonce: string) {
  const s = c.var.services;
  const invalid = () => unprocessable('reauthentication_not_valid', 'Nonce has expired or is invalid');
  if (!user.reauthentication_token || !user.reauthentication_sent_at) throw invalid();
  const address = user.email || user.phone || '';
  const lifetime = user.email ? s.config.mailerOtpExp : s.config.smsOtpExp;
  const hash = await tokenHash(address, nonce);
  if (!otpMatches(hash, user.reauthentication_token, user.reauthentication_sent_at, lifetime, s.clock.now())) throw invalid();
}

/** A session signed in through a recovery, magic link or OTP counts as a recovery session. */
async function isRecoverySession(c: Ctx) {
  const session = c.var.caller.session;
  if (!session) return false;
  return sessionHasAmrClaim(c.var.services.db, session.id, ['recovery', 'otp', 'magiclink']);
}
