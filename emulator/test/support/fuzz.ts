import { createControlApp } from '../../src/control/control-app.js';
import { createInboxApp, type InboxServices } from '../../src/mail/inbox-app.js';
import { authRoutes } from '../../src/routes/index.js';

/**
 * Malformed requests for every route authlab serves, from a seeded generator: the same seed gives
 * the same requests in the same order, so a failure reproduces from the seed and the index alone.
 * Shared by the fuzz test (in process) and the bench's longer run (against a server process).
 */

/** A small, fast PRNG (mulberry32): deterministic across runs and machines. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  const chance = (p: number) => next() < p;
  return { next, int, pick, chance };
}
export type Prng = ReturnType<typeof prng>;

export interface Route {
  method: string;
  /** e.g. /auth/v1/admin/users/:user_id */
  path: string;
}

/** Every route of the app: GoTrue's table (under /auth/v1 and bare), the inbox, the control API, the fake provider. */
export function everyRoute(): Route[] {
  const seen = new Set<string>();
  const routes: Route[] = [];
  const add = (prefixes: string[], list: { method: string; path: string }[]) => {
    for (const r of list) {
      // middleware entries (use('*'), use('/passkeys/*')) are not routes
      if (r.path.includes('*')) continue;
      for (const prefix of prefixes) {
        const path = `${prefix}${r.path === '/' ? '' : r.path}` || '/';
        const key = `${r.method} ${path}`;
        if (seen.has(key)) continue;
        seen.add(key);
        routes.push({ method: r.method, path });
      }
    }
  };
  add(['/auth/v1', ''], authRoutes().routes);
  add(['/_/control'], createControlApp({ reset: async () => undefined, snapshots: new Map() }).routes);
  // listing the routes needs no database: the app only reads the clock when it is built
  const listingOnly = { clock: { now: () => new Date() } } as unknown as InboxServices;
  add(['/_/inbox'], createInboxApp(listingOnly).routes);
  return routes;
}

/** What the generator may put in a request: keys and ids of the emulator under test. */
export interface FuzzContext {
  anonKey: string;
  serviceRoleKey: string;
  /** a signed-in user's access token, refreshed by the caller now and then */
  userToken: string;
  userId: string;
  email: string;
}

export interface FuzzRequest {
  method: string;
  /** path and query, e.g. /auth/v1/admin/users?page=1 */
  url: string;
  headers: Record<string, string>;
  body?: string | Uint8Array<ArrayBuffer>;
  /** the route it was made for, to group failures */
  route: string;
}

const NUL = '\u0000';
const LONE_HIGH = '\ud800';
const LONE_LOW = '\udfff';

const WORDS = [
  'email', 'password', 'phone', 'data', 'options', 'token', 'type', 'token_hash', 'code', 'redirect_to', 'provider',
  'id_token', 'access_token', 'refresh_token', 'grant_type', 'auth_code', 'code_verifier', 'code_challenge',
  'code_challenge_method', 'factor_type', 'friendly_name', 'issuer', 'challenge_id', 'factor_id', 'app_metadata',
  'user_metadata', 'ban_duration', 'role', 'email_confirm', 'phone_confirm', 'client_name', 'redirect_uris', 'users',
  'tables', 'version', 'action', 'IDs', 'Search', 'Read', 'nonce', 'channel', 'create_user', 'gotrue_meta_security',
  'captcha_token', 'should_soft_delete', 'webauthn', 'credential_response', 'client_id', 'client_secret', 'scope',
  'state', 'set', 'advance', 'new_email', 'id', 'aud', 'is_anonymous', 'password_hash', 'current_password',
  'response_type', 'token_endpoint_auth_method', 'grant_types', 'decision', 'sub', 'email_verified', 'name', 'login_hint',
  'message', 'signature', 'chain', 'domains', 'metadata_url', 'user_id',
];

const ENUMS = [
  'signup', 'magiclink', 'recovery', 'invite', 'email_change', 'email', 'sms', 'phone_change', 'totp', 'phone',
  'webauthn', 'github', 'google', 'password', 'refresh_token', 'pkce', 'id_token', 'authorization_code', 'S256', 'plain',
  's256', 'whatsapp', 'approve', 'deny', 'allow', 'local', 'global', 'others', 'none', 'client_secret_basic',
  'client_secret_post', 'authenticated', 'service_role', 'anon', 'ethereum', 'solana', 'create', 'request',
];

function oddStrings(ctx: FuzzContext): string[] {
  return [
    '', ' ', NUL, `a${NUL}b`, `${NUL}@example.com`, LONE_HIGH, `x${LONE_LOW}y`, `${LONE_HIGH}${NUL}`, '\ufffd', '😀',
    'x'.repeat(5000), '%00', '%zz', '../..', 'null', 'true', '-1', '0', '1e400', 'NaN', '18446744073709551615',
    '9999999999999', '2024-13-45T99:99:99Z', '0000-00-00', 'http://evil.com%5C@127.0.0.1:3000/', 'javascript:alert(1)',
    'http://127.0.0.1:3000/cb', '//evil.com', '+15551234567', '+', '123456', '000000', ctx.email, ctx.userId,
    '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', 'not-a-uuid', 'eyJhbGciOiJub25lIn0.e30.',
    ctx.userToken, `secret-${NUL}`, 'a@b', 'UPPER@EXAMPLE.COM', '\u202e', '\r\nX-Injected: 1', "' or 1=1 --", '<script>',
  ];
}

