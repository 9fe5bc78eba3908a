import { z } from 'zod';
import { audit } from '../auth/audit.js';
import { checkPasswordStrength } from '../auth/passwords.js';
import { validatePkceParams } from '../auth/pkce.js';
import { register } from '../auth/registration.js';
import { sessionResponse, startSession } from '../auth/sessions.js';
import { loadUserJson } from '../auth/users.js';
import { insertUser } from '../db/users.js';
import { validateEmail, validatePhone } from '../auth/validate.js';
import type { Ctx } from '../http/env.js';
import { redirectTo } from '../http/redirect.js';
import { readBody, requestInfo } from '../http/request.js';
import { badRequest, tooManyRequests, unprocessable } from '../errors.js';
import { obj, pkceFields, str } from './params.js';

const SignupBody = z.object({
  email: str(),
  phone: str(),
  password: str(),
  data: obj(),
  channel: str(),
  ...pkceFields,
});

/** POST /signup — email or phone + password; no credentials at all is an anonymous sign-in. */
export async function signup(c: Ctx) {
  const s = c.var.services;
  const body = await readBody(c, SignupBody);
  if (body.email === '' && body.phone === '') return anonymousSignup(c, body.data ?? {});

  if (s.config.disableSignup) throw unprocessable('signup_disabled', 'Signups not allowed for this instance');
  // GoTrue's validateSignupParams, in its order
  if (body.password === '') throw badRequest('validation_failed', 'Signup requires a valid password');
  checkPasswordStrength(body.password, s.config);
  if (body.email !== '' && body.phone !== '') {
    throw badRequest('validation_failed', 'Only an email address or phone number should be provided on signup.');
  }
  if (body.phone !== '' && body.code_challenge !== '') throw badRequest('validation_failed', 'PKCE not supported for phone signups');
  const flow = validatePkceParams(body.code_challenge_method, body.code_challenge);

  const provider = body.email !== '' ? 'email' : 'phone';
  let address: string;
  if (provider === 'email') {
    if (!s.config.externalEmailEnabled) throw badRequest('email_provider_disabled', 'Email signups are disabled');
    address = validateEmail(body.email);
  } else {
    if (!s.config.externalPhoneEnabled) throw badRequest('phone_provider_disabled', 'Phone signups are disabled');
    address = validatePhone(body.phone);
  }
  const result = await register(s, {
    provider,
    address,
    password: body.password,
    data: body.data ?? {},
    request: requestInfo(c),
    redirectTo: redirectTo(c),
    channel: body.channel || 'sms',
    ...(flow === 'pkce' ? { pkce: { codeChallenge: body.code_challenge, codeChallengeMethod: body.code_challenge_method } } : {}),
  });
  if (result.kind === 'session') return c.json(result.response);
  if (result.kind === 'obfuscated') return c.json(result.user);
  const user = await loadUserJson(s.db, result.user);
  // as GoTrue: an invited user's metadata and identities are not shown to whoever signs up
  if (result.user.invited_at) return c.json({ ...user, user_metadata: {}, identities: [] });
  return c.json(user);
}

/** Anonymous sign-in (GoTrue's anonymous.go): a user with no email, phone or identity. */
async function anonymousSignup(c: Ctx, data: Record<string, unknown>) {
  const s = c.var.services;
  if (!s.config.externalAnonymousUsersEnabled) {
    throw unprocessable('anonymous_provider_disabled', 'Anonymous sign-ins are disabled');
  }
  if (s.config.disableSignup) throw unprocessable('signup_disabled', 'Signups not allowed for this instance');
  // as GoTrue: anonymous sign-ins per IP per hour, when the IP header is configured
  const ip = s.config.rateLimitHeader ? c.req.header(s.config.rateLimitHeader)?.split(',')[0]?.trim() : undefined;
  if (ip && !s.limits.take(`ip:anonymous:${ip}`, s.config.rateLimitAnonymousUsers, 60 * 60)) {
    throw tooManyRequests('over_request_rate_limit', 'Request rate limit reached');
  }
  const request = requestInfo(c);
  return s.db.transaction(async (tx) => {
    const now = s.clock.now();
    const user = await insertUser(tx, {
      id: s.random.uuid(),
      aud: s.config.jwtAud,
      role: s.config.jwtDefaultGroupName,
      email: null,
      phone: null,
      encryptedPassword: null,
      appMetadata: {},
      userMetadata: data,
      emailConfirmedAt: null,
      phoneConfirmedAt: null,
      isAnonymous: true,
      now,
    });
    await audit(tx, s.random, now, { actor: user, action: 'user_signedup', traits: { provider: 'anonymous' }, ip: request.ip });
    const session = await startSession(tx, s, { user, method: 'anonymous', request, traits: { provider: 'anonymous' } });
    return c.json(await sessionResponse(tx, s, session));
  });
}
