import type { MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { NIL_UUID } from '../auth/admin-users.js';
import { audit } from '../auth/audit.js';
import { checkFrequency } from '../auth/email-actions.js';
import {
  challengeExpiresAt,
  checkChallenge,
  completeVerification,
  insertChallenge,
  insertFactor,
  unenroll,
  validateNewFactor,
} from '../auth/mfa/factors.js';
import { deleteFactors, findChallenge, findOwnedFactor, phoneFactorsFor, type FactorRow } from '../db/mfa-factors.js';
import { generateTotpKey, totpCodeValid } from '../auth/mfa/totp.js';
import type { SessionRow } from '../db/sessions.js';
import { validatePhone } from '../auth/validate.js';
import { currentUser, isUuid } from '../http/auth.js';
import type { AppEnv, Ctx } from '../http/env.js';
import { readBody, requestInfo } from '../http/request.js';
import { smsProviderProblem } from '../config.js';
import { badRequest, forbidden, notFound, unexpectedFailure, unprocessable } from '../errors.js';
import { renderTemplate } from '../go/template.js';
import { insertSms } from '../db/sms-store.js';
import { challengeWebAuthn, enrollWebAuthn, verifyWebAuthn } from './factors-webauthn.js';
import { str } from './params.js';

/** GoTrue's /factors endpoints (api/mfa.go): enroll, challenge, verify and unenroll MFA factors. */


/** As GoTrue's requireNotAnonymous, read from the token's is_anonymous claim. */
export const requireNotAnonymous: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.var.caller.claims.is_anonymous === true) {
    throw forbidden('no_authorization', 'Anonymous user not allowed to perform these actions');
  }
  await next();
};

/**
 * GoTrue's loadFactor as a step of its own, so the MFA rate limiter after it (as in GoTrue's route
 * table) counts only requests for one of the caller's factors; the handler then reads the factor.
 */
export const requireOwnFactor: MiddlewareHandler<AppEnv> = async (c, next) => {
  await ownFactor(c);
  await next();
};

/** As GoTrue's loadFactor: 404 for an id that is no UUID or not one of the caller's factors. */
async function ownFactor(c: Ctx): Promise<FactorRow> {
  const id = c.req.param('factor_id') ?? '';
  if (!isUuid(id)) throw notFound('validation_failed', 'factor_id must be an UUID');
  const factor = await findOwnedFactor(c.var.services.db, currentUser(c).id, id.toLowerCase());
  if (!factor) throw notFound('mfa_factor_not_found', 'Factor not found');
  return factor;
}

/**
 * The caller's address as GoTrue records it on a challenge and compares it on verify. The column
 * cannot be empty; a request without a forwarded address comes from this machine.
 */
const challengeIp = (c: Ctx) => requestInfo(c).ip || '127.0.0.1';

const EnrollBody = z.object({ factor_type: str(), friendly_name: str(), issuer: str(), phone: str() });

/** POST /factors — starts enrolling a TOTP, phone or WebAuthn factor; it stays unverified until verified. */
export async function enrollFactor(c: Ctx) {
  const s = c.var.services;
  const session = c.var.caller.session;
  if (!session) throw unexpectedFailure('A valid session and a registered user are required to enroll a factor');
  const body = await readBody(c, EnrollBody);
  switch (body.factor_type) {
    case 'phone':
      if (!s.config.mfaPhoneEnrollEnabled) throw unprocessable('mfa_phone_enroll_not_enabled', 'MFA enroll is disabled for Phone');
      return enrollPhone(c, session, body);
    case 'totp':
      if (!s.config.mfaTotpEnrollEnabled) throw unprocessable('mfa_totp_enroll_not_enabled', 'MFA enroll is disabled for TOTP');
      return enrollTotp(c, session, body);
    case 'webauthn':
      if (!s.config.mfaWebAuthnEnrollEnabled) throw unprocessable('mfa_webauthn_enroll_not_enabled', 'MFA enroll is disabled for WebAuthn');
      return enrollWebAuthn(c, session, body.friendly_name);
    default:
      throw badRequest('validation_failed', 'factor_type needs to be totp, phone, or webauthn');
  }
}

