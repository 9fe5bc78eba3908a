import {
  activeRefreshToken,
  deleteRefreshToken,
  findRefreshTokenForGrant,
  RECORD_REFRESH_AUDIT_PARAM,
  recordRefresh,
  revokeSessionRefreshTokens,
} from '../db/refresh-tokens.js';
import { otherSessions, type SessionRow } from '../db/sessions.js';
import type { Sql } from '../db/storage.js';
import { AuthError, badRequest } from '../errors.js';
import type { RequestInfo, Services } from '../services.js';
import { auditEntries, type AuditEvent } from './audit.js';
import { auditEntriesInsert } from '../db/audit-log.js';
import { OAuthFailure } from './external/callback.js';
import {
  lastRefreshedAt,
  REFRESH_TOKEN_LENGTH,
  sessionValidity,
  type OAuthGrant,
} from './sessions.js';
import { isBanned, type UserRow } from './users.js';

/** The child of a rotated refresh token; session and time are the refresh's own. */
interface NewRefreshToken {
  token: string;
  userId: string;
  parent: string;
}

const LEGACY_TOKEN = /^[a-z0-9]{12}$/;

/** As GoTrue's RefreshTokenGrantParams.Validate: only the 12-character legacy format is issued here. */
export function validateRefreshTokenFormat(token: string) {
  if (!LEGACY_TOKEN.test(token)) throw badRequest('validation_failed', 'Refresh token is not valid');
}

export interface Refreshed {
  user: UserRow;
  sessionId: string;
  aal: string;
  refreshToken: string;
  /** Set when the session was issued to an OAuth server client. */
  oauth?: OAuthGrant;
}

/**
 * GoTrue's legacy refresh-token rotation (tokens/service.go RefreshTokenGrant):
 * - an active token is revoked and replaced by a child;
 * - the parent of the currently active token returns that active token again (a lost response);
 * - any other revoked token inside the reuse interval gets a new child;
 * - outside it, every token of the session is revoked and the caller gets refresh_token_already_used.
 */
export async function refreshTokenGrant(
  s: Services,
  token: string,
  request: RequestInfo,
  /** The OAuth server client that authenticated at /oauth/token; none on /token. */
  oauthClientId?: string,
): Promise<Refreshed> {
  validateRefreshTokenFormat(token);
  const outcome = await s.db.transaction(async (tx): Promise<{ error: AuthError } | { refreshed: Refreshed }> => {
    const now = s.clock.now();
    const found = await findRefreshTokenForGrant(tx, token);
    if (!found) throw badRequest('refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');
    const { row, session, user } = found;
    const highestAal = found.hasVerifiedFactor ? 'aal2' : 'aal1';
    if (!user) throw badRequest('refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');
    if (isBanned(user, now)) throw badRequest('user_banned', 'Invalid Refresh Token: User Banned');
    if (!session) {
      await deleteRefreshToken(tx, row.id);
      return { error: badRequest('session_not_found', 'Invalid Refresh Token: No Valid Session Found') };
    }
    checkSession(s, session, now, row.updated_at, highestAal);
    checkOAuthClient(session, oauthClientId);
    if (s.config.sessionsSinglePerUser) await checkNewestSession(tx, s, session, now, row.updated_at, highestAal);

    let issued: string | undefined;
    if (row.revoked) {
      const active = await activeRefreshToken(tx, session.id);
      if (active && active.parent === row.token) {
        issued = active.token;
      } else if (now.getTime() > row.updated_at.getTime() + s.config.securityRefreshTokenReuseInterval * 1000) {
        if (s.config.securityRefreshTokenRotationEnabled) {
          await revokeSessionRefreshTokens(tx, session.id, now);
        }
        // committed on purpose: the revocation stands although the caller gets an error
        return { error: badRequest('refresh_token_already_used', 'Invalid Refresh Token: Already Used') };
      }
    }
    const events: AuditEvent[] = [{ actor: user, action: 'token_refreshed', ip: request.ip }];
    let child: NewRefreshToken | undefined;
    if (!issued) {
      events.push({ actor: user, action: 'token_revoked', ip: request.ip });
      child = { token: s.random.base32(REFRESH_TOKEN_LENGTH), userId: user.id, parent: row.token };
      issued = child.token;
    }
    await recordRefreshWithAudit(tx, s, { revokedId: child ? row.id : null, child, sessionId: session.id, events, request, now });
    const refreshed: Refreshed = { user, sessionId: session.id, aal: session.aal, refreshToken: issued };
    if (session.oauth_client_id) refreshed.oauth = { clientId: session.oauth_client_id, scope: session.scopes ?? '' };
    return { refreshed };
  });
  if ('error' in outcome) throw outcome.error;
  return outcome.refreshed;
}

/** A refresh's writes, in the store's single statement with its audit entries. */
async function recordRefreshWithAudit(
  tx: Sql,
  s: Services,
  r: { revokedId: number | null; child: NewRefreshToken | undefined; sessionId: string; events: AuditEvent[]; request: RequestInfo; now: Date },
) {
  await recordRefresh(tx, {
    revokedId: r.revokedId,
    child: r.child,
    sessionId: r.sessionId,
    audit: auditEntriesInsert(auditEntries(s.random, r.events), RECORD_REFRESH_AUDIT_PARAM),
    userAgent: r.request.userAgent || null,
    ip: r.request.ip || null,
    now: r.now,
  });
}

function checkSession(s: Services, session: SessionRow, now: Date, refreshTokenTime: Date, highestAal: 'aal1' | 'aal2') {
  const validity = sessionValidity(session, s.config, now, refreshTokenTime, highestAal);
  if (validity === 'timed_out') throw badRequest('session_expired', 'Invalid Refresh Token: Session Expired (Inactivity)');
  if (validity === 'low_aal') {
    throw badRequest('session_expired', 'Invalid Refresh Token: Session Expired (Low AAL: User Needs MFA Verification)');
  }
  if (validity !== 'valid') throw badRequest('session_expired', 'Invalid Refresh Token: Session Expired');
}

/**
 * As GoTrue's RefreshTokenGrant: a session issued to an OAuth client refreshes only at /oauth/token,
 * authenticated as that same client; any other session never there.
 */
function checkOAuthClient(session: SessionRow, clientId: string | undefined) {
  if (session.oauth_client_id) {
    if (!clientId) throw new OAuthFailure('invalid_client', 'Client authentication required for OAuth session');
    if (clientId !== session.oauth_client_id) throw new OAuthFailure('invalid_client', "Client does not match the session's OAuth client");
  } else if (clientId) {
    throw new OAuthFailure('invalid_client', 'Client authentication not allowed for non-OAuth session');
  }
}

/** SESSIONS_SINGLE_PER_USER: only the most recently refreshed valid session may refresh. */
async function checkNewestSession(tx: Sql, s: Services, session: SessionRow, now: Date, refreshTokenTime: Date, highestAal: 'aal1' | 'aal2') {
  const others = await otherSessions(tx, session.user_id, session.id);
  const mine = lastRefreshedAt(session, refreshTokenTime);
  for (const other of others) {
    if (sessionValidity(other, s.config, now, undefined, highestAal) !== 'valid') continue;
    if (lastRefreshedAt(other) > mine) {
      throw badRequest('session_expired', 'Invalid Refresh Token: Session Expired (Revoked by Newer Login)');
    }
  }
}
