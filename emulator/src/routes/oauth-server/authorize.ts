import {
  approve, createAuthorization, errorRedirect, hasAllScopes, isExpired, parseScopes,
  setStatus, setUser, successRedirect, SUPPORTED_SCOPES, grantConsent,
} from '../../auth/oauth-server/authorizations.js';
import { findActiveConsent, lockAuthorization, type AuthorizationRow } from '../../db/oauth-authorizations.js';
import { clientDetails, redirectUrisOf } from '../../auth/oauth-server/clients.js';
import { findClient } from '../../db/oauth-clients.js';
import { isRedirectUrlValid } from '../../auth/redirect.js';
import type { Sql } from '../../db/storage.js';
import { currentUser, isUuid } from '../../http/auth.js';
import type { Ctx } from '../../http/env.js';
import { AuthError, badRequest, notFound } from '../../errors.js';
import type { Services } from '../../services.js';
import { readGoJson } from './shared.js';
import { z } from 'zod';

/**
 * The authorization endpoint and the consent calls behind it (oauthserver/authorize.go). The
 * emulator only checks the request and hands the person over to the app's own consent page
 * (siteUrl + authorization path); that page, signed in with supabase-js, reads the request and
 * approves or denies it, and gets back the URL to send the browser to.
 */

class Invalid extends Error {}

/** validateRemainingAuthorizeParams, in GoTrue's order; failures go back to the client as invalid_request. */
function checkRequest(p: Record<string, string>, defaultScope: string) {
  const responseType = p.response_type || 'code';
  const scope = p.scope || defaultScope;
  if (responseType !== 'code') throw new Invalid('only response_type=code is supported');
  const scopes = parseScopes(scope);
  if (scopes.length === 0) throw new Invalid(scope === '' ? 'scope parameter is required' : 'scope parameter cannot be empty');
  for (const s of scopes) if (!(SUPPORTED_SCOPES as readonly string[]).includes(s)) throw new Invalid(`unsupported scope: ${s}`);
  checkResource(p.resource ?? '');
  // PKCE is mandatory in OAuth 2.1, for public and confidential clients alike
  const challenge = p.code_challenge ?? '';
  const method = (p.code_challenge_method ?? '').toLowerCase();
  if (challenge === '' || method === '') throw new Invalid('PKCE flow requires both code_challenge and code_challenge_method');
  if (method !== 's256' && method !== 'plain') throw new Invalid("code_challenge_method must be 'S256' or 'plain'");
  if (challenge.length < 43 || challenge.length > 128) throw new Invalid('code_challenge must be between 43 and 128 characters');
  return scope;
}

/** RFC 8707 resource indicator: an absolute URI without fragment or query. */
function checkResource(resource: string) {
  if (resource === '') return;
  let u: URL;
  try {
    u = new URL(resource);
  } catch {
    throw new Invalid('resource must be an absolute URI');
  }
  if (u.hash.length > 1) throw new Invalid('resource must not include a fragment component');
  if (u.search.length > 1) throw new Invalid('resource must not include a query component');
}

/**
 * GET /oauth/authorize. Until client and redirect_uri are known good, errors are JSON (a redirect
 * to an unchecked URI would be an open redirector); after that they go back to the client.
 */
export async function oauthAuthorize(c: Ctx) {
  const s = c.var.services;
  const p = c.req.query();
  const clientId = p.client_id ?? '';
  const redirectUri = p.redirect_uri ?? '';
  if (clientId === '') throw badRequest('validation_failed', 'client_id is required');
  if (redirectUri === '') throw badRequest('validation_failed', 'redirect_uri is required');
  if (!isUuid(clientId)) throw badRequest('oauth_client_not_found', 'invalid client_id format');
  const client = await findClient(s.db, clientId);
  if (!client) throw badRequest('oauth_client_not_found', 'invalid client_id');
  // exact string match against the registered list, nothing looser
  if (!redirectUrisOf(client).includes(redirectUri)) throw badRequest('validation_failed', 'invalid redirect_uri');

  const state = p.state ?? '';
  let scope: string;
  try {
    scope = checkRequest(p, s.config.oauthServerDefaultScope);
  } catch (e) {
    if (e instanceof Invalid) return c.redirect(errorRedirect(redirectUri, 'invalid_request', e.message, state), 302);
    throw e;
  }
  let authorization;
  try {
    authorization = await createAuthorization(s.db, s, {
      clientId: client.id,
      redirectUri,
      scope,
      state,
      resource: p.resource ?? '',
      codeChallenge: p.code_challenge ?? '',
      codeChallengeMethod: p.code_challenge_method ?? '',
      nonce: p.nonce ?? '',
    });
  } catch {
    // as GoTrue: a request the table refuses (an over-long state, nonce or resource) goes back to the client
    return c.redirect(errorRedirect(redirectUri, 'server_error', 'error creating authorization', state), 302);
  }
  const path = s.config.oauthServerAuthorizationPath;
  if (path === '') {
    return c.redirect(errorRedirect(redirectUri, 'server_error', 'oauth authorization path not configured', state), 302);
  }
  const consentPage = `${s.config.siteUrl.replace(/\/+$/, '')}${path.startsWith('/') ? path : `/${path}`}`;
  return c.redirect(`${consentPage}?authorization_id=${authorization.authorization_id}`, 302);
}

