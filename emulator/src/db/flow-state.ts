import type { Sql } from './storage.js';

/**
 * auth.flow_state (GoTrue's models/flow_state.go). One table, two kinds of row: a PKCE flow a
 * link or OTP started (spent at /token?grant_type=pkce), and an OAuth /authorize whose id is the
 * `state` sent to the provider (GoTrue v2.189.0+), PKCE or not.
 */

export interface FlowStateRow {
  id: string;
  user_id: string | null;
  auth_code: string;
  code_challenge_method: 's256' | 'plain';
  code_challenge: string;
  provider_type: string;
  provider_access_token: string | null;
  provider_refresh_token: string | null;
  created_at: Date;
  updated_at: Date;
  authentication_method: string;
  auth_code_issued_at: Date | null;
}

/** Only an OAuth row started with PKCE has an auth code and a challenge. */
export interface OAuthFlowStateRow {
  id: string;
  user_id: string | null;
  auth_code: string | null;
  code_challenge_method: 's256' | 'plain' | null;
  code_challenge: string | null;
  provider_type: string;
  created_at: Date;
  referrer: string | null;
  linking_target_id: string | null;
  invite_token: string | null;
  email_optional: boolean;
}

export async function insertFlowState(
  tx: Sql,
  f: { id: string; userId: string | null; authCode: string; codeChallengeMethod: 's256' | 'plain'; codeChallenge: string; providerType: string; method: string; now: Date },
) {
  const rows = await tx.query<FlowStateRow>(
    `insert into auth.flow_state (id, user_id, auth_code, code_challenge_method, code_challenge, provider_type,
       authentication_method, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $8) returning *`,
    [f.id, f.userId, f.authCode, f.codeChallengeMethod, f.codeChallenge, f.providerType, f.method, f.now],
  );
  return rows[0]!;
}

export async function insertOAuthFlowState(
  sql: Sql,
  f: {
    id: string;
    pkce: { authCode: string; method: 's256' | 'plain'; codeChallenge: string } | undefined;
    provider: string;
    referrer: string;
    linkingTargetId: string | null;
    emailOptional: boolean;
    now: Date;
  },
) {
  const rows = await sql.query<OAuthFlowStateRow>(
    `insert into auth.flow_state (id, user_id, auth_code, code_challenge_method, code_challenge, provider_type,
       authentication_method, referrer, linking_target_id, email_optional, created_at, updated_at)
     values ($1, null, $2, $3, $4, $5, 'oauth', $6, $7, $8, $9, $9) returning *`,
    [
      f.id, f.pkce?.authCode ?? null, f.pkce?.method ?? null, f.pkce?.codeChallenge ?? null, f.provider,
      f.referrer, f.linkingTargetId, f.emailOptional, f.now,
    ],
  );
  return rows[0]!;
}

export const findFlowStateByAuthCode = async (sql: Sql, authCode: string) =>
  (await sql.query<FlowStateRow>('select * from auth.flow_state where auth_code = $1', [authCode]))[0];

export const findOAuthFlowState = async (sql: Sql, id: string) =>
  (await sql.query<OAuthFlowStateRow>('select * from auth.flow_state where id = $1', [id]))[0];

/** The user's latest flow state for the method gets its code issued; undefined when there is none. */
export async function issueLatestAuthCode(tx: Sql, userId: string, method: string, now: Date) {
  const rows = await tx.query<{ auth_code: string }>(
    `update auth.flow_state set auth_code_issued_at = $3, updated_at = $3
     where id = (select id from auth.flow_state where user_id = $1 and authentication_method = $2
                 order by created_at desc limit 1)
     returning auth_code`,
    [userId, method, now],
  );
  return rows[0]?.auth_code;
}

/**
 * The provider answered an OAuth PKCE flow: its user and tokens, and the code issued. Claimed
 * once: a concurrent callback for the same state finds user_id set and changes nothing (false).
 */
export async function claimOAuthFlowState(
  tx: Sql,
  c: { id: string; userId: string; providerAccessToken: string; providerRefreshToken: string; now: Date },
) {
  const rows = await tx.query(
    `update auth.flow_state set user_id = $2, provider_access_token = $3, provider_refresh_token = $4,
       auth_code_issued_at = $5, updated_at = $5
     where id = $1 and user_id is null returning id`,
    [c.id, c.userId, c.providerAccessToken, c.providerRefreshToken, c.now],
  );
  return rows.length > 0;
}

/** Flow states are single use: gone with the session they produced. */
export const deleteFlowState = async (tx: Sql, id: string) => {
  await tx.query('delete from auth.flow_state where id = $1', [id]);
};
