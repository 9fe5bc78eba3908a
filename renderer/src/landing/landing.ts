/**
 * Coming back from a mail link. GET /verify answers 303 to redirect_to with what the app needs:
 *   implicit  #access_token=…&refresh_token=…&type=signup   appended after redirect_to's own
 *             fragment, as GoTrue does (so "#/confirm-email#access_token=…")
 *   PKCE      ?code=…  (plus supabase-js's own ?sb_flow_id=, which it put in redirect_to)
 *   failure   #error=…&error_code=…&error_description=…  replacing redirect_to's fragment
 * The explorer reads that once, before React renders, and takes it off the address bar as
 * supabase-js's detectSessionInUrl would. The flow that sent the user away is remembered in
 * sessionStorage because a failure redirect loses the #/route.
 */

export type LandingParams =
  | {
      kind: 'session';
      accessToken: string;
      refreshToken: string;
      expiresAt: string;
      type: string;
      /** An OAuth provider's own tokens ('' when absent): only the redirect carries them, setSession drops them. */
      providerToken?: string;
      providerRefreshToken?: string;
    }
  | { kind: 'code'; code: string; flowId: string | null }
  | { kind: 'error'; error: string; errorCode: string; description: string }
  | { kind: 'message'; message: string };

export interface Landing {
  /** The flow to resume (its #/route). */
  route: string;
  params: LandingParams;
  /** Where the link landed, as received (tokens included: shown masked). */
  href: string;
  /** Set by the step that handles it, so a remount does not spend a one-time code twice. */
  claimed: boolean;
}

const PENDING_KEY = 'authlab.pending-link';
/** Parameters /verify adds; everything else in the query (?url=&key=) is the explorer's own. */
const ADDED_QUERY = ['code', 'sb_flow_id', 'error', 'error_code', 'error_description', 'message'];

/** Which flow to resume when a link comes back (a failure redirect, or a desktop deep link, names none). */
export function rememberRoute(route: string, storage: Storage = window.sessionStorage): void {
  storage.setItem(PENDING_KEY, JSON.stringify({ route }));
}

/** Navigates like a person clicking the link, remembering which flow to resume on return. */
export function followLink(url: string, route: string): void {
  rememberRoute(route);
  window.location.assign(url);
}

/** The explorer's own address for a flow: where GoTrue should send the user back to. */
export function explorerUrl(route: string, location: Location = window.location): string {
  const query = new URLSearchParams(location.search);
  for (const key of ADDED_QUERY) query.delete(key);
  const search = query.toString();
  return `${location.origin}${location.pathname}${search ? `?${search}` : ''}#/${route}`;
}

/** True when GoTrue kept a redirect_to that leads back to this explorer page. */
export function leadsBackHere(redirectTo: string, location: Location = window.location): boolean {
  try {
    const url = new URL(redirectTo);
    return url.origin === location.origin && url.pathname === location.pathname;
  } catch {
    return false;
  }
}

export function readPendingRoute(storage: Storage = window.sessionStorage): string {
  try {
    const value: unknown = JSON.parse(storage.getItem(PENDING_KEY) ?? 'null');
    const route = value && typeof value === 'object' ? (value as { route?: unknown }).route : undefined;
    return typeof route === 'string' ? route : '';
  } catch {
    return '';
  }
}

function readParams(fragment: URLSearchParams, query: URLSearchParams): LandingParams | null {
  const accessToken = fragment.get('access_token');
  if (accessToken) {
    return {
      kind: 'session',
      accessToken,
      refreshToken: fragment.get('refresh_token') ?? '',
      expiresAt: fragment.get('expires_at') ?? '',
      type: fragment.get('type') ?? '',
      providerToken: fragment.get('provider_token') ?? '',
      providerRefreshToken: fragment.get('provider_refresh_token') ?? '',
    };
  }
  const code = query.get('code');
  if (code) return { kind: 'code', code, flowId: query.get('sb_flow_id') };
  const errors = fragment.has('error_code') || fragment.has('error') ? fragment : query;
  if (errors.has('error_code') || errors.has('error')) {
    return {
      kind: 'error',
      error: errors.get('error') ?? '',
      errorCode: errors.get('error_code') ?? '',
      description: errors.get('error_description') ?? '',
    };
  }
  const message = fragment.get('message') ?? query.get('message');
  return message ? { kind: 'message', message } : null;
}

/** Reads (and removes from the address bar) what a mail link brought back; null on a normal visit. */
export function takeLanding(location: Location, history: History, storage: Storage): Landing | null {
  const hash = location.hash.replace(/^#/, '');
  let route = '';
  let fragment = hash;
  if (hash.startsWith('/')) {
    const second = hash.indexOf('#');
    route = second === -1 ? hash.slice(1) : hash.slice(1, second);
    fragment = second === -1 ? '' : hash.slice(second + 1);
  }
  const query = new URLSearchParams(location.search);
  const params = readParams(new URLSearchParams(fragment), query);
  if (!params) return null;

  const href = location.href;
  route = route || readPendingRoute(storage);
  storage.removeItem(PENDING_KEY);
  for (const key of ADDED_QUERY) query.delete(key);
  const search = query.toString();
  history.replaceState(null, '', `${location.pathname}${search ? `?${search}` : ''}${route ? `#/${route}` : ''}`);
  return { route, params, href, claimed: false };
}
