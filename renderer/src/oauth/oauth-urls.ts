/**
 * What the OAuth screen shows of the URLs supabase-js builds. Pure functions, no DOM.
 */

/** /settings `external` keys that are not OAuth providers. */
const NOT_OAUTH = new Set(['email', 'phone', 'anonymous_users']);

/** The OAuth providers GET /settings reports as on, in its order. */
export function enabledOAuthProviders(external: Record<string, boolean>): string[] {
  return Object.entries(external)
    .filter(([name, on]) => on && !NOT_OAUTH.has(name))
    .map(([name]) => name);
}

/**
 * signInWithOAuth / linkIdentity with skipBrowserRedirect add `skip_http_redirect=true`, which an
 * app that lets supabase-js navigate never sends; the explorer navigates itself, without it.
 */
export function withoutSkipRedirect(url: string): string {
  const u = new URL(url);
  u.searchParams.delete('skip_http_redirect');
  return u.href;
}

/** The parameters of GoTrue's /authorize (or /user/identities/authorize) URL, in the order they matter. */
export function authorizeParams(url: string): [name: string, value: string][] {
  const u = new URL(url);
  const order = ['provider', 'redirect_to', 'scopes', 'code_challenge', 'code_challenge_method'];
  const rows: [string, string][] = [['endpoint', `${u.origin}${u.pathname}`]];
  for (const name of order) {
    const value = u.searchParams.get(name);
    if (value !== null) rows.push([name, value]);
  }
  for (const [name, value] of u.searchParams) if (!order.includes(name)) rows.push([name, value]);
  return rows;
}

/**
 * Whether GoTrue will keep redirect_to without an allow-list entry: a loopback IP address always
 * passes its check (any port, RFC 8252). Anything else must match SITE_URL or GOTRUE_URI_ALLOW_LIST,
 * which the browser cannot see; otherwise GoTrue silently sends the user to SITE_URL instead.
 */
export function passesAsLoopback(redirectTo: string): boolean {
  try {
    const host = new URL(redirectTo).hostname;
    return /^127(\.\d{1,3}){3}$/.test(host) || host === '[::1]';
  } catch {
    return false;
  }
}
