import { z } from 'zod';
import { verifyPassword, weakness } from '../auth/passwords.js';
import { refreshTokenGrant } from '../auth/refresh.js';
import { sessionResponse, startSession } from '../auth/sessions.js';
import { verifyAuthCode } from '../auth/flow-state.js';
import { deleteFlowState } from '../db/flow-state.js';
import { isBanned } from '../auth/users.js';
import { findUserByEmail, findUserById, findUserByPhone } from '../db/users.js';
import type { AmrMethod } from '../tokens/access-token.js';
import { formatPhone } from '../auth/validate.js';
import type { Ctx } from '../http/env.js';
import { readBody, requestInfo } from '../http/request.js';
import { badRequest, notFound, unprocessable } from '../errors.js';
import { idTokenGrant } from './id-token.js';
import { str } from './params.js';
import { web3Grant } from './web3.js';

const INVALID_LOGIN = 'Invalid login credentials';

/** POST /token?grant_type=... — GoTrue reads grant_type from the query string (or a form field). */
export async function token(c: Ctx) {
  const grantType = c.req.query('grant_type') ?? '';
  switch (grantType) {
    case 'password':
      return passwordGrant(c);
    case 'refresh_token':
      return refreshGrant(c);
    case 'pkce':
      return pkceGrant(c);
    case 'id_token':
      return idTokenGrant(c);
    case 'web3':
      return web3Grant(c);
    default:
      // as GoTrue: an unknown grant is an invalid_credentials error with this literal message
      throw badRequest('invalid_credentials', 'unsupported_grant_type');
  }
}

const PasswordBody = z.object({ email: str(), phone: str(), password: str() });

/** grant_type=password, in the order of GoTrue's ResourceOwnerPasswordGrant. */
async function passwordGrant(c: Ctx) {
  const s = c.var.services;
  const body = await readBody(c, PasswordBody);
  if (body.email !== '' && body.phone !== '') {
    throw badRequest('validation_failed', 'Only an email address or phone number should be provided on login.');
  }
  let provider: 'email' | 'phone';
  let user;
  if (body.email !== '') {
    provider = 'email';
    if (!s.config.externalEmailEnabled) throw unprocessable('email_provider_disabled', 'Email logins are disabled');
    user = await findUserByEmail(s.db, body.email.toLowerCase(), s.config.jwtAud);
  } else if (body.phone !== '') {
    provider = 'phone';
    if (!s.config.externalPhoneEnabled) throw unprocessable('phone_provider_disabled', 'Phone logins are disabled');
    user = await findUserByPhone(s.db, formatPhone(body.phone), s.config.jwtAud);
  } else {
    throw badRequest('validation_failed', 'missing email or phone');
  }
  if (!user || !user.encrypted_password) throw badRequest('invalid_credentials', INVALID_LOGIN);
  if (isBanned(user, s.clock.now())) throw badRequest('user_banned', 'User is banned');
  if (!(await verifyPassword(body.password, user.encrypted_password))) throw badRequest('invalid_credentials', INVALID_LOGIN);
  // checked after the password, so a wrong password never reveals that the account exists
  if (provider === 'email' && !user.email_confirmed_at) throw badRequest('email_not_confirmed', 'Email not confirmed');
  if (provider === 'phone' && !user.phone_confirmed_at) throw badRequest('phone_not_confirmed', 'Phone not confirmed');

  // as GoTrue: a correct password that fails today's rules still signs in, with a warning attached
  const weak = weakness(body.password, s.config);
  const request = requestInfo(c);
  const signedIn = user;
  return s.db.transaction(async (tx) => {
    const session = await startSession(tx, s, { user: signedIn, method: 'password', request, traits: { provider } });
    // as GoTrue: the key is always there on this grant, null when the password is fine
    return c.json(await sessionResponse(tx, s, { ...session, extra: { weak_password: weak ?? null } }));
  });
}

const RefreshBody = z.object({ refresh_token: str() });

async function refreshGrant(c: Ctx) {
  const s = c.var.services;
  const body = await readBody(c, RefreshBody);
  const refreshed = await refreshTokenGrant(s, body.refresh_token, requestInfo(c));
  return c.json(await sessionResponse(s.db, s, refreshed));
}

const PkceBody = z.object({ auth_code: str(), code_verifier: str() });

/** grant_type=pkce — spends the auth code of a PKCE flow for a session (GoTrue's PKCE grant). */
async function pkceGrant(c: Ctx) {
  const s = c.var.services;
  const body = await readBody(c, PkceBody);
  const flow = await verifyAuthCode(s.db, s, body.auth_code, body.code_verifier);
  const user = await findUserById(s.db, flow.user_id!);
  if (!user) throw notFound('user_not_found', 'User not found');
  const request = requestInfo(c);
  return s.db.transaction(async (tx) => {
    const session = await startSession(tx, s, {
      user, method: flow.authentication_method as AmrMethod, request, traits: { provider_type: flow.provider_type },
    });
    // single use: the flow state goes with the session it produced
    await deleteFlowState(tx, flow.id);
    const extra: Record<string, unknown> = {};
    if (flow.provider_access_token) extra.provider_token = flow.provider_access_token;
    if (flow.provider_refresh_token) extra.provider_refresh_token = flow.provider_refresh_token;
    return c.json(await sessionResponse(tx, s, { ...session, extra }));
  });
}