/** validateRequestOrigin: a browser's Origin must be one redirects may go to (site URL, allow list); none is fine. */
function checkOrigin(c: Ctx) {
  const origin = c.req.header('origin');
  if (origin && !isRedirectUrlValid(c.var.services.config, origin)) {
    throw badRequest('validation_failed', 'unauthorized request origin');
  }
}

const authorizationNotFound = () => notFound('oauth_authorization_not_found', 'authorization not found');

/**
 * The request, locked; an expired one is marked so and reported missing. GoTrue commits the
 * "expired" mark although it answers with an error, hence the outcome object instead of a throw.
 */
async function lockLive(tx: Sql, s: Services, authorizationId: string): Promise<AuthorizationRow | AuthError> {
  const a = await lockAuthorization(tx, authorizationId);
  if (!a) return authorizationNotFound();
  if (isExpired(a, s.clock.now())) {
    if (a.status === 'pending') await setStatus(tx, a, 'expired');
    return authorizationNotFound();
  }
  return a;
}

/**
 * GET /oauth/authorizations/{authorization_id} — what the consent page shows. The first read ties
 * the request to the signed-in user; if that user already consented to every scope asked for, the
 * request is approved at once and the answer is just the redirect URL.
 */
export async function getAuthorization(c: Ctx) {
  checkOrigin(c);
  const s = c.var.services;
  const user = currentUser(c);
  const id = c.req.param('authorization_id') ?? '';
  const outcome = await s.db.transaction(async (tx) => {
    const a = await lockLive(tx, s, id);
    if (a instanceof AuthError) return a;
    if (a.status !== 'pending') throw badRequest('validation_failed', 'authorization request cannot be processed');
    let autoApprove = false;
    if (!a.user_id) {
      await setUser(tx, a, user.id);
      const consent = await findActiveConsent(tx, user.id, a.client_id);
      autoApprove = !!consent && hasAllScopes(parseScopes(consent.scopes), parseScopes(a.scope));
    } else if (a.user_id !== user.id) {
      throw authorizationNotFound();
    }
    if (autoApprove) await approve(tx, s, a);
    return { a, autoApprove };
  });
  if (outcome instanceof AuthError) throw outcome;
  const { a, autoApprove } = outcome;
  if (autoApprove) return c.json({ redirect_url: successRedirect(a) });
  const client = await findClient(s.db, a.client_id);
  if (!client) throw authorizationNotFound();
  const userJson: Record<string, string> = { id: user.id };
  if (user.email) userJson.email = user.email;
  const body: Record<string, unknown> = { authorization_id: a.authorization_id };
  if (a.redirect_uri) body.redirect_uri = a.redirect_uri;
  Object.assign(body, { client: clientDetails(client), user: userJson });
  if (a.scope) body.scope = a.scope;
  return c.json(body);
}

const ConsentBody = z.object({ action: z.string().nullish().transform((v) => v ?? '') });

/**
 * POST /oauth/authorizations/{authorization_id}/consent {action: approve|deny}. Approving stores
 * the consent (so the next request for the same scopes is approved without asking) and answers
 * with the client's redirect URI carrying the code; denying carries error=access_denied instead.
 */
export async function consent(c: Ctx) {
  checkOrigin(c);
  const s = c.var.services;
  const user = currentUser(c);
  const { action } = await readGoJson(c, ConsentBody, 'invalid JSON body');
  if (action !== 'approve' && action !== 'deny') throw badRequest('validation_failed', "action must be 'approve' or 'deny'");
  const id = c.req.param('authorization_id') ?? '';
  const outcome = await s.db.transaction(async (tx) => {
    const a = await lockLive(tx, s, id);
    if (a instanceof AuthError) return a;
    if (a.status !== 'pending') throw badRequest('validation_failed', 'authorization request is no longer pending');
    if (a.user_id !== user.id) throw authorizationNotFound();
    if (action === 'approve') {
      await approve(tx, s, a);
      await grantConsent(tx, s, user.id, a.client_id, parseScopes(a.scope));
      return successRedirect(a);
    }
    await setStatus(tx, a, 'denied');
    return errorRedirect(a.redirect_uri, 'access_denied', 'User denied the request', a.state ?? '');
  });
  if (outcome instanceof AuthError) throw outcome;
  return c.json({ redirect_url: outcome });
}
