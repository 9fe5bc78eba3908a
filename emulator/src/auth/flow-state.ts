import type { Sql } from '../db/storage.js';
import { verifierMatches } from './pkce.js';
import { badRequest, notFound, unprocessable } from '../errors.js';
import type { Services } from '../services.js';

/** A PKCE flow (auth.flow_state): created when a flow starts with a code_challenge, spent at /token. */
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

/** As GoTrue: the method is case-insensitive and stored lowercase. */
export function parseChallengeMethod(method: string): 's256' | 'plain' {
  const lower = method.toLowerCase();
  if (lower === 's256' || lower === 'plain') return lower;
  // GoTrue lets this surface as a 500 from most endpoints; a clear 400 is what /authorize answers
  throw badRequest('validation_failed', 'Invalid code_challenge_method');
}

export async function createFlowState(
  tx: Sql,
  s: Services,
  f: { userId: string | null; providerType: string; method: string; codeChallenge: string; codeChallengeMethod: string },
): Promise<FlowStateRow> {
  const now = s.clock.now();
  const rows = await tx.query<FlowStateRow>(
    `insert into auth.flow_state (id, user_id, auth_code, code_challenge_method, code_challenge, provider_type,
       authentication_method, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $8) returning *`,
    [
      s.random.uuid(), f.userId, s.random.uuid(), parseChallengeMethod(f.codeChallengeMethod), f.codeChallenge,
      f.providerType, f.method, now,
    ],
  );
  return rows[0]!;
}

/**
 * After a pkce_ link is verified: the user's latest flow state for that method gets its code
 * issued (GoTrue's issueAuthCode). Undefined when there is none.
 */
export async function issueAuthCode(tx: Sql, s: Services, userId: string, method: string): Promise<string | undefined> {
  const rows = await tx.query<{ auth_code: string }>(
    `update auth.flow_state set auth_code_issued_at = $3, updated_at = $3
     where id = (select id from auth.flow_state where user_id = $1 and authentication_method = $2
                 order by created_at desc limit 1)
     returning auth_code`,
    [userId, method, s.clock.now()],
  );
  return rows[0]?.auth_code;
}

/**
 * grant_type=pkce, GoTrue's checks in order: both fields, a flow state with a user, not expired
 * (magic links count from when the code was issued, others from when the flow started), verifier.
 * The flow state is deleted by the caller's transaction once the session is issued.
 */
export async function verifyAuthCode(sql: Sql, s: Services, authCode: string, verifier: string): Promise<FlowStateRow> {
  if (authCode === '' || verifier === '') {
    throw badRequest('validation_failed', 'invalid request: both auth code and code verifier should be non-empty');
  }
  const [flow] = await sql.query<FlowStateRow>('select * from auth.flow_state where auth_code = $1', [authCode]);
  if (!flow || !flow.user_id) throw notFound('flow_state_not_found', 'invalid flow state, no valid flow state found');
  const startedAt = flow.auth_code_issued_at && flow.authentication_method === 'magiclink' ? flow.auth_code_issued_at : flow.created_at;
  if (s.clock.now().getTime() > startedAt.getTime() + s.config.externalFlowStateExpiryDuration * 1000) {
    throw unprocessable('flow_state_expired', 'invalid flow state, flow state has expired');
  }
  if (!(await verifierMatches(verifier, flow.code_challenge_method, flow.code_challenge))) {
    throw badRequest('bad_code_verifier', 'code challenge does not match previously saved code verifier');
  }
  return flow;
}
