import { claimOAuthFlowState, insertOAuthFlowState, type OAuthFlowStateRow } from '../../db/flow-state.js';
import type { Sql } from '../../db/storage.js';
import { badRequest } from '../../errors.js';
import type { Services } from '../../services.js';
import { parseChallengeMethod } from '../flow-state.js';

/**
 * OAuth flow states as GoTrue v2.189.0 keeps them: one row per /authorize, PKCE or not, whose id
 * is the `state` sent to the provider (no signed JWT state any more). Only PKCE rows get an auth
 * code and a challenge; implicit rows are deleted when their session is issued.
 */
export const isPkceFlow = (f: OAuthFlowStateRow) => !!f.code_challenge;

export async function createOAuthFlowState(
  sql: Sql,
  s: Services,
  f: { provider: string; codeChallenge: string; codeChallengeMethod: string; referrer: string; linkingTargetId: string | null; emailOptional: boolean },
): Promise<OAuthFlowStateRow> {
  let pkce: { authCode: string; method: 's256' | 'plain' } | undefined;
  if (f.codeChallenge !== '') {
    try {
      pkce = { authCode: s.random.uuid(), method: parseChallengeMethod(f.codeChallengeMethod) };
    } catch {
      throw badRequest('validation_failed', 'Invalid code_challenge_method');
    }
  }
  return insertOAuthFlowState(sql, {
    id: s.random.uuid(),
    pkce: pkce && { ...pkce, codeChallenge: f.codeChallenge },
    provider: f.provider,
    referrer: f.referrer,
    linkingTargetId: f.linkingTargetId,
    emailOptional: f.emailOptional,
    now: s.clock.now(),
  });
}

/** PKCE: the provider answered; the code may now be exchanged at /token?grant_type=pkce. */
export const issueOAuthCode = (tx: Sql, s: Services, flowId: string, userId: string, tokens: { access: string; refresh: string }) =>
  claimOAuthFlowState(tx, { id: flowId, userId, providerAccessToken: tokens.access, providerRefreshToken: tokens.refresh, now: s.clock.now() });
