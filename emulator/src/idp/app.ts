import { Hono } from 'hono';
import { base64url, SignJWT } from 'jose';
import { verifierMatches } from '../auth/pkce.js';
import { OAUTH_PROVIDERS, providerSettings, type OAuthProviderName } from '../config.js';
import type { AppEnv, Ctx } from '../http/env.js';
import { decodeBasicAuth } from '../go/basic-auth.js';
import type { Services } from '../services.js';
import { consentHeaders, consentPage, errorPage, newStyleNonce } from './consent-page.js';
import { loginHintRefusal } from './login-hint.js';
import {
  offeredAccounts, rememberAccount, subjectFor,
  type AuthorizationRequest, type IdpAccount, type IdpState,
} from './state.js';

/**
 * authlab's fake identity provider: a small, standards-shaped OpenID Connect provider standing in
 * for every OAuth provider GoTrue knows, one issuer per provider name under /_/idp/<provider>.
 * Authorization code flow with optional PKCE, client_secret_basic / _post, ES256 id_tokens,
 * userinfo. GoTrue's /callback talks to it exactly as it would to the real provider.
 */

const CODE_LIFETIME = 10 * 60; // 10 minutes, as most providers
const TOKEN_LIFETIME = 60 * 60; // 1 hour

/** The issuer of one provider's fake, on the emulator's own origin. */
export const idpIssuer = (s: Services, provider: string) => `${new URL(s.config.apiExternalUrl).origin}/_/idp/${provider}`;

const isProvider = (p: string): p is OAuthProviderName => (OAUTH_PROVIDERS as readonly string[]).includes(p);

/** Redirect URIs a client may use: the one configured for the provider, or any loopback one (RFC 8252). */
function redirectAllowed(s: Services, provider: OAuthProviderName, uri: string): boolean {
  if (uri === providerSettings(s.config, provider).redirectUri) return true;
  try {
    const u = new URL(uri);
    return (u.protocol === 'http:' || u.protocol === 'https:') && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);
  } catch {
    return false;
  }
}

function withParams(uri: string, params: Record<string, string>): string {
  const u = new URL(uri);
  for (const [k, v] of Object.entries(params)) if (v !== '') u.searchParams.set(k, v);
  return u.toString();
}

const sha256 = async (text: string) => new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
const randomToken = (s: Services, prefix: string) => `${prefix}_${base64url.encode(s.random.bytes(24))}`;

function htmlError(c: Ctx, status: 400 | 403 | 404, message: string) {
  const nonce = newStyleNonce(c.var.services.random.bytes(16));
  return c.body(errorPage(message, nonce), status, consentHeaders(nonce));
}

const oauthError = (c: Ctx, status: 400 | 401, error: string, description: string) =>
  c.json({ error, error_description: description }, status, { 'cache-control': 'no-store' });

/** Reads and checks an authorization request; a string is an error for the person, not the client. */
function readAuthorizationRequest(s: Services, provider: string, p: Record<string, string | undefined>): AuthorizationRequest | string {
  if (!isProvider(provider)) return `Unknown provider "${provider}".`;
  const clientId = p.client_id ?? '';
  if (!providerSettings(s.config, provider).clientId.includes(clientId)) return `Unknown client_id "${clientId}" for ${provider}.`;
  const redirectUri = p.redirect_uri ?? '';
  if (!redirectAllowed(s, provider, redirectUri)) return `redirect_uri "${redirectUri}" is not registered for this client.`;
  return {
    provider, clientId, redirectUri,
    state: p.state ?? '', scope: p.scope ?? '', nonce: p.nonce ?? '',
    codeChallenge: p.code_challenge ?? '', codeChallengeMethod: p.code_challenge_method ?? '',
  };
}

/** RFC 6749 checks that are reported to the client by redirect. */
function requestProblem(p: Record<string, string | undefined>, r: AuthorizationRequest): [string, string] | undefined {
  if ((p.response_type ?? '') !== 'code') return ['unsupported_response_type', 'Only response_type=code is supported'];
  if (r.codeChallenge && !['S256', 'plain', ''].includes(r.codeChallengeMethod)) {
    return ['invalid_request', 'code_challenge_method must be S256 or plain'];
  }
  return undefined;
}

async function issueCode(s: Services, state: IdpState, r: AuthorizationRequest, account: IdpAccount): Promise<string> {
  rememberAccount(state, r.provider, account);
  const code = randomToken(s, 'code');
  state.codes.set(code, { ...r, account, expiresAt: s.clock.nowSeconds() + CODE_LIFETIME });
  return withParams(r.redirectUri, { code, state: r.state });
}

