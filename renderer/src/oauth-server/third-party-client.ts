import { base64url } from 'jose';
import type { WireLog } from '../wire/wire-log.js';
import { recordingFetch } from '../wire/recording-fetch.js';

/** The wire log's tag for the requests the explorer sends as the third-party app, not as a device. */
export const CLIENT_TAG = 'third-party client';

/** `{ data, error }` as supabase-js answers, so settle() shows raw calls like library calls. */
type Answer<T> = { data: T; error: null } | { data: null; error: { code?: string; status: number; message: string; name: string } };

/** What the app keeps between starting /oauth/authorize and exchanging the code. */
export interface PendingAuthorization {
  url: string;
  codeVerifier: string;
  codeChallenge: string;
  state: string;
  nonce: string;
  redirectUri: string;
}

export interface Authorized extends PendingAuthorization {
  /** Where GoTrue's redirect ended (fetch followed it): the consent page, with ?authorization_id= on it. */
  finalUrl: string;
  finalStatus: number;
  redirected: boolean;
  authorizationId: string | null;
  /** An error GoTrue sent back to the client's redirect URI instead (invalid_request, ...). */
  clientError: string | null;
}

export interface OAuthTokens {
  access_token: string;
  token_type: string;
  expires_in: number;
  refresh_token?: string;
  id_token?: string;
  scope?: string;
}

const randomString = (size: number) => base64url.encode(crypto.getRandomValues(new Uint8Array(size)));

/** RFC 7636 S256: the challenge is base64url(SHA-256(verifier)); only the verifier can answer it later. */
async function s256(verifier: string): Promise<string> {
  return base64url.encode(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
}

/** The authorization request a public client builds: PKCE is mandatory in OAuth 2.1. */
export async function buildAuthorization(apiUrl: string, clientId: string, redirectUri: string, scope: string): Promise<PendingAuthorization> {
  const codeVerifier = randomString(32);
  const codeChallenge = await s256(codeVerifier);
  const state = randomString(16);
  const nonce = randomString(16);
  const url = new URL(`${apiUrl.replace(/\/+$/, '')}/auth/v1/oauth/authorize`);
  const params = {
    client_id: clientId, redirect_uri: redirectUri, response_type: 'code', scope, state, nonce,
    code_challenge: codeChallenge, code_challenge_method: 'S256',
  };
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return { url: url.href, codeVerifier, codeChallenge, state, nonce, redirectUri };
}

/** GoTrue's OAuth errors ({error, error_description}) and its own shape ({error_code, msg}), as one error. */
async function errorOf(response: Response) {
  const body = (await response.json().catch(() => ({}))) as { error?: string; error_description?: string; error_code?: string; msg?: string };
  return {
    ...((body.error ?? body.error_code) ? { code: body.error ?? body.error_code } : {}),
    status: response.status,
    message: body.error_description ?? body.msg ?? `HTTP ${response.status}`,
    name: 'OAuthError',
  };
}

/** The requests a third-party app sends itself (no apikey: the gateway lets /oauth/* through without one). */
export function thirdPartyClient(apiUrl: string, wireLog: WireLog) {
  const send = recordingFetch(wireLog, CLIENT_TAG);
  const api = apiUrl.replace(/\/+$/, '');

  return {
    /**
     * GET /oauth/authorize as a fetch that follows the redirect: the page cannot read a 302's
     * Location (redirect: 'manual' gives an opaque response), but after following it the final URL
     * is known. When the site URL is this explorer, that is the consent page with ?authorization_id=.
     */
    async authorize(pending: PendingAuthorization): Promise<Answer<Authorized>> {
      const response = await send(pending.url, { redirect: 'follow', credentials: 'omit' });
      const final = new URL(response.url || pending.url);
      const returned = final.href.startsWith(pending.redirectUri);
      return {
        data: {
          ...pending,
          finalUrl: final.href,
          finalStatus: response.status,
          redirected: response.redirected,
          authorizationId: final.searchParams.get('authorization_id'),
          clientError: returned && final.searchParams.get('error')
            ? `${final.searchParams.get('error')}: ${final.searchParams.get('error_description') ?? ''}`
            : null,
        },
        error: null,
      };
    },

    /** POST /oauth/token, form-encoded, client_id in the body: a public client has no secret. */
    async token(form: Record<string, string>): Promise<Answer<OAuthTokens>> {
      const response = await send(`${api}/auth/v1/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form).toString(),
      });
      if (!response.ok) return { data: null, error: await errorOf(response) };
      return { data: (await response.json()) as OAuthTokens, error: null };
    },
  };
}

/** code and state from the URL GoTrue sends the browser back to, or the error it carries. */
export function parseRedirect(redirectUrl: string) {
  const url = new URL(redirectUrl);
  return {
    code: url.searchParams.get('code'),
    state: url.searchParams.get('state'),
    error: url.searchParams.get('error'),
    errorDescription: url.searchParams.get('error_description'),
  };
}
