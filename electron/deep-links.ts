/**
 * Auth redirects coming back into the app: `authlab://callback...` from the OS (custom scheme) or
 * `http://127.0.0.1:<port>/callback` from the loopback listener. Everything the OS or a browser
 * hands us is untrusted, so this accepts exactly those two shapes and the parameters GoTrue puts
 * on a redirect, and nothing else.
 */

export const DEEP_LINK_SCHEME = 'authlab';
export const CUSTOM_SCHEME_REDIRECT_URL = `${DEEP_LINK_SCHEME}://callback`;
export const LOOPBACK_CALLBACK_PATH = '/callback';
/** Access token + refresh token + provider tokens fit many times over. */
export const MAX_DEEP_LINK_LENGTH = 16 * 1024;

export type AuthRedirect =
  /** PKCE: finish with supabase.auth.exchangeCodeForSession(code). */
  | { kind: 'code'; code: string }
  /** Implicit flow: finish with supabase.auth.setSession({ access_token, refresh_token }). */
  | {
      kind: 'session';
      accessToken: string;
      refreshToken: string;
      expiresIn: number | null;
      expiresAt: number | null;
      tokenType: string | null;
      /** GoTrue's verification type: signup, magiclink, recovery, invite, email_change. */
      type: string | null;
      providerToken: string | null;
      providerRefreshToken: string | null;
    }
  /** GoTrue redirects errors too, e.g. error_code=otp_expired on a used link. */
  | { kind: 'error'; error: string; errorCode: string | null; errorDescription: string | null };

export interface DeepLink {
  via: 'custom-scheme' | 'loopback';
  redirect: AuthRedirect;
}

export type DeepLinkResult = { ok: true; link: DeepLink } | { ok: false; reason: string };

export interface ParseOptions {
  /** Origins of loopback listeners that are running now (http://127.0.0.1:<port>); none by default. */
  loopbackOrigins?: readonly string[];
}

const TOKEN = /^[A-Za-z0-9._~-]+$/;
const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const WORD = /^[A-Za-z0-9_]+$/;
const DIGITS = /^\d{1,12}$/;
const PRINTABLE = /^[\u0020-\u007e\u00a0-\uffff]*$/;

/** Each parameter GoTrue may send, with the shape and size it must have. */
const PARAMETERS = {
  code: { pattern: TOKEN, max: 512 },
  access_token: { pattern: JWT, max: 8 * 1024 },
  refresh_token: { pattern: TOKEN, max: 1024 },
  expires_in: { pattern: DIGITS, max: 12 },
  expires_at: { pattern: DIGITS, max: 12 },
  token_type: { pattern: WORD, max: 32 },
  type: { pattern: WORD, max: 32 },
  provider_token: { pattern: PRINTABLE, max: 4 * 1024 },
  provider_refresh_token: { pattern: PRINTABLE, max: 4 * 1024 },
  error: { pattern: WORD, max: 128 },
  error_code: { pattern: WORD, max: 128 },
  error_description: { pattern: PRINTABLE, max: 1024 },
} as const;

type ParameterName = keyof typeof PARAMETERS;
type Parameters = Partial<Record<ParameterName, string>>;

const reject = (reason: string): DeepLinkResult => ({ ok: false, reason });

export function parseDeepLink(raw: unknown, options: ParseOptions = {}): DeepLinkResult {
  if (typeof raw !== 'string') return reject('not a string');
  if (raw.length > MAX_DEEP_LINK_LENGTH) return reject(`longer than ${MAX_DEEP_LINK_LENGTH} characters`);
  // URL parsing would quietly drop these; a real redirect never contains them
  if (/[\u0000-\u0020\u007f]/.test(raw)) return reject('contains whitespace or control characters');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return reject('not a URL');
  }
  const via = whichCallback(url, options.loopbackOrigins ?? []);
  if (!via) return reject('not authlab://callback or a running loopback listener');
  const params = readParameters(url);
  if (typeof params === 'string') return reject(params);
  const redirect = toRedirect(params);
  if (typeof redirect === 'string') return reject(redirect);
  return { ok: true, link: { via, redirect } };
}

function whichCallback(url: URL, loopbackOrigins: readonly string[]): DeepLink['via'] | undefined {
  if (url.username || url.password) return undefined;
  if (url.protocol === `${DEEP_LINK_SCHEME}:`) {
    // authlab://callback, authlab://callback/ — never authlab:callback or another host
    const isCallback = url.host === 'callback' && (url.pathname === '' || url.pathname === '/');
    return isCallback ? 'custom-scheme' : undefined;
  }
  if (url.protocol === 'http:' && url.hostname === '127.0.0.1' && url.pathname === LOOPBACK_CALLBACK_PATH) {
    return loopbackOrigins.includes(`http://${url.host}`) ? 'loopback' : undefined;
  }
  return undefined;
}

/** Query and fragment together (PKCE uses the query, the implicit flow the fragment); each name once. */
function readParameters(url: URL): Parameters | string {
  const out: Parameters = {};
  for (const part of [url.search.slice(1), url.hash.slice(1)]) {
    for (const [name, value] of new URLSearchParams(part)) {
      if (!(name in PARAMETERS)) continue;
      const key = name as ParameterName;
      if (out[key] !== undefined) return `${name} appears more than once`;
      const rule = PARAMETERS[key];
      if (value.length === 0 || value.length > rule.max || !rule.pattern.test(value)) return `${name} is malformed`;
      out[key] = value;
    }
  }
  return out;
}

/** An error wins over anything else on the link, as supabase-js reads it. */
function toRedirect(p: Parameters): AuthRedirect | string {
  if (p.error || p.error_code) {
    return { kind: 'error', error: p.error ?? p.error_code!, errorCode: p.error_code ?? null, errorDescription: p.error_description ?? null };
  }
  if (p.code) return { kind: 'code', code: p.code };
  if (p.access_token && p.refresh_token) {
    return {
      kind: 'session',
      accessToken: p.access_token,
      refreshToken: p.refresh_token,
      expiresIn: p.expires_in ? Number(p.expires_in) : null,
      expiresAt: p.expires_at ? Number(p.expires_at) : null,
      tokenType: p.token_type ?? null,
      type: p.type ?? null,
      providerToken: p.provider_token ?? null,
      providerRefreshToken: p.provider_refresh_token ?? null,
    };
  }
  return 'carries no code, no session and no error';
}

/**
 * The deep link in a command line (Windows and Linux start a second instance with it; the first
 * instance may also be started by one). Chromium may add its own switches, so look at every argument.
 */
export function deepLinkFromArgv(argv: readonly string[]): string | undefined {
  return argv.find((arg) => arg.toLowerCase().startsWith(`${DEEP_LINK_SCHEME}://`));
}
