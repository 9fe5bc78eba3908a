import type { Sql } from './storage.js';

/**
 * auth.oauth_authorizations and auth.oauth_consents (GoTrue's models/oauth_authorization.go,
 * oauth_consent.go): the OAuth 2.1 server's authorization requests and the consents users gave.
 */

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

export async function insertAuthorization(
  sql: Sql,
  a: {
    id: string; authorizationId: string; clientId: string; redirectUri: string; scope: string; state: string | null;
    resource: string | null; codeChallenge: string | null; codeChallengeMethod: string | null; now: Date; expiresAt: Date; nonce: string | null;
  },
) {
  const [row] = await sql.query<AuthorizationRow>(
    `insert into auth.oauth_authorizations (id, authorization_id, client_id, redirect_uri, scope, state, resource,
       code_challenge, code_challenge_method, response_type, status, created_at, expires_at, nonce)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'code', 'pending', $10, $11, $12) returning *`,
    [
      a.id, a.authorizationId, a.clientId, a.redirectUri, a.scope, a.state, a.resource,
      a.codeChallenge, a.codeChallengeMethod, a.now, a.expiresAt, a.nonce,
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

export const updateAuthorizationStatus = async (tx: Sql, id: string, status: AuthorizationRow['status']) => {
  await tx.query('update auth.oauth_authorizations set status = $2 where id = $1', [id, status]);
};

export const updateAuthorizationUser = async (tx: Sql, id: string, userId: string) => {
  await tx.query('update auth.oauth_authorizations set user_id = $2 where id = $1', [id, userId]);
};

export const approveAuthorization = async (tx: Sql, id: string, code: string, now: Date) => {
  await tx.query(`update auth.oauth_authorizations set status = 'approved', approved_at = $2, authorization_code = $3 where id = $1`, [id, now, code]);
};

/** Codes are single use: the request goes with the session it produced. */
export const deleteAuthorization = async (tx: Sql, id: string) => {
  await tx.query('delete from auth.oauth_authorizations where id = $1', [id]);
};

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

/** One row per user and client; a new approval replaces its scopes and un-revokes it. */
export async function upsertConsent(tx: Sql, c: { id: string; userId: string; clientId: string; scopes: string; now: Date }) {
  await tx.query(
    `insert into auth.oauth_consents (id, user_id, client_id, scopes, granted_at) values ($1, $2, $3, $4, $5)
     on conflict on constraint oauth_consents_user_client_unique
     do update set scopes = excluded.scopes, granted_at = excluded.granted_at, revoked_at = null`,
    [c.id, c.userId, c.clientId, c.scopes, c.now],
  );
}

/** Active consents of a user, newest first, with their (live) clients. */
export const activeConsents = (sql: Sql, userId: string) =>
  sql.query<ConsentRow>('select * from auth.oauth_consents where user_id = $1 and revoked_at is null order by granted_at desc', [userId]);

export const revokeConsent = async (tx: Sql, id: string, now: Date) => {
  await tx.query('update auth.oauth_consents set revoked_at = $2 where id = $1', [id, now]);
};
