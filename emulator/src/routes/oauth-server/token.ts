import { OAuthFailure } from '../../auth/external/callback.js';
import { isExpired, parseScopes, verifyPkce } from '../../auth/oauth-server/authorizations.js';
import { deleteAuthorization, findByCode } from '../../db/oauth-authorizations.js';
import { grantTypesOf, secretMatches } from '../../auth/oauth-server/clients.js';
import { findClient, type OAuthClientRow } from '../../db/oauth-clients.js';
import { refreshTokenGrant } from '../../auth/refresh.js';
import { sessionResponse, startSession } from '../../auth/sessions.js';
import { isBanned } from '../../auth/users.js';
import { findUserById } from '../../db/users.js';
import { isUuid } from '../../http/auth.js';
import type { Ctx } from '../../http/env.js';
import { parseRequestJson } from '../../http/json-text.js';
import { requestInfo } from '../../http/request.js';
import { AuthError, badRequest } from '../../errors.js';
import { decodeBasicAuth } from '../../go/basic-auth.js';
import { signIdToken } from '../../tokens/id-token.js';

/**
 * POST /oauth/token (oauthserver/handlers.go OAuthToken, behind middleware.go requireOAuthClientAuth):
 * authorization_code with PKCE, and refresh_token. Client authentication failures are GoTrue's
 * usual {code, error_code, msg} errors; everything after it answers in OAuth's {error, error_description}.
 */

type Params = Record<string, string>;

/** Fields GoTrue decodes as strings; another JSON type there fails the decode. */
const FIELDS = ['grant_type', 'code', 'refresh_token', 'redirect_uri', 'client_id', 'client_secret', 'code_verifier', 'resource'];

/** The body as GoTrue reads it: JSON when the content type says so, else a form (plus the query string). */
async function readParams(c: Ctx): Promise<{ params: Params; badJson: boolean }> {
  const type = c.req.header('content-type') ?? '';
  const text = await c.req.text();
  if (type.includes('application/json')) {
    let parsed: unknown;
    try {
      parsed = parseRequestJson(text);
    } catch {
      return { params: {}, badJson: true };
    }
    const fields = (parsed ?? {}) as Record<string, unknown>;
    if (typeof fields !== 'object' || Array.isArray(fields)) return { params: {}, badJson: true };
    const params: Params = {};
    for (const k of FIELDS) {
      const v = fields[k];
      if (typeof v === 'string') params[k] = v;
      else if (v !== undefined && v !== null) return { params: {}, badJson: true };
    }
    return { params, badJson: false };
  }
  // Go's FormValue: a form body's fields win over the query string's
  const params: Params = Object.fromEntries(new URL(c.req.url).searchParams);
  if (type.includes('application/x-www-form-urlencoded')) {
    const form = new URLSearchParams(text);
    for (const k of new Set(form.keys())) params[k] = form.get(k)!;
  }
  return { params, badJson: false };
}

const credentialsError = (message: string) => badRequest('invalid_credentials', message);

/**
 * requireOAuthClientAuth: Basic header first, else client_id/client_secret in the body; the
 * method used must be the one the client registered, and a confidential client's secret must match.
 */
async function authenticateClient(c: Ctx, body: { params: Params; badJson: boolean }): Promise<OAuthClientRow> {
  let id: string;
  let secret: string;
  let method: string;
  const header = c.req.header('authorization') ?? '';
  if (header.startsWith('Basic ')) {
    const credentials = decodeBasicAuth(header.slice('Basic '.length));
    if ('error' in credentials) throw credentialsError(`Invalid client credentials: invalid basic auth ${credentials.error}`);
    [id, secret, method] = [credentials.id, credentials.secret, 'client_secret_basic'];
  } else {
    if (body.badJson) throw credentialsError('Invalid client credentials: failed to parse JSON body');
    id = body.params.client_id ?? '';
    secret = body.params.client_secret ?? '';
    if (id === '') throw credentialsError('Invalid client credentials: client_id is required');
    method = secret !== '' ? 'client_secret_post' : 'none';
  }
  if (!isUuid(id)) throw credentialsError('Invalid client_id format');
  const client = await findClient(c.var.services.db, id);
  if (!client) throw credentialsError('Invalid client credentials');
  if (method !== client.token_endpoint_auth_method) {
    throw credentialsError(
      `invalid authentication method: client is registered for '${client.token_endpoint_auth_method}' but '${method}' was used`,
    );
  }
  if (client.client_type === 'public') {
    if (secret !== '') throw credentialsError('public clients must not provide client_secret');
  } else {
    if (secret === '') throw credentialsError('confidential clients must provide client_secret');
    if (!(await secretMatches(secret, client.client_secret_hash))) throw credentialsError('invalid client credentials');
  }
  return client;
}

