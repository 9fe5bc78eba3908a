import { z } from 'zod';
import { issueAuthCode } from '../auth/flow-state.js';
import { PKCE_PREFIX, tokenHash } from '../auth/one-time-tokens.js';
import { sessionResponse, startSession } from '../auth/sessions.js';
import type { UserRow } from '../auth/users.js';
import { validateEmail, validatePhone } from '../auth/validate.js';
import {
  emailChangeVerified,
  phoneVerified,
  recoveryVerified,
  refreshProviders,
  signupVerified,
  userForCode,
  userForTokenHash,
  type VerifyType,
} from '../auth/verification.js';
import type { Sql } from '../db/storage.js';
import type { Ctx } from '../http/env.js';
import { readBody, requestInfo } from '../http/request.js';
import { redirectTo } from '../http/redirect.js';
import { errorRedirect, sessionRedirect, withQuery } from '../http/redirect-urls.js';
import { encodeValues } from '../go/query.js';
import { AuthError, badRequest, unprocessable } from '../errors.js';
import type { RequestInfo, Services } from '../services.js';
import { str } from './params.js';

const SINGLE_CONFIRMATION = 'Confirmation link accepted. Please proceed to confirm link sent to the other email';

/** The amr recorded for a PKCE exchange, by verify type (GoTrue's ParseAuthenticationMethod). */
const PKCE_METHOD: Partial<Record<VerifyType, string>> = {
  signup: 'email/signup',
  invite: 'invite',
  recovery: 'recovery',
  magiclink: 'magiclink',
  email_change: 'email_change',
};

type Outcome = { user: UserRow } | { singleConfirmation: true };

/** Applies a verified email token: what each type does to the user (GoTrue's verify switch). */
async function applyEmailVerification(tx: Sql, s: Services, type: VerifyType, user: UserRow, hash: string, request: RequestInfo): Promise<Outcome> {
  let verified: UserRow | undefined;
  if (type === 'signup' || type === 'invite') verified = await signupVerified(tx, s, user, request);
  else if (type === 'recovery' || type === 'magiclink') verified = await recoveryVerified(tx, s, user, request);
  else if (type === 'email_change') {
    verified = await emailChangeVerified(tx, s, user, hash, request);
    if (!verified) return { singleConfirmation: true };
  } else throw badRequest('validation_failed', 'Unsupported verification type');
  return { user: await refreshProviders(tx, s, verified) };
}

/**
 * GET /verify — the link in a mail. Always a 303: to redirect_to with the session in the fragment
 * (implicit), or ?code= (PKCE, when the token carries pkce_), or error_code / error_description.
 */
export async function verifyLink(c: Ctx) {
  const s = c.var.services;
  const type = (c.req.query('type') ?? '') as VerifyType;
  const token = c.req.query('token') ?? '';
  const redirect = redirectTo(c);
  if (type === '' as string) throw badRequest('validation_failed', 'Verify requires a verification type');
  if (token === '') throw badRequest('validation_failed', 'Verify requires a token or a token hash');
  const pkce = token.startsWith(PKCE_PREFIX);
  const request = requestInfo(c);
  try {
    const result = await s.db.transaction(async (tx) => {
      const found = await userForTokenHash(tx, s, type, token);
      const outcome = await applyEmailVerification(tx, s, found.type, found.user, token, request);
      if ('singleConfirmation' in outcome) return { kind: 'single' as const };
      if (pkce) {
        const method = PKCE_METHOD[found.type];
        const code: string | undefined = method ? await issueAuthCode(tx, s, outcome.user.id, method) : undefined;
        if (code === undefined) throw badRequest('flow_state_not_found', 'No associated flow state found. flow state not found');
        return { kind: 'code' as const, code };
      }
      const session = await startSession(tx, s, { user: outcome.user, method: 'otp', request, action: null });
      return { kind: 'session' as const, session: await sessionResponse(tx, s, session), type: found.type };
    });
    if (result.kind === 'single') return c.redirect(messageRedirect(redirect, SINGLE_CONFIRMATION, pkce), 303);
    if (result.kind === 'code') return c.redirect(withQuery(redirect, { code: result.code }), 303);
    return c.redirect(sessionRedirect(redirect, result.session, { type: type === 'email' ? result.type : type }), 303);
  } catch (e) {
    if (e instanceof AuthError) return c.redirect(errorRedirect(redirect, e, pkce), 303);
    throw e;
  }
}

const VerifyBody = z.object({
  type: str(),
  token: str(),
  token_hash: str(),
  email: str(),
  phone: str(),
  redirect_to: str(),
});

/** POST /verify — a typed code (with email or phone) or a token_hash; answers with the session. */
export async function verifyCode(c: Ctx) {
  const s = c.var.services;
  const body = await readBody(c, VerifyBody);
  const type = body.type as VerifyType;
  if (type === ('' as string)) throw badRequest('validation_failed', 'Verify requires a verification type');
  if ((body.token === '') === (body.token_hash === '')) {
    throw badRequest('validation_failed', 'Verify requires either a token or a token hash');
  }
  let hash = body.token_hash;
  let email = '';
  let phone = '';
  if (body.token !== '') {
    if (body.phone !== '' && body.email === '') {
      phone = validatePhone(body.phone);
      hash = await tokenHash(phone, body.token);
    } else if (body.email !== '' && body.phone === '') {
      try {
        email = validateEmail(body.email);
      } catch {
        throw unprocessable('validation_failed', 'Invalid email format');
      }
      hash = await tokenHash(email, body.token);
    } else {
      throw badRequest('validation_failed', 'Only an email address or phone number should be provided on verify');
    }
  } else if (body.email !== '' || body.phone !== '' || body.redirect_to !== '') {
    throw badRequest('validation_failed', 'Only the token_hash and type should be provided');
  }

  const request = requestInfo(c);
  const result = await s.db.transaction(async (tx) => {
    const found =
      body.token === ''
        ? await userForTokenHash(tx, s, type, hash)
        : await userForCode(tx, s, { type, hash, otp: body.token, email, phone });
    let user: UserRow;
    if (found.type === 'sms' || found.type === 'phone_change') {
      user = await refreshProviders(tx, s, await phoneVerified(tx, s, found.user, found.type, phone, request));
    } else {
      const outcome = await applyEmailVerification(tx, s, found.type, found.user, hash, request);
      if ('singleConfirmation' in outcome) return undefined;
      user = outcome.user;
    }
    const session = await startSession(tx, s, { user, method: 'otp', request, action: null });
    return sessionResponse(tx, s, session);
  });
  if (!result) return c.json({ msg: SINGLE_CONFIRMATION, code: '200' });
  return c.json(result);
}

function messageRedirect(url: string, message: string, pkce: boolean): string {
  const u = new URL(url);
  if (pkce) u.searchParams.set('message', message);
  u.hash = encodeValues({ message, sb: '' });
  return u.toString();
}
