import type { MiddlewareHandler } from 'hono';
import type { Services } from '../services.js';
import type { AppEnv } from '../http/env.js';

/**
 * The API gateway in front of GoTrue under /auth/v1.
 *
 * Key check: the CLI's Kong has no key check on the auth route, so GoTrue answers a request
 * without an `apikey`; authlab does the same by default and says once in the log that a hosted
 * project would refuse it. requireApiKey (AUTHLAB_REQUIRE_API_KEY=true) turns on the hosted
 * gateway's check: a missing or unknown key (header or ?apikey=) gets 401 before GoTrue sees it.
 *
 * Authorization, as the CLI's Kong template rewrites it: a bearer that is not an opaque `sb_` key
 * is kept; otherwise the secret / publishable key becomes `Bearer <service_role / anon JWT>`;
 * otherwise the raw apikey is passed on as the whole header (without "Bearer", so it authorises
 * nothing). Routes read the result through bearerToken().
 */
export const apiGateway: MiddlewareHandler<AppEnv> = async (c, next) => {
  // links opened from a mail or a provider's redirect carry no key; the gateway routes them as-is
  if (OPEN_PATHS.has(c.req.path)) return next();
  const s = c.var.services;
  const apikey = c.req.header('apikey') ?? c.req.query('apikey');
  if (!s.config.requireApiKey) {
    if (!apikey) warnOnceWithoutKey(s, c.req.method, c.req.path);
  } else {
    if (!apikey) {
      return gatewayError(401, 'No API key found in request', 'No `apikey` request header or url param was found.');
    }
    if (!(await isProjectKey(s, apikey))) {
      return gatewayError(401, 'Invalid API key', 'Double check your Supabase `anon` or `service_role` API key.');
    }
  }
  const authorization = c.req.header('authorization');
  if (authorization === undefined || authorization.startsWith('Bearer sb_')) {
    if (apikey === s.apiKeys.secret) c.set('authorization', `Bearer ${s.apiKeys.serviceRole}`);
    else if (apikey === s.apiKeys.publishable) c.set('authorization', `Bearer ${s.apiKeys.anon}`);
    else c.set('authorization', apikey ?? '');
  }
  await next();
};

/**
 * The gateway's routes without key check or header rewriting (the CLI's kong.yml, hosted alike).
 * The discovery documents are public too: hosted Supabase serves them to a bare curl, and JWKS
 * clients (jose's createRemoteJWKSet, other services) send no apikey. So are the OAuth 2.1 server's
 * protocol endpoints: the third-party apps that call them (MCP clients, partner apps) hold no
 * project key, only their own client credentials or the tokens issued to them.
 */
const OPEN_PATHS = new Set([
  '/auth/v1/verify',
  '/auth/v1/callback',
  '/auth/v1/authorize',
  '/auth/v1/.well-known/jwks.json',
  '/auth/v1/.well-known/openid-configuration',
  '/auth/v1/.well-known/oauth-authorization-server',
  '/auth/v1/oauth/authorize',
  '/auth/v1/oauth/token',
  '/auth/v1/oauth/userinfo',
  '/auth/v1/oauth/clients/register',
]);

/** Emulators that have said it already: the lesson is worth one line, not one per request. */
const warned = new WeakSet<Services>();

function warnOnceWithoutKey(s: Services, method: string, path: string) {
  if (warned.has(s)) return;
  warned.add(s);
  console.warn(
    `authlab: ${method} ${path} came without an apikey. The Supabase CLI lets that through, and so does authlab, ` +
      'but a hosted project answers 401 "No API key found in request". Send the anon or publishable key as the apikey ' +
      'header, or set AUTHLAB_REQUIRE_API_KEY=true to be refused here too. (Said once.)',
  );
}

/**
 * Whether a key is one of this project's: the opaque keys, or any JWT signed with its secret or
 * one of its signing keys. GoTrue's allowed algorithms are GoTrue's business, not the gateway's.
 */
async function isProjectKey(s: Services, key: string): Promise<boolean> {
  if (key === s.apiKeys.publishable || key === s.apiKeys.secret) return true;
  try {
    const claims = await s.jwt.verify(key, s.clock.now(), { anyMethod: true });
    return typeof claims.role === 'string';
  } catch {
    return false;
  }
}

function gatewayError(status: number, message: string, hint: string) {
  return new Response(JSON.stringify({ message, hint }), { status, headers: { 'content-type': 'application/json' } });
}