/** A JSON value of any kind, odd ones favoured; depth bounded so bodies stay small. */
function value(r: Prng, ctx: FuzzContext, depth: number): unknown {
  switch (r.int(depth > 2 ? 6 : 9)) {
    case 0: return r.pick(oddStrings(ctx));
    case 1: return r.pick(ENUMS);
    case 2: return r.pick([0, -1, 1, 1.5, 1e20, -1e20, 2 ** 53, Number.MAX_VALUE, 9999999999999]);
    case 3: return r.pick([true, false, null]);
    case 4: return `${r.pick(['user', 'x', NUL])}-${r.int(1e6)}@example.com`;
    case 5: return r.pick(oddStrings(ctx)) + r.pick(ENUMS);
    case 6: return Array.from({ length: r.int(4) }, () => value(r, ctx, depth + 1));
    default: return object(r, ctx, depth + 1);
  }
}

function object(r: Prng, ctx: FuzzContext, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const n = 1 + r.int(6);
  for (let i = 0; i < n; i++) {
    const key = r.chance(0.9) ? r.pick(WORDS) : r.pick([NUL, `k${NUL}`, LONE_HIGH, '', '__proto__', 'constructor', 'x'.repeat(300)]);
    out[key] = value(r, ctx, depth);
  }
  return out;
}

/** JSON text with lone surrogates written as escapes, the way a hostile client sends them. */
const jsonText = (v: unknown) => JSON.stringify(v);

function deepNesting(r: Prng): string {
  const depth = r.pick([64, 1000, 100_000]);
  if (r.chance(0.5)) return '['.repeat(depth) + ']'.repeat(depth);
  return `{"data":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)},"email":"deep@example.com","password":"secret-123"}`;
}

interface Body {
  body?: string | Uint8Array<ArrayBuffer>;
  contentType?: string;
}

function body(r: Prng, ctx: FuzzContext): Body {
  const json = 'application/json';
  switch (r.int(14)) {
    case 0: return {};
    case 1: return { body: r.pick(['{', '{"email":', '[', '}', '{"a":1,}', "{'a':1}", 'nul', '{"a":"\\u00"}', '{"a":"\\ud800"}', '{"a":"\\u0000"}', '{"\\u0000":1}']), contentType: json };
    case 2: return { body: r.pick(['null', '[]', '"text"', '123', 'true', '[{}]', '{}']), contentType: json };
    case 3: return { body: deepNesting(r), contentType: json };
    case 4: return { body: new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d]), contentType: json };
    case 5: return { body: jsonText(object(r, ctx, 0)), contentType: r.pick([json, 'text/plain', '', 'application/json; charset=latin1']) };
    case 6: {
      const form = new URLSearchParams();
      const o = object(r, ctx, 2);
      for (const [k, v] of Object.entries(o)) form.append(k, typeof v === 'string' ? v : JSON.stringify(v) ?? '');
      return { body: r.chance(0.3) ? `${form}&bad=%zz&nul=%00&${'%'}` : form.toString(), contentType: 'application/x-www-form-urlencoded' };
    }
    case 7: return {
      body: r.pick(['--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--\r\n', '--x\r\ngarbage', 'not multipart at all', '']),
      contentType: r.pick(['multipart/form-data; boundary=x', 'multipart/form-data', 'multipart/form-data; boundary=']),
    };
    case 8: return { body: 'x'.repeat(1024 * 1024 + 10), contentType: json };
    case 9: return { body: jsonText({ ...object(r, ctx, 1), data: { [`k${NUL}`]: `v${NUL}` } }), contentType: json };
    case 10: return { body: '{"email":"\\ud800x@example.com","data":{"\\udfff":"\\ud800"},"friendly_name":"\\udfff\\u0000"}', contentType: json };
    default: return { body: jsonText(object(r, ctx, 0)), contentType: json };
  }
}

const PARAMS = [
  'page', 'per_page', 'limit', 'start', 'id', 'query', 'tz', 'before', 'redirect_to', 'grant_type', 'type', 'token',
  'token_hash', 'email', 'scope', 'provider', 'code', 'state', 'error', 'snapshot', 'dl', 'filter', 'phone', 'client_id',
  'redirect_uri', 'response_type', 'code_challenge', 'code_challenge_method', 'login_hint', 'flow_type', 'nonce',
];

