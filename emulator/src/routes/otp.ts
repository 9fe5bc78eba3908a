import { z } from 'zod';
import { audit } from '../auth/audit.js';
import { sendMagicLink } from '../auth/email-actions.js';
import { createFlowState } from '../auth/flow-state.js';
import { validatePkceParams } from '../auth/pkce.js';
import { randomPassword, register } from '../auth/registration.js';
import { sendPhoneOtp } from '../auth/sms-actions.js';
import { findUserByEmail, findUserByPhone } from '../db/users.js';
import { formatPhone, validateEmail, validatePhone } from '../auth/validate.js';
import type { Ctx } from '../http/env.js';
import { redirectTo } from '../http/redirect.js';
import { readBody, requestInfo } from '../http/request.js';
import { badRequest, unprocessable } from '../errors.js';
import type { RequestInfo, Services } from '../services.js';
import { obj, pkceFields, str } from './params.js';

const OtpBody = z.object({
  email: str(),
  phone: str(),
  channel: str(),
  data: obj(),
  // GoTrue defaults create_user to true when it is absent
  create_user: z.boolean().nullish().transform((v) => v ?? true),
  ...pkceFields,
});

const CHANNELS = ['sms', 'whatsapp'];
const INVALID_CHANNEL =
  "Invalid channel, supported values are 'sms' or 'whatsapp'. 'whatsapp' is only supported if Twilio or Twilio Verify is used as the provider.";

/** POST /otp — a magic link / email code, or an SMS code (GoTrue's Otp). */
export async function otp(c: Ctx) {
  const s = c.var.services;
  const body = await readBody(c, OtpBody);
  if (body.email !== '' && body.phone !== '') throw badRequest('validation_failed', 'Only an email address or phone number should be provided');
  if (body.email !== '' && body.channel !== '') throw badRequest('validation_failed', 'Channel should only be specified with Phone OTP');
  const flow = validatePkceParams(body.code_challenge_method, body.code_challenge);
  const channel = body.channel || 'sms';
  if (!CHANNELS.includes(channel)) throw badRequest('validation_failed', INVALID_CHANNEL);

  if (!body.create_user) {
    const aud = s.config.jwtAud;
    const known =
      body.email !== ''
        ? await findUserByEmail(s.db, body.email.toLowerCase(), aud)
        : body.phone !== ''
          ? await findUserByPhone(s.db, formatPhone(body.phone), aud)
          : undefined;
    if (!known && (body.email !== '' || body.phone !== '')) throw unprocessable('otp_disabled', 'Signups not allowed for otp');
  }
  const pkce = flow === 'pkce' ? { codeChallenge: body.code_challenge, codeChallengeMethod: body.code_challenge_method } : undefined;
  if (body.email !== '') return c.json(await magicLinkFor(c, s, body.email, body.data ?? {}, pkce));
  if (body.phone !== '') return c.json(await smsOtp(s, requestInfo(c), body.phone, body.data ?? {}, channel));
  throw badRequest('validation_failed', 'One of email or phone must be set');
}

const MagicLinkBody = z.object({ email: str(), data: obj(), ...pkceFields });

/** POST /magiclink — the older endpoint behind signInWithOtp for email. */
export async function magicLink(c: Ctx) {
  const s = c.var.services;
  const body = await readBody(c, MagicLinkBody);
  const flow = validatePkceParams(body.code_challenge_method, body.code_challenge);
  const pkce = flow === 'pkce' ? { codeChallenge: body.code_challenge, codeChallengeMethod: body.code_challenge_method } : undefined;
  return c.json(await magicLinkFor(c, s, body.email, body.data ?? {}, pkce));
}

/**
 * GoTrue's MagicLink: a known, confirmed user gets a magic link; anyone else is signed up with a
 * random password (which sends the confirmation mail instead, or with autoconfirm, confirms and
 * then sends the magic link). The answer is {} either way.
 */
async function magicLinkFor(
  c: Ctx,
  s: Services,
  rawEmail: string,
  data: Record<string, unknown>,
  pkce: { codeChallenge: string; codeChallengeMethod: string } | undefined,
) {
  if (!s.config.externalEmailEnabled) throw unprocessable('email_provider_disabled', 'Email logins are disabled');
  if (!s.config.externalEmailMagicLinkEnabled) throw unprocessable('email_provider_disabled', 'Login with magic link is disabled');
  // as GoTrue: this message although it is not a recovery
  if (rawEmail === '') throw unprocessable('validation_failed', 'Password recovery requires an email');
  const email = validateEmail(rawEmail);
  const request = requestInfo(c);
  const redirect = redirectTo(c);
  let user = await findUserByEmail(s.db, email, s.config.jwtAud);
  if (!user || !user.email_confirmed_at) {
    await register(s, {
      provider: 'email', address: email, password: randomPassword(s), data, request, redirectTo: redirect,
      ...(pkce ? { pkce } : {}),
    });
    if (!s.config.mailerAutoconfirm) return {};
    user = await findUserByEmail(s.db, email, s.config.jwtAud);
    if (!user) return {};
  }
  const confirmedUser = user;
  await s.db.transaction(async (tx) => {
    if (pkce) {
      await createFlowState(tx, s, {
        userId: confirmedUser.id, providerType: 'magiclink', method: 'magiclink', ...pkce,
      });
    }
    await audit(tx, s.random, s.clock.now(), { actor: confirmedUser, action: 'user_recovery_requested', ip: request.ip });
    await sendMagicLink(tx, s, confirmedUser, { redirectTo: redirect, pkce: !!pkce });
  });
  return {};
}

/** GoTrue's SmsOtp: signs unknown or unconfirmed numbers up; a confirmed user gets a code. */
async function smsOtp(s: Services, request: RequestInfo, rawPhone: string, data: Record<string, unknown>, channel: string) {
  if (!s.config.externalPhoneEnabled) throw badRequest('phone_provider_disabled', 'Unsupported phone provider');
  const phone = validatePhone(rawPhone);
  let user = await findUserByPhone(s.db, phone, s.config.jwtAud);
  if (!user || !user.phone_confirmed_at) {
    await register(s, { provider: 'phone', address: phone, password: randomPassword(s), data, request, redirectTo: '', channel });
    if (!s.config.smsAutoconfirm) return {};
    user = await findUserByPhone(s.db, phone, s.config.jwtAud);
    if (!user) return {};
  }
  const confirmedUser = user;
  const messageId = await s.db.transaction(async (tx) => {
    await audit(tx, s.random, s.clock.now(), { actor: confirmedUser, action: 'user_recovery_requested', ip: request.ip });
    return (await sendPhoneOtp(tx, s, confirmedUser, phone, 'confirmation', channel)).messageId;
  });
  return messageId ? { message_id: messageId } : {};
}