async function enrollTotp(c: Ctx, session: SessionRow, body: z.output<typeof EnrollBody>) {
  const s = c.var.services;
  const user = currentUser(c);
  // as GoTrue: the issuer defaults to SITE_URL's host, port included
  const issuer = body.issuer || new URL(s.config.siteUrl).host;
  // as GoTrue, outside the transaction: the clean-up of expired factors stands whatever follows
  await validateNewFactor(s.db, s, user, body.friendly_name, session);
  // GoTrue's TOTP library refuses an empty account name and GoTrue answers 500 "Error generating QR
  // Code"; the request cannot succeed, so authlab says why with a 422
  if (!user.email) throw unprocessable('validation_failed', 'TOTP factors need a user with an email address');
  const key = await generateTotpKey(issuer, user.email, s.random.bytes(20));
  const factor = await s.db.transaction(async (tx) => {
    const factor = await insertFactor(tx, s, { user, type: 'totp', friendlyName: body.friendly_name, secret: key.secret });
    await audit(tx, s.random, s.clock.now(), {
      actor: user, action: 'factor_in_progress', ip: requestInfo(c).ip, traits: { factor_id: factor.id },
    });
    return factor;
  });
  return c.json({
    id: factor.id,
    type: 'totp',
    friendly_name: factor.friendly_name ?? '',
    totp: { qr_code: key.qrCode, secret: key.secret, uri: key.uri },
  });
}

async function enrollPhone(c: Ctx, session: SessionRow, body: z.output<typeof EnrollBody>) {
  const s = c.var.services;
  const user = currentUser(c);
  if (body.phone === '') throw badRequest('validation_failed', 'Phone number required to enroll Phone factor');
  let phone: string;
  try {
    phone = validatePhone(body.phone);
  } catch {
    throw badRequest('validation_failed', 'Invalid phone number format (E.164 required)');
  }
  // as GoTrue: a verified factor for this number blocks, unverified ones for it are replaced; these
  // deletions and the expired-factor clean-up happen before, and apart from, the enrolment itself
  const samePhone = await phoneFactorsFor(s.db, user.id, phone);
  if (samePhone.some((f) => f.status === 'verified')) {
    throw unprocessable('mfa_verified_factor_exists', 'A verified phone factor already exists, unenroll the existing factor to continue');
  }
  if (samePhone.length) await deleteFactors(s.db, samePhone.map((f) => f.id));
  await validateNewFactor(s.db, s, user, body.friendly_name, session);
  const factor = await s.db.transaction(async (tx) => {
    const factor = await insertFactor(tx, s, { user, type: 'phone', friendlyName: body.friendly_name, phone });
    await audit(tx, s.random, s.clock.now(), {
      actor: user, action: 'factor_in_progress', ip: requestInfo(c).ip, traits: { factor_id: factor.id, factor_type: 'phone' },
    });
    return factor;
  });
  // as GoTrue: the number is echoed as the caller wrote it
  return c.json({ id: factor.id, type: 'phone', friendly_name: factor.friendly_name ?? '', phone: body.phone });
}

const ChallengeBody = z.object({ channel: str() });
const CHANNELS = ['sms', 'whatsapp'];
const INVALID_CHANNEL =
  "Invalid channel, supported values are 'sms' or 'whatsapp'. 'whatsapp' is only supported if Twilio or Twilio Verify is used as the provider.";

/** POST /factors/{id}/challenge — a challenge to verify against; phone factors get their code by SMS. */
export async function challengeFactor(c: Ctx) {
  const s = c.var.services;
  const factor = await ownFactor(c);
  switch (factor.factor_type) {
    case 'phone':
      if (!s.config.mfaPhoneVerifyEnabled) throw unprocessable('mfa_phone_verify_not_enabled', 'MFA verification is disabled for Phone');
      return challengePhone(c, factor);
    case 'totp':
      if (!s.config.mfaTotpVerifyEnabled) throw unprocessable('mfa_totp_verify_not_enabled', 'MFA verification is disabled for TOTP');
      return challengeTotp(c, factor);
    default:
      if (!s.config.mfaWebAuthnVerifyEnabled) throw unprocessable('mfa_webauthn_verify_not_enabled', 'MFA verification is disabled for WebAuthn');
      return challengeWebAuthn(c, factor, challengeIp(c));
  }
}

async function challengeTotp(c: Ctx, factor: FactorRow) {
  const s = c.var.services;
  const user = currentUser(c);
  const challenge = await s.db.transaction(async (tx) => {
    const challenge = await insertChallenge(tx, s, { factor, id: s.random.uuid(), ip: challengeIp(c) });
    await audit(tx, s.random, s.clock.now(), {
      actor: user, action: 'challenge_created', ip: requestInfo(c).ip, traits: { factor_id: factor.id, factor_status: factor.status },
    });
    return challenge;
  });
  return c.json({ id: challenge.id, type: 'totp', expires_at: Math.floor(challengeExpiresAt(s, challenge).getTime() / 1000) });
}