const QUERY_VALUES = [
  '', '%00', '18446744073709551615', '9999999999999', '9999999', '-1', '0', '1e400', 'NaN', 'abc', '%zz', '%ED%A0%80',
  'http%3A%2F%2Fevil.com%5C%40127.0.0.1%3A3000%2F', 'password', 'refresh_token', 'pkce', 'id_token', 'web3', 'signup',
  'magiclink', 'recovery', 'invite', 'email', 'github', 'code', 'to%3Aada%40example.com', 'is%3Aread', 'before%3A2099-99-99',
  '%F0%9F%98%80', 'x'.repeat(2000), '2024-01-01T00:00:00Z', 'S256', 'authorization_code', 'global', 'others',
];

function query(r: Prng): string {
  if (r.chance(0.3)) return '';
  const parts: string[] = [];
  for (let i = 0, n = 1 + r.int(4); i < n; i++) {
    parts.push(r.chance(0.1) ? r.pick(['%zz', '%00=%00', '=', '&&', 'a=%', '%E0%A4%A=1']) : `${r.pick(PARAMS)}=${r.pick(QUERY_VALUES)}`);
  }
  return `?${parts.join('&')}`;
}

const uuid = (r: Prng) =>
  Array.from({ length: 32 }, () => r.int(16).toString(16)).join('').replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-');

function pathParam(r: Prng, ctx: FuzzContext): string {
  return r.pick([
    ctx.userId, uuid(r), '00000000-0000-0000-0000-000000000000',
    '%00', 'x%00y', 'not-a-uuid', 'latest', 'github', 'google', 'nope', '%zz', '%ED%A0%80', '..', '-1', '18446744073709551615',
    'x'.repeat(3000), '%F0%9F%98%80', 'a%2Fb', '%20', 'LATEST', `${ctx.userId.toUpperCase()}`,
  ]);
}

function authorization(r: Prng, ctx: FuzzContext): string | undefined {
  return r.pick([
    undefined, `Bearer ${ctx.anonKey}`, `Bearer ${ctx.serviceRoleKey}`, `Bearer ${ctx.userToken}`, `Bearer ${ctx.userToken}`,
    `Bearer ${ctx.serviceRoleKey}`, 'Bearer garbage', 'Bearer ', 'Basic !!!', 'Basic %zz', 'Basic Og==', `Basic ${btoa('a:%zz')}`,
    `Basic ${btoa('authlab-github:%E0%A4%A')}`, 'Bearer a.b.c', 'Negotiate x',
  ]);
}

/** The index-th request of a seeded run. */
export function fuzzRequest(r: Prng, routes: Route[], ctx: FuzzContext): FuzzRequest {
  const route = r.pick(routes);
  const method = route.method === 'ALL' ? r.pick(['GET', 'POST', 'PUT', 'DELETE', 'PATCH']) : route.method;
  let path = route.path.replace(/:[a-z_]+/g, () => pathParam(r, ctx));
  // now and then a route's path with an extra or broken segment
  if (r.chance(0.05)) path += r.pick(['/', '/%00', '/..', '/x', '%00', '//']);
  const headers: Record<string, string> = {};
  if (r.chance(0.85)) headers.apikey = r.chance(0.8) ? ctx.anonKey : r.pick([ctx.serviceRoleKey, 'garbage', '']);
  const auth = authorization(r, ctx);
  if (auth !== undefined) headers.authorization = auth;
  if (r.chance(0.3)) headers['x-supabase-api-version'] = r.pick(['2024-01-01', '1999-01-01', 'garbage']);
  if (r.chance(0.1)) headers['x-forwarded-for'] = r.pick(['1.2.3.4', 'garbage', '::1', '999.1.1.1, 2.2.2.2']);
  const b = method === 'GET' || method === 'HEAD' ? {} : body(r, ctx);
  if (b.contentType) headers['content-type'] = b.contentType;
  return { method, url: path + query(r), headers, ...(b.body !== undefined ? { body: b.body } : {}), route: `${route.method} ${route.path}` };
}

/** A run's requests, deterministic for a seed; `context()` is read before each one (tokens change). */
export function* fuzzRequests(seed: number, count: number, context: () => FuzzContext): Generator<FuzzRequest> {
  const r = prng(seed);
  const routes = everyRoute();
  for (let i = 0; i < count; i++) yield fuzzRequest(r, routes, context());
}

/**
 * GoTrue's deliberate 500s for a misconfigured server (go-webauthn refusing the relying party).
 * The fuzz configures a valid one, so these should not appear; listed so that a run against
 * another configuration does not count them as crashes.
 */
export const DELIBERATE_500_MESSAGES = [
  'Failed to initialize WebAuthn',
  'Failed to generate WebAuthn registration options',
  'Failed to generate WebAuthn authentication options',
];

/** A crash: any 5xx other than those deliberate ones. */
export function isServerError(status: number, body: string): boolean {
  if (status < 500) return false;
  return !(status === 500 && DELIBERATE_500_MESSAGES.some((m) => body.includes(`"${m}"`)));
}
