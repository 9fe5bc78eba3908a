import type { WireEntry } from '../wire/wire-log.js';

/** What GoTrue last said about a device's stored session, read off the device's own exchanges. */
export type Verdict = { state: 'accepted' | 'refused'; status: number; code?: string; path: string } | null;

/** Error codes that mean "this session (or its refresh token) is no longer valid", whatever the status. */
const SESSION_CODES = new Set([
  'session_not_found',
  'session_expired',
  'refresh_token_not_found',
  'refresh_token_already_used',
  'bad_jwt',
  'user_not_found',
  'user_banned',
]);

/** Calls that hand out a new session: a success replaces whatever was stored, a failure says nothing about it. */
const ISSUING = /\/auth\/v1\/(signup|verify|token\?grant_type=(password|pkce|id_token|web3)|passkeys\/authentication\/verify)/;

function errorCode(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { error_code?: unknown; code?: unknown; error?: unknown };
    const code = parsed.error_code ?? parsed.code ?? parsed.error;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}

const pathOf = (url: string) => {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
};

/**
 * The newest exchange of `deviceId` that tested its session: one sent with its access token (an
 * Authorization other than the API key) or its refresh token. 2xx: accepted; 401/403 or a
 * session error code: refused. A sign-out or an answer that is about something else (a 422 on a
 * bad input, no response at all) decides nothing, and the search goes on to older exchanges.
 */
export function verdictOf(entries: readonly WireEntry[], deviceId: string, apiKey: string): Verdict {
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i];
    if (!entry || entry.deviceId !== deviceId || entry.status === 0) continue;
    const path = pathOf(entry.url);
    if (path.includes('/auth/v1/logout')) return null;
    const ok = entry.status >= 200 && entry.status < 300;
    if (ISSUING.test(path)) {
      if (ok) return { state: 'accepted', status: entry.status, path };
      continue;
    }
    const bearer = entry.requestHeaders.authorization ?? '';
    const usesSession = path.includes('grant_type=refresh_token') || (bearer.startsWith('Bearer ') && bearer !== `Bearer ${apiKey}`);
    if (!usesSession) continue;
    if (ok) return { state: 'accepted', status: entry.status, path };
    const code = errorCode(entry.responseBody);
    if (entry.status === 401 || entry.status === 403 || (code && SESSION_CODES.has(code))) {
      return { state: 'refused', status: entry.status, path, ...(code && { code }) };
    }
  }
  return null;
}