export async function oauthToken(c: Ctx) {
  const body = await readParams(c);
  const client = await authenticateClient(c, body);
  if (body.badJson) throw new OAuthFailure('invalid_request', 'Invalid JSON body');
  const p = body.params;
  const grantType = p.grant_type ?? '';
  if (grantType === '') throw new OAuthFailure('invalid_request', 'grant_type is required');
  if (!grantTypesOf(client).includes(grantType)) {
    throw new OAuthFailure('unsupported_grant_type', `Client is not allowed to use grant type: ${grantType}`);
  }
  if (grantType === 'authorization_code') return codeGrant(c, client, p);
  if (grantType === 'refresh_token') return refreshGrant(c, client, p);
  throw new OAuthFailure('unsupported_grant_type', `Unsupported grant type: ${grantType}`);
}

/**
 * The code is checked (client, resource, redirect_uri, PKCE) without being spent, so a wrong
 * verifier can be retried; the session is issued and the code deleted in one transaction.
 */
async function codeGrant(c: Ctx, client: OAuthClientRow, p: Params) {
  const s = c.var.services;
  const code = p.code ?? '';
  if (code === '') throw new OAuthFailure('invalid_request', 'code is required for authorization_code grant');
  const issued = await s.db.transaction(async (tx) => {
    const a = await findByCode(tx, code);
    if (!a) throw new OAuthFailure('invalid_grant', 'Invalid authorization code');
    if (isExpired(a, s.clock.now())) throw new OAuthFailure('invalid_grant', 'Authorization code has expired');
    if (a.client_id !== client.id) throw new OAuthFailure('invalid_grant', 'Authorization code was not issued for this client');
    if (p.resource && p.resource !== (a.resource ?? '')) {
      throw new OAuthFailure('invalid_grant', 'Authorization code resource does not match the resource parameter');
    }
    // optional here, but when sent it must be the very URI the code was issued for
    if (p.redirect_uri && p.redirect_uri !== a.redirect_uri) throw new OAuthFailure('invalid_grant', 'Invalid redirect_uri');
    const pkce = await verifyPkce(a, p.code_verifier ?? '');
    if (pkce) throw new OAuthFailure('invalid_grant', `PKCE verification failed: ${pkce}`);
    if (!a.user_id) throw new OAuthFailure('invalid_grant', 'Authorization code has no associated user');
    const user = await findUserById(tx, a.user_id);
    if (!user) throw new OAuthFailure('invalid_grant', 'User not found for authorization code');
    if (isBanned(user, s.clock.now())) throw new OAuthFailure('access_denied', 'User is banned');
    const oauth = { clientId: client.id, scope: a.scope };
    const session = await startSession(tx, s, {
      user, method: 'oauth_provider/authorization_code', request: requestInfo(c), oauth,
      traits: { provider_type: 'oauth_provider_authorization_code', client_id: client.id },
    });
    // single use: the request goes with the session it produced
    await deleteAuthorization(tx, a.id);
    return { response: await sessionResponse(tx, s, { ...session, oauth }), user: session.user, scopes: parseScopes(a.scope), nonce: a.nonce };
  });
  let idToken: string | undefined;
  if (issued.scopes.includes('openid')) {
    // as GoTrue: checked only now, so the code is already spent when this fails
    if (s.jwt.signingKey.alg === 'HS256') throw new AuthError(500, 'unexpected_failure', 'Error generating ID token');
    idToken = await signIdToken(s, { user: issued.user, clientId: client.id, nonce: issued.nonce ?? '', scopes: issued.scopes });
  }
  const r = issued.response;
  // a Go map: keys in alphabetical order, and no user, unlike /token
  return c.json({
    access_token: r.access_token,
    expires_in: r.expires_in,
    ...(idToken ? { id_token: idToken } : {}),
    refresh_token: r.refresh_token,
    token_type: r.token_type,
  });
}

async function refreshGrant(c: Ctx, client: OAuthClientRow, p: Params) {
  const s = c.var.services;
  const token = p.refresh_token ?? '';
  if (token === '') throw new OAuthFailure('invalid_request', 'refresh_token is required for refresh_token grant');
  const refreshed = await refreshTokenGrant(s, token, requestInfo(c), client.id);
  const r = await sessionResponse(s.db, s, refreshed);
  return c.json({ access_token: r.access_token, expires_in: r.expires_in, refresh_token: r.refresh_token, token_type: r.token_type });
}
