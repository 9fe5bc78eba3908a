import type { Sql } from '../db/storage.js';
import { badRequest } from '../errors.js';
import type { Services } from '../services.js';
import { parseChallengeMethod } from './flow-state.js';

/**
 * OAuth flow states as GoTrue v2.189.0 keeps them: one row per /authorize, PKCE or not, whose id
 * is the `state` sent to the provider (no signed JWT state any more). Only PKCE rows get an auth
 * code and a challenge; implicit rows are deleted when their session is issued.
 */
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

export const isPkceFlow = (f: OAuthFlowStateRow) => !!f.code_challenge;

export async function createOAuthFlowState(
  sql: Sql,
  s: Services,
  f: { provider: string; codeChallenge: string; codeChallengeMethod: string; referrer: string; linkingTargetId: string | null; emailOptional: boolean },
): Promise<OAuthFlowStateRow> {
  let pkce: { authCode: string; method: string } | undefined;
  if (f.codeChallenge !== '') {
    try {
      pkce = { authCode: s.random.uuid(), method: parseChallengeMethod(f.codeChallengeMethod) };
    } catch {
      throw badRequest('validation_failed', 'Invalid code_challenge_method');
    }
  }
  const now = s.clock.now();
  const rows = await sql.query<OAuthFlowStateRow>(
    `insert into auth.flow_state (id, user_id, auth_code, code_challenge_method, code_challenge, provider_type,
       authentication_method, referrer, linking_target_id, email_optional, created_at, updated_at)
     values ($1, null, $2, $3, $4, $5, 'oauth', $6, $7, $8, $9, $9) returning *`,
    [
      s.random.uuid(), pkce?.authCode ?? null, pkce?.method ?? null, pkce ? f.codeChallenge : null, f.provider,
      f.referrer, f.linkingTargetId, f.emailOptional, now,
    ],
  );
  return rows[0]!;
}

export const findOAuthFlowState = async (sql: Sql, id: string) =>
  (await sql.query<OAuthFlowStateRow>('select * from auth.flow_state where id = $1', [id]))[0];

/** PKCE: the provider answered; the code may now be exchanged at /token?grant_type=pkce. */
export async function issueOAuthCode(
  tx: Sql,
  s: Services,
  flowId: string,
  userId: string,
  tokens: { access: string; refresh: string },
): Promise<boolean> {
  const now = s.clock.now();
  // claimed once: a concurrent callback for the same state finds user_id set and changes nothing
  const rows = await tx.query(
    `update auth.flow_state set user_id = $2, provider_access_token = $3, provider_refresh_token = $4,
       auth_code_issued_at = $5, updated_at = $5
     where id = $1 and user_id is null returning id`,
    [flowId, userId, tokens.access, tokens.refresh, now],
  );
  return rows.length > 0;
}
