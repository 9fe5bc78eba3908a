import { verifierMatches } from '../pkce.js';
import { encodeValues, queryValues } from '../../go/query.js';
import {
  approveAuthorization,
  insertAuthorization,
  updateAuthorizationStatus,
  updateAuthorizationUser,
  upsertConsent,
  type AuthorizationRow,
} from '../../db/oauth-authorizations.js';
import type { Sql } from '../../db/storage.js';
import type { Services } from '../../services.js';

/**
 * Authorization requests and consents of the OAuth 2.1 server (GoTrue's models/oauth_authorization.go,
 * oauth_consent.go, oauth_scope.go). A request is created by /oauth/authorize without a user, gets
 * its user when the consent page first reads it, and an authorization code when approved. The code
 * lives as long as the request (expires_at is set once, at /oauth/authorize) and is spent by deleting the row.
 */

/** Scopes GoTrue accepts; offline_access is accepted and ignored (refresh tokens are always issued). */
export const SUPPORTED_SCOPES = ['openid', 'profile', 'email', 'phone', 'offline_access'] as const;

/** GoTrue's ParseScopeString: split on single spaces, blanks dropped. */
export const parseScopes = (scope: string | null | undefined): string[] =>
  (scope ?? '').trim().split(' ').map((x) => x.trim()).filter(Boolean);

export const hasAllScopes = (granted: string[], requested: string[]) => requested.every((s) => granted.includes(s));

export interface NewAuthorization {
  clientId: string;
  redirectUri: string;
  scope: string;
  state: string;
  resource: string;
  codeChallenge: string;
  codeChallengeMethod: string;
  nonce: string;
}

export async function createAuthorization(sql: Sql, s: Services, a: NewAuthorization): Promise<AuthorizationRow> {
  const now = s.clock.now();
  const expires = new Date(now.getTime() + s.config.oauthServerAuthorizationTtl * 1000);
  return insertAuthorization(sql, {
    id: s.random.uuid(),
    authorizationId: s.random.base32(32),
    clientId: a.clientId,
    redirectUri: a.redirectUri,
    scope: a.scope,
    state: a.state || null,
    resource: a.resource || null,
    codeChallenge: a.codeChallenge || null,
    codeChallengeMethod: a.codeChallengeMethod ? a.codeChallengeMethod.toLowerCase() : null,
    now,
    expiresAt: expires,
    nonce: a.nonce || null,
  });
}

export const isExpired = (a: AuthorizationRow, now: Date) => now > a.expires_at;

export async function setStatus(tx: Sql, a: AuthorizationRow, status: AuthorizationRow['status']) {
  await updateAuthorizationStatus(tx, a.id, status);
  a.status = status;
}

export async function setUser(tx: Sql, a: AuthorizationRow, userId: string) {
  await updateAuthorizationUser(tx, a.id, userId);
  a.user_id = userId;
}

/** Approve: status, time, and a fresh code (a UUID, as GoTrue's GenerateAuthorizationCode). */
export async function approve(tx: Sql, s: Services, a: AuthorizationRow) {
  const code = a.authorization_code ?? s.random.uuid();
  const now = s.clock.now();
  await approveAuthorization(tx, a.id, code, now);
  Object.assign(a, { status: 'approved', approved_at: now, authorization_code: code });
}

/**
 * As GoTrue's VerifyPKCE: why the verifier does not fit the stored challenge, or undefined when it
 * does (a request without a challenge passes, though /oauth/authorize never stores one without).
 */
export async function verifyPkce(a: AuthorizationRow, verifier: string): Promise<string | undefined> {
  if (!a.code_challenge) return undefined;
  if (verifier === '') return 'code_verifier is required when PKCE challenge is present';
  const method = a.code_challenge_method;
  if (method !== 's256' && method !== 'plain') return 'code challenge method not supported';
  const matches = await verifierMatches(verifier, method, a.code_challenge);
  return matches ? undefined : 'code challenge does not match previously saved code verifier';
}

/** UpsertOAuthServerConsent: one row per user and client; a new approval replaces its scopes and un-revokes it. */
export const grantConsent = (tx: Sql, s: Services, userId: string, clientId: string, scopes: string[]) =>
  upsertConsent(tx, { id: s.random.uuid(), userId, clientId, scopes: scopes.join(' '), now: s.clock.now() });

/**
 * The redirect URI with these parameters set, as Go builds it (u.Query(), Set, Encode): every
 * parameter, old and new, sorted by key.
 */
export function withParams(uri: string, params: Record<string, string>): string {
  const u = new URL(uri);
  const values = queryValues(u);
  for (const [k, v] of Object.entries(params)) values.set(k, [v]);
  const query = encodeValues(values);
  const hash = u.hash;
  u.hash = '';
  u.search = '';
  return `${u.toString()}${query ? `?${query}` : ''}${hash}`;
}

/** buildSuccessRedirectURL: the code, and the state when there was one. */
export const successRedirect = (a: AuthorizationRow) =>
  withParams(a.redirect_uri, { ...(a.authorization_code ? { code: a.authorization_code } : {}), ...(a.state ? { state: a.state } : {}) });

/** buildErrorRedirectURL: OAuth error and description, and the state when there was one. */
export const errorRedirect = (uri: string, error: string, description: string, state: string) =>
  withParams(uri, { error, error_description: description, ...(state ? { state } : {}) });