async function authorizeGet(c: Ctx) {
  const s = c.var.services;
  const provider = c.req.param('provider')!;
  const params = c.req.query();
  const r = readAuthorizationRequest(s, provider, params);
  if (typeof r === 'string') return htmlError(c, isProvider(provider) ? 400 : 404, r);
  const problem = requestProblem(params, r);
  if (problem) return c.redirect(withParams(r.redirectUri, { error: problem[0], error_description: problem[1], state: r.state }), 302);
  const state = await s.idp.state();
  const accounts = await offeredAccounts(state, r.provider);
  // login_hint names the account: no page, the way tests and scripts want it
  const hint = (params.login_hint ?? '').trim().toLowerCase();
  if (hint) {
    const refusal = loginHintRefusal(s.config, c.req.url);
    if (refusal) return htmlError(c, 403, refusal);
    const known = accounts.find((a) => a.email.toLowerCase() === hint);
    const account = known ?? {
      sub: await subjectFor(r.provider, hint), email: hint, emailVerified: true, name: '', picture: '', userName: hint.split('@')[0]!,
    };
    return c.redirect(await issueCode(s, state, r, account), 302);
  }
  const nonce = newStyleNonce(s.random.bytes(16));
  const page = consentPage({ action: `/_/idp/${r.provider}/authorize`, request: r, accounts, appName: r.clientId, styleNonce: nonce });
  return c.body(page, 200, consentHeaders(nonce));
}

/** The consent form: allow with an account, or deny (access_denied back to the client). */
async function authorizePost(c: Ctx) {
  const s = c.var.services;
  const provider = c.req.param('provider')!;
  let entries: [string, FormDataEntryValue][];
  try {
    entries = [...(await c.req.formData()).entries()];
  } catch {
    // JSON, or a multipart body that does not parse: the consent page only ever posts a form
    return htmlError(c, 400, 'The consent form must be sent as application/x-www-form-urlencoded or multipart/form-data.');
  }
  const form = Object.fromEntries(entries.map(([k, v]) => [k, typeof v === 'string' ? v : ''])) as Record<string, string>;
  const r = readAuthorizationRequest(s, provider, form);
  if (typeof r === 'string') return htmlError(c, isProvider(provider) ? 400 : 404, r);
  const problem = requestProblem(form, r);
  if (problem) return c.redirect(withParams(r.redirectUri, { error: problem[0], error_description: problem[1], state: r.state }), 302);
  if (form.decision !== 'allow') {
    return c.redirect(withParams(r.redirectUri, { error: 'access_denied', error_description: 'The user denied the request', state: r.state }), 302);
  }
  const email = (form.email ?? '').trim();
  const account: IdpAccount = {
    sub: (form.sub ?? '').trim() || (await subjectFor(r.provider, email)),
    email,
    emailVerified: form.email_verified === 'true' || form.email_verified === 'on',
    name: (form.name ?? '').trim(),
    picture: (form.picture ?? '').trim(),
    userName: (form.user_name ?? '').trim() || email.split('@')[0]!,
  };
  return c.redirect(await issueCode(s, await s.idp.state(), r, account), 302);
}

/**
 * client_secret_basic or client_secret_post, as RFC 6749 §2.3.1. A Basic header that is not
 * base64 of form-encoded "id:secret" authenticates no client (undefined: invalid_client).
 */
function clientCredentials(c: Ctx, form: Record<string, string>): { id: string; secret: string; basic: boolean } | undefined {
  const header = c.req.header('authorization') ?? '';
  if (/^basic /i.test(header)) {
    const credentials = decodeBasicAuth(header.slice(6).trim(), true);
    return 'error' in credentials ? undefined : { ...credentials, basic: true };
  }
  return { id: form.client_id ?? '', secret: form.client_secret ?? '', basic: false };
}

