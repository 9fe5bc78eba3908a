import { verifierMatches } from './pkce.js';
import { encodeValues, queryValues } from '../go/query.js';
import type { Sql } from '../db/storage.js';
import type { Services } from '../services.js';

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

export interface AuthorizationRow {
  id: string;
  authorization_id: string;
  client_id: string;
  user_id: string | null;
  redirect_uri: string;
  scope: string;
  state: string | null;
  resource: string | null;
  code_challenge: string | null;
  code_challenge_method: 's256' | 'plain' | null;
  response_type: 'code';
  status: 'pending' | 'approved' | 'denied' | 'expired';
  authorization_code: string | null;
  created_at: Date;
  expires_at: Date;
  approved_at: Date | null;
  nonce: string | null;
}

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
  const [row] = await sql.query<AuthorizationRow>(
    `insert into auth.oauth_authorizations (id, authorization_id, client_id, redirect_uri, scope, state, resource,
       code_challenge, code_challenge_method, response_type, status, created_at, expires_at, nonce)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'code', 'pending', $10, $11, $12) returning *`,
    [
      s.random.uuid(), s.random.base32(32), a.clientId, a.redirectUri, a.scope, a.state || null, a.resource || null,
      a.codeChallenge || null, a.codeChallengeMethod ? a.codeChallengeMethod.toLowerCase() : null, now, expires, a.nonce || null,
    ],
  );
  return row!;
}

/** The request by its public id, row-locked for the rest of the transaction. */
export const lockAuthorization = async (tx: Sql, authorizationId: string) =>
  (await tx.query<AuthorizationRow>('select * from auth.oauth_authorizations where authorization_id = $1 for update', [authorizationId]))[0];

/** An approved request by its code (GoTrue looks codes up among approved requests only). */
export const findByCode = async (sql: Sql, code: string) =>
  (await sql.query<AuthorizationRow>(
    `select * from auth.oauth_authorizations where authorization_code = $1 and status = 'approved' for update`,
    [code],
  ))[0];

export const isExpired = (a: AuthorizationRow, now: Date) => now > a.expires_at;

export async function setStatus(tx: Sql, a: AuthorizationRow, status: AuthorizationRow['status']) {
  await tx.query('update auth.oauth_authorizations set status = $2 where id = $1', [a.id, status]);
  a.status = status;
}

export async function setUser(tx: Sql, a: AuthorizationRow, userId: string) {
  await tx.query('update auth.oauth_authorizations set user_id = $2 where id = $1', [a.id, userId]);
  a.user_id = userId;
}

/** Approve: status, time, and a fresh code (a UUID, as GoTrue's GenerateAuthorizationCode). */
export async function approve(tx: Sql, s: Services, a: AuthorizationRow) {
  const code = a.authorization_code ?? s.random.uuid();
  const now = s.clock.now();
  await tx.query(
    `update auth.oauth_authorizations set status = 'approved', approved_at = $2, authorization_code = $3 where id = $1`,
    [a.id, now, code],
  );
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

export interface ConsentRow {
  id: string;
  user_id: string;
  client_id: string;
  scopes: string;
  granted_at: Date;
  revoked_at: Date | null;
}

export const findActiveConsent = async (sql: Sql, userId: string, clientId: string) =>
  (await sql.query<ConsentRow>(
    'select * from auth.oauth_consents where user_id = $1 and client_id = $2 and revoked_at is null',
    [userId, clientId],
  ))[0];

/** UpsertOAuthServerConsent: one row per user and client; a new approval replaces its scopes and un-revokes it. */
export async function upsertConsent(tx: Sql, s: Services, userId: string, clientId: string, scopes: string[]) {
  await tx.query(
    `insert into auth.oauth_consents (id, user_id, client_id, scopes, granted_at) values ($1, $2, $3, $4, $5)
     on conflict on constraint oauth_consents_user_client_unique
     do update set scopes = excluded.scopes, granted_at = excluded.granted_at, revoked_at = null`,
    [s.random.uuid(), userId, clientId, scopes.join(' '), s.clock.now()],
  );
}

/** Active consents of a user, newest first, with their (live) clients. */
export const activeConsents = (sql: Sql, userId: string) =>
  sql.query<ConsentRow>('select * from auth.oauth_consents where user_id = $1 and revoked_at is null order by granted_at desc', [userId]);

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