async function challengePhone(c: Ctx, factor: FactorRow) {
  const s = c.var.services;
  const user = currentUser(c);
  const body = await readBody(c, ChallengeBody);
  const channel = body.channel || 'sms';
  if (!CHANNELS.includes(channel)) throw badRequest('validation_failed', INVALID_CHANNEL);
  const now = s.clock.now();
  checkFrequency(factor.last_challenged_at, s.config.mfaPhoneMaxFrequency, now, 'over_sms_send_rate_limit');
  // as GoTrue, a provider whose settings it refuses fails the challenge; with none at all authlab
  // still captures the code, so phone MFA works in a project that has no SMS provider
  if (s.config.smsProvider && smsProviderProblem(s.config)) throw unexpectedFailure('Failed to get SMS provider');
  const otp = s.random.digits(s.config.mfaPhoneOtpLength);
  const phone = factor.phone ?? '';
  const challenge = await s.db.transaction(async (tx) => {
    // GoTrue sends through its SMS provider (no test OTPs, no hourly SMS quota); authlab's outbox captures it
    await insertSms(tx, {
      id: s.random.uuid(),
      phone,
      body: renderTemplate(s.config.mfaPhoneTemplate, { Code: otp }, false),
      channel,
      sms_type: 'mfa',
      user_id: user.id,
      otp,
      created_at: now,
    });
    const challenge = await insertChallenge(tx, s, { factor, id: s.random.uuid(), ip: challengeIp(c), otp });
    await audit(tx, s.random, now, {
      actor: user, action: 'challenge_created', ip: requestInfo(c).ip, traits: { factor_id: factor.id, factor_status: factor.status },
    });
    return challenge;
  });
  return c.json({ id: challenge.id, type: 'phone', expires_at: Math.floor(challengeExpiresAt(s, challenge).getTime() / 1000) });
}

const VerifyBody = z.object({
  // Go decodes challenge_id into a UUID: absent is the nil UUID, anything else must parse
  challenge_id: z
    .string()
    .nullish()
    .transform((v, ctx) => {
      if (v === null || v === undefined) return NIL_UUID;
      const text: string = v;
      if (isUuid(text)) return text.toLowerCase();
      ctx.addIssue({ code: 'custom', message: `uuid: incorrect UUID length ${v.length} in string ${JSON.stringify(v)}` });
      return z.NEVER;
    }),
  code: str(),
});

/** POST /factors/{id}/verify — a correct code verifies the factor and lifts the session to aal2. */
export async function verifyFactor(c: Ctx) {
  const s = c.var.services;
  const factor = await ownFactor(c);
  const body = await readBody(c, VerifyBody);
  if (body.code === '' && factor.factor_type !== 'webauthn') throw badRequest('validation_failed', 'Code needs to be non-empty');
  if (factor.factor_type === 'phone' && !s.config.mfaPhoneVerifyEnabled) {
    throw unprocessable('mfa_phone_verify_not_enabled', 'MFA verification is disabled for Phone');
  }
  if (factor.factor_type === 'totp' && !s.config.mfaTotpVerifyEnabled) {
    throw unprocessable('mfa_totp_verify_not_enabled', 'MFA verification is disabled for TOTP');
  }
  if (factor.factor_type === 'webauthn') {
    // as GoTrue: the verify switch answers with the *enroll* error code, and the verification message
    if (!s.config.mfaWebAuthnVerifyEnabled) throw unprocessable('mfa_webauthn_enroll_not_enabled', 'MFA verification is disabled for WebAuthn');
    return verifyWebAuthn(c, factor, body.challenge_id, challengeIp(c));
  }

  const ip = challengeIp(c);
  const challenge = await checkChallenge(s, factor, await findChallenge(s.db, factor.id, body.challenge_id), ip);
  const valid =
    factor.factor_type === 'totp'
      ? totpCodeValid(factor.secret ?? '', body.code, s.clock.now())
      : challenge.otp_code !== null && challenge.otp_code === body.code;
  if (!valid) {
    throw unprocessable('mfa_verification_failed', factor.factor_type === 'totp' ? 'Invalid TOTP code entered' : 'Invalid MFA Phone code entered');
  }

  const session = c.var.caller.session;
  if (!session) throw unexpectedFailure('Cannot read SessionId claim as UUID');
  const response = await s.db.transaction((tx) =>
    completeVerification(tx, s, { user: currentUser(c), session, factor, challenge, request: requestInfo(c) }),
  );
  return c.json(response);
}

/** DELETE /factors/{id} — removes a factor; a verified one only from an aal2 session. */
export async function unenrollFactor(c: Ctx) {
  const s = c.var.services;
  const factor = await ownFactor(c);
  const session = c.var.caller.session;
  if (!session) throw unexpectedFailure('A valid session and factor are required to unenroll a factor');
  // as GoTrue: 422 here, where enrolling answers 403 for the same missing aal2
  if (factor.status === 'verified' && session.aal !== 'aal2') {
    throw unprocessable('insufficient_aal', 'AAL2 required to unenroll verified factor');
  }
  await s.db.transaction((tx) => unenroll(tx, s, { user: currentUser(c), session, factor, request: requestInfo(c) }));
  return c.json({ id: factor.id });
}
