import type { AuthError } from '../errors.js';
import { oauthErrorForStatus } from '../go/oauth-errors.js';
import { encodeValues } from '../go/query.js';

/**
 * The redirect URLs GoTrue builds after a link or an OAuth sign-in: sessions in the fragment,
 * codes in the query, errors in both. Shared by /verify and /callback.
 */

/** The URL with these query parameters set (GoTrue: u.Query(), Set, Encode). */
export function withQuery(url: string, params: Record<string, string>): string {
  const u = new URL(url);
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
  return u.toString();
}

export interface SessionLike {
  access_token: string;
  token_type: string;
  expires_in: number;
  expires_at: number;
  refresh_token: string;
}

/** The implicit-flow redirect (GoTrue's AsRedirectURL): the session and `extra` in the fragment. */
export function sessionRedirect(url: string, session: SessionLike, extra: Record<string, string>): string {
  return `${url}#${encodeValues({
    ...extra,
    access_token: session.access_token,
    token_type: session.token_type,
    expires_in: String(session.expires_in),
    expires_at: String(session.expires_at),
    refresh_token: session.refresh_token,
    sb: '',
  })}`;
}

/** As GoTrue's prepErrorRedirectURL: error details in the fragment, and in the query for PKCE. */
export function errorRedirect(url: string, e: AuthError, pkce: boolean): string {
  const u = new URL(url);
  const values: Record<string, string> = { error_code: e.code, error_description: e.message };
  const name = oauthErrorForStatus(e.status);
  if (name) values.error = name;
  if (pkce) for (const [k, v] of Object.entries(values)) u.searchParams.set(k, v);
  u.hash = encodeValues({ ...values, sb: '' });
  return u.toString();
}
