import { z } from 'zod';
import { audit } from '../auth/audit.js';
import { sendConfirmation, sendEmailChange } from '../auth/email-actions.js';
import { createFlowState } from '../auth/flow-state.js';
import { validatePkceParams } from '../auth/pkce.js';
import { sendPhoneOtp } from '../auth/sms-actions.js';
import { findUserByEmail, findUserByPhone } from '../db/users.js';
import { validateEmail, validatePhone } from '../auth/validate.js';
import type { Ctx } from '../http/env.js';
import { redirectTo } from '../http/redirect.js';
import { readBody, requestInfo } from '../http/request.js';
import { badRequest } from '../errors.js';
import { pkceFields, str } from './params.js';

const ResendBody = z.object({ type: str(), email: str(), phone: str(), ...pkceFields });

/**
 * POST /resend — sends a pending confirmation again (GoTrue's Resend). Unknown users and nothing
 * pending both answer {}, so addresses cannot be probed.
 */
export async function resend(c: Ctx) {
  const s = c.var.services;
  const body = await readBody(c, ResendBody);
  const type = body.type;
  let flow: 'pkce' | 'implicit' = 'implicit';
  if (type === 'signup' || type === 'email_change') flow = validatePkceParams(body.code_challenge_method, body.code_challenge);
  else if (type !== 'sms' && type !== 'phone_change') {
    throw badRequest('validation_failed', 'Missing one of these types: signup, email_change, sms, phone_change');
  }
  if (body.email === '' && type === 'signup') throw badRequest('validation_failed', 'Type provided requires an email address');
  if (body.phone === '' && type === 'sms') throw badRequest('validation_failed', 'Type provided requires a phone number');
  if (body.email !== '' && body.phone !== '') throw badRequest('validation_failed', 'Only an email address or phone number should be provided.');
  let email = '';
  let phone = '';
  if (body.email !== '') {
    if (!s.config.externalEmailEnabled) throw badRequest('email_provider_disabled', 'Email logins are disabled');
    email = validateEmail(body.email);
  } else if (body.phone !== '') {
    if (!s.config.externalPhoneEnabled) throw badRequest('phone_provider_disabled', 'Phone logins are disabled');
    phone = validatePhone(body.phone);
  } else {
    throw badRequest('validation_failed', 'Missing email address or phone number');
  }

  const aud = s.config.jwtAud;
  const user = email ? await findUserByEmail(s.db, email, aud) : await findUserByPhone(s.db, phone, aud);
  if (!user) return c.json({});
  if (type === 'signup' && user.email_confirmed_at) return c.json({});
  if (type === 'sms' && user.phone_confirmed_at) return c.json({});
  if (type === 'email_change' && !user.email_change) return c.json({});
  if (type === 'phone_change' && !user.phone_change) return c.json({});

  const request = requestInfo(c);
  const redirect = redirectTo(c);
  const pkce = flow === 'pkce';
  const challenge = { codeChallenge: body.code_challenge, codeChallengeMethod: body.code_challenge_method };
  const messageId = await s.db.transaction(async (tx) => {
    const now = s.clock.now();
    switch (type) {
      case 'signup':
        await audit(tx, s.random, now, { actor: user, action: 'user_confirmation_requested', ip: request.ip });
        if (pkce) await createFlowState(tx, s, { userId: user.id, providerType: 'email', method: 'email/signup', ...challenge });
        await sendConfirmation(tx, s, user, { redirectTo: redirect, pkce });
        return '';
      case 'sms':
        await audit(tx, s.random, now, { actor: user, action: 'user_recovery_requested', ip: request.ip });
        return (await sendPhoneOtp(tx, s, user, phone, 'confirmation')).messageId;
      case 'email_change':
        if (pkce) await createFlowState(tx, s, { userId: user.id, providerType: 'email_change', method: 'email_change', ...challenge });
        await sendEmailChange(tx, s, user, user.email_change!, { redirectTo: redirect, pkce });
        return '';
      default:
        return (await sendPhoneOtp(tx, s, user, user.phone_change!, 'phone_change')).messageId;
    }
  });
  return c.json(messageId ? { message_id: messageId } : {});
}
