import { findFlowStateByAuthCode, insertFlowState, issueLatestAuthCode, type FlowStateRow } from '../db/flow-state.js';
import type { Sql } from '../db/storage.js';
import { verifierMatches } from './pkce.js';
import { badRequest, notFound, unprocessable } from '../errors.js';
import type { Services } from '../services.js';

/** As GoTrue: the method is case-insensitive and stored lowercase. */
export function parseChallengeMethod(method: string): 's256' | 'plain' {
  const lower = method.toLowerCase();
  if (lower === 's256' || lower === 'plain') return lower;
  // GoTrue lets this surface as a 500 from most endpoints; a clear 400 is what /authorize answers
  throw badRequest('validation_failed', 'Invalid code_challenge_method');
}

/** A PKCE flow, created when a flow starts with a code_challenge, spent at /token. */
export function createFlowState(
  tx: Sql,
  s: Services,
  f: { userId: string | null; providerType: string; method: string; codeChallenge: string; codeChallengeMethod: string },
): Promise<FlowStateRow> {
  return insertFlowState(tx, {
    id: s.random.uuid(),
    userId: f.userId,
    authCode: s.random.uuid(),
    codeChallengeMethod: parseChallengeMethod(f.codeChallengeMethod),
    codeChallenge: f.codeChallenge,
    providerType: f.providerType,
    method: f.method,
    now: s.clock.now(),
  });
}

/** After a pkce_ link is verified: the user's latest flow state for that method gets its code issued (GoTrue's issueAuthCode). */
export const issueAuthCode = (tx: Sql, s: Services, userId: string, method: string): Promise<string | undefined> =>
  issueLatestAuthCode(tx, userId, method, s.clock.now());

/**
 * grant_type=pkce, GoTrue's checks in order: both fields, a flow state with a user, not expired
 * (magic links count from when the code was issued, others from when the flow started), verifier.
 * The flow state is deleted by the caller's transaction once the session is issued.
 */
export async function verifyAuthCode(sql: Sql, s: Services, authCode: string, verifier: string): Promise<FlowStateRow> {
  if (authCode === '' || verifier === '') {
    throw badRequest('validation_failed', 'invalid request: both auth code and code verifier should be non-empty');
  }
  const flow = await findFlowStateByAuthCode(sql, authCode);
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