async function token(c: Ctx) {
  const s = c.var.services;
  const provider = c.req.param('provider')!;
  if (!isProvider(provider)) return oauthError(c, 400, 'invalid_request', 'unknown provider');
  const form = Object.fromEntries(new URLSearchParams(await c.req.text())) as Record<string, string>;
  const client = clientCredentials(c, form);
  const settings = providerSettings(s.config, provider);
  if (!client || !settings.clientId.includes(client.id) || client.secret !== settings.secret) {
    if (!client || client.basic) c.header('www-authenticate', 'Basic realm="authlab"');
    return oauthError(c, 401, 'invalid_client', 'Client authentication failed');
  }
  const state = await s.idp.state();
  const now = s.clock.nowSeconds();
  let grant: { account: IdpAccount; scope: string; nonce: string };
  if (form.grant_type === 'authorization_code') {
    const issued = state.codes.get(form.code ?? '');
    state.codes.delete(form.code ?? ''); // single use, even when the checks below fail
    if (!issued || issued.provider !== provider || issued.clientId !== client.id || issued.expiresAt < now) {
      return oauthError(c, 400, 'invalid_grant', 'The authorization code is invalid or has expired');
    }
    if (issued.redirectUri !== (form.redirect_uri ?? '')) return oauthError(c, 400, 'invalid_grant', 'redirect_uri does not match');
    const verifier = form.code_verifier ?? '';
    if (issued.codeChallenge) {
      const method = issued.codeChallengeMethod === 'plain' ? 'plain' : 's256';
      if (!verifier || !(await verifierMatches(verifier, method, issued.codeChallenge))) {
        return oauthError(c, 400, 'invalid_grant', 'PKCE verification failed');
      }
    } else if (verifier) {
      return oauthError(c, 400, 'invalid_grant', 'code_verifier given for a request without code_challenge');
    }
    grant = { account: issued.account, scope: issued.scope, nonce: issued.nonce };
  } else if (form.grant_type === 'refresh_token') {
    const issued = state.refreshTokens.get(form.refresh_token ?? '');
    if (!issued || issued.provider !== provider || issued.clientId !== client.id) {
      return oauthError(c, 400, 'invalid_grant', 'The refresh token is invalid');
    }
    state.refreshTokens.delete(form.refresh_token ?? '');
    grant = { account: issued.account, scope: issued.scope, nonce: '' };
  } else {
    return oauthError(c, 400, 'unsupported_grant_type', 'grant_type must be authorization_code or refresh_token');
  }
  const accessToken = randomToken(s, 'at');
  const refreshToken = randomToken(s, 'rt');
  const issued = { provider, clientId: client.id, account: grant.account, scope: grant.scope, expiresAt: now + TOKEN_LIFETIME };
  state.accessTokens.set(accessToken, issued);
  state.refreshTokens.set(refreshToken, issued);
  const a = grant.account;
  const idToken = await new SignJWT({
    ...(grant.nonce ? { nonce: grant.nonce } : {}),
    email: a.email || undefined,
    email_verified: a.emailVerified,
    name: a.name || undefined,
    picture: a.picture || undefined,
    preferred_username: a.userName || undefined,
    auth_time: now,
    // OIDC Core 3.1.3.6: left half of the access token's SHA-256
    at_hash: base64url.encode((await sha256(accessToken)).slice(0, 16)),
  })
    .setProtectedHeader({ alg: 'ES256', kid: state.kid, typ: 'JWT' })
    .setIssuer(idpIssuer(s, provider))
    .setSubject(a.sub)
    .setAudience(client.id)
    .setIssuedAt(now)
    .setExpirationTime(now + TOKEN_LIFETIME)
    .sign(state.privateKey);
  return c.json(
    { access_token: accessToken, token_type: 'Bearer', expires_in: TOKEN_LIFETIME, refresh_token: refreshToken, id_token: idToken, scope: grant.scope },
    200,
    { 'cache-control': 'no-store', pragma: 'no-cache' },
  );
}

/** The standard claims of an account, as /userinfo and the id_token carry them. */
export function accountClaims(a: IdpAccount) {
  return {
    sub: a.sub,
    ...(a.name ? { name: a.name } : {}),
    ...(a.userName ? { preferred_username: a.userName } : {}),
    ...(a.picture ? { picture: a.picture } : {}),
    ...(a.email ? { email: a.email, email_verified: a.emailVerified } : {}),
  };
}

async function userinfo(c: Ctx) {
  const s = c.var.services;
  const match = /^bearer (\S+)$/i.exec(c.req.header('authorization') ?? '');
  const issued = match ? (await s.idp.state()).accessTokens.get(match[1]!) : undefined;
  if (!issued || issued.provider !== c.req.param('provider') || issued.expiresAt < s.clock.nowSeconds()) {
    c.header('www-authenticate', 'Bearer error="invalid_token"');
    return c.json({ error: 'invalid_token', error_description: 'The access token is invalid or has expired' }, 401);
  }
  return c.json(accountClaims(issued.account));
}

function discovery(c: Ctx) {
  const provider = c.req.param('provider')!;
  if (!isProvider(provider)) return c.text('404 page not found', 404);
  const issuer = idpIssuer(c.var.services, provider);
  return c.json({
    issuer,
    authorization_endpoint: `${issuer}/authorize`,
    token_endpoint: `${issuer}/token`,
    userinfo_endpoint: `${issuer}/userinfo`,
    jwks_uri: `${issuer}/jwks`,
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['ES256'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    code_challenge_methods_supported: ['S256', 'plain'],
    scopes_supported: ['openid', 'email', 'profile'],
    claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'auth_time', 'nonce', 'email', 'email_verified', 'name', 'picture', 'preferred_username'],
  });
}

async function jwks(c: Ctx) {
  if (!isProvider(c.req.param('provider')!)) return c.text('404 page not found', 404);
  return c.json({ keys: [(await c.var.services.idp.state()).publicJwk] }, 200, { 'cache-control': 'public, max-age=600' });
}

/** The provider's routes, to mount at /_/idp. */
export function idpRoutes() {
  const r = new Hono<AppEnv>();
  r.get('/:provider/.well-known/openid-configuration', discovery);
  r.get('/:provider/jwks', jwks);
  r.get('/:provider/authorize', authorizeGet);
  r.post('/:provider/authorize', authorizePost);
  r.post('/:provider/token', token);
  r.get('/:provider/userinfo', userinfo);
  r.post('/:provider/userinfo', userinfo);
  return r;
}

/** Calls the provider in process, through its HTTP handlers, as GoTrue would over the network. */
export function idpFetch(s: Services, request: Request): Promise<Response> {
  const app = new Hono<AppEnv>();
  app.use('*', async (c, next) => {
    c.set('services', s);
    await next();
  });
  app.route('/_/idp', idpRoutes());
  return Promise.resolve(app.fetch(request));
}
