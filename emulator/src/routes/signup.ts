import { z } from 'zod';
import { audit } from '../auth/audit.js';
import { checkPasswordStrength, hashPassword } from '../auth/passwords.js';
import { validatePkceParams } from '../auth/pkce.js';
import { sessionResponse, startSession } from '../auth/sessions.js';
import { findUserByEmail, findUserByPhone, insertIdentity, insertUser, loadUserJson, updateUser, type UserRow } from '../auth/users.js';
import { validateEmail, validatePhone } from '../auth/validate.js';
import { goTime, sortKeys } from '../auth/wire.js';
import { readBody, requestInfo } from '../core/request.js';
import type { Ctx } from '../core/env.js';
import { badRequest, unprocessable } from '../errors.js';
import type { Services } from '../services.js';
import { obj, pkceFields, str } from './params.js';

const SignupBody = z.object({
  email: str(),
  phone: str(),
  password: str(),
  data: obj(),
  channel: str(),
  ...pkceFields,
});

type Provider = 'email' | 'phone';

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
  validatePkceParams(body.code_challenge_method, body.code_challenge);

  const provider: Provider = body.email !== '' ? 'email' : 'phone';
  const data = body.data ?? {};
  const aud = s.config.jwtAud;
  let existing: UserRow | undefined;
  let email = '';
  let phone = '';
  if (provider === 'email') {
    if (!s.config.externalEmailEnabled) throw badRequest('email_provider_disabled', 'Email signups are disabled');
    email = validateEmail(body.email);
    existing = await findUserByEmail(s.db, email, aud);
  } else {
    if (!s.config.externalPhoneEnabled) throw badRequest('phone_provider_disabled', 'Phone signups are disabled');
    phone = validatePhone(body.phone);
    existing = await findUserByPhone(s.db, phone, aud);
  }

  const request = requestInfo(c);
  const confirmed = existing && (provider === 'email' ? existing.email_confirmed_at : existing.phone_confirmed_at);
  if (existing && confirmed) {
    await audit(s.db, s.random, s.clock.now(), { actor: existing, action: 'user_repeated_signup', traits: { provider }, ip: request.ip });
    // as GoTrue: with autoconfirm an explicit error; otherwise a fake user, so addresses cannot be enumerated
    if (s.config.mailerAutoconfirm || s.config.smsAutoconfirm) {
      throw unprocessable('user_already_exists', 'User already registered');
    }
    return c.json(obfuscatedUser(s, existing, provider, data));
  }

  const autoconfirm = provider === 'email' ? s.config.mailerAutoconfirm : s.config.smsAutoconfirm;
  const encryptedPassword = existing ? null : await hashPassword(body.password, s.config.bcryptCost, s.random.bytes(16));

  return s.db.transaction(async (tx) => {
    const now = s.clock.now();
    let user = existing;
    if (!user) {
      const id = s.random.uuid();
      // as GoTrue: the identity carries sub/email/verified flags plus the signup data, and an
      // unconfirmed user's metadata is replaced by its identity's
      const identityData = sortKeys({
        ...data,
        sub: id,
        ...(provider === 'email' ? { email } : { phone }),
        email_verified: false,
        phone_verified: false,
      });
      user = await insertUser(tx, {
        id,
        aud,
        role: s.config.jwtDefaultGroupName,
        email: email || null,
        phone: phone || null,
        encryptedPassword,
        appMetadata: { provider, providers: [provider] },
        userMetadata: identityData,
        emailConfirmedAt: null,
        phoneConfirmedAt: null,
        isAnonymous: false,
        now,
      });
      await insertIdentity(tx, { id: s.random.uuid(), userId: id, provider, providerId: id, data: identityData, now });
    }
    if (!autoconfirm) {
      await audit(tx, s.random, now, { actor: user, action: 'user_confirmation_requested', traits: { provider }, ip: request.ip });
      user = await updateUser(tx, user.id, { confirmation_sent_at: now }, now);
      return c.json(await loadUserJson(tx, user));
    }
    await audit(tx, s.random, now, { actor: user, action: 'user_signedup', traits: { provider }, ip: request.ip });
    user = await confirm(tx, s, user, provider, now);
    const session = await startSession(tx, s, { user, method: 'password', request, traits: { provider } });
    const response = await sessionResponse(tx, s, session);
    // as GoTrue: confirmed_at is a generated column it does not reload here, so this response lacks it
    delete (response.user as { confirmed_at?: string }).confirmed_at;
    return c.json(response);
  });
}

/** Marks the email (or phone) confirmed, as GoTrue's User.Confirm / ConfirmPhone. */
async function confirm(tx: Parameters<typeof updateUser>[0], s: Services, user: UserRow, provider: Provider, now: Date) {
  if (provider === 'phone') return updateUser(tx, user.id, { phone_confirmed_at: now }, now);
  return updateUser(
    tx,
    user.id,
    {
      email_confirmed_at: now,
      confirmation_token: '',
      raw_user_meta_data: { ...(user.raw_user_meta_data ?? {}), email_verified: true },
    },
    now,
  );
}

/** As GoTrue's sanitizeUser: what a repeated signup sees when confirmations are on. */
function obfuscatedUser(s: Services, existing: UserRow, provider: Provider, data: Record<string, unknown>) {
  const now = goTime(s.clock.now());
  return {
    id: s.random.uuid(),
    aud: existing.aud,
    role: '',
    email: provider === 'email' ? (existing.email ?? '') : '',
    phone: provider === 'phone' ? (existing.phone ?? '') : '',
    confirmation_sent_at: now,
    app_metadata: { provider, providers: [provider] },
    user_metadata: sortKeys(data),
    identities: [],
    created_at: now,
    updated_at: now,
    is_anonymous: false,
  };
}

/** Anonymous sign-in (GoTrue's anonymous.go): a user with no email, phone or identity. */
async function anonymousSignup(c: Ctx, data: Record<string, unknown>) {
  const s = c.var.services;
  if (!s.config.externalAnonymousUsersEnabled) {
    throw unprocessable('anonymous_provider_disabled', 'Anonymous sign-ins are disabled');
  }
  if (s.config.disableSignup) throw unprocessable('signup_disabled', 'Signups not allowed for this instance');
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
