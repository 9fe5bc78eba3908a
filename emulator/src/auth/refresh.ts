import { reviveRow } from '../db/json-rows.js';
import { verifiedFactorExists } from '../db/mfa-factors.js';
import { otherSessions, SESSION_COLUMNS, type SessionRow } from '../db/sessions.js';
import type { Sql } from '../db/storage.js';
import { AuthError, badRequest } from '../errors.js';
import type { RequestInfo, Services } from '../services.js';
import { auditEntries, type AuditEvent } from './audit.js';
import { auditEntriesInsert } from '../db/audit-log.js';
import { OAuthFailure } from './oauth-callback.js';
import {
  lastRefreshedAt,
  REFRESH_TOKEN_LENGTH,
  sessionValidity,
  type OAuthGrant,
  type RefreshTokenRow,
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
    const found = await findTokenWithSessionAndUser(tx, token);
    if (!found) throw badRequest('refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');
    const { row, session, user, highestAal } = found;
    if (!user) throw badRequest('refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');
    if (isBanned(user, now)) throw badRequest('user_banned', 'Invalid Refresh Token: User Banned');
    if (!session) {
      await tx.query('delete from auth.refresh_tokens where id = $1', [row.id]);
      return { error: badRequest('session_not_found', 'Invalid Refresh Token: No Valid Session Found') };
    }
    checkSession(s, session, now, row.updated_at, highestAal);
    checkOAuthClient(session, oauthClientId);
    if (s.config.sessionsSinglePerUser) await checkNewestSession(tx, s, session, now, row.updated_at, highestAal);

    let issued: string | undefined;
    if (row.revoked) {
      const active = (
        await tx.query<RefreshTokenRow>(
          'select * from auth.refresh_tokens where session_id = $1 and revoked = false order by id desc limit 1',
          [session.id],
        )
      )[0];
      if (active && active.parent === row.token) {
        issued = active.token;
      } else if (now.getTime() > row.updated_at.getTime() + s.config.securityRefreshTokenReuseInterval * 1000) {
        if (s.config.securityRefreshTokenRotationEnabled) {
          await tx.query('update auth.refresh_tokens set revoked = true, updated_at = $2 where session_id = $1 and revoked = false', [
            session.id,
            now,
          ]);
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
    await recordRefresh(tx, s, { revokedId: child ? row.id : null, child, sessionId: session.id, events, request, now });
    const refreshed: Refreshed = { user, sessionId: session.id, aal: session.aal, refreshToken: issued };
    if (session.oauth_client_id) refreshed.oauth = { clientId: session.oauth_client_id, scope: session.scopes ?? '' };
    return { refreshed };
  });
  if ('error' in outcome) throw outcome.error;
  return outcome.refreshed;
}

/**
 * The token (locked), its session, its user and whether the user has a verified factor (GoTrue's
 * HighestPossibleAAL, for the low-AAL rule): one statement on every refresh.
 */
async function findTokenWithSessionAndUser(tx: Sql, token: string) {
  const [found] = await tx.query<{
    token: Record<string, unknown>;
    session: Record<string, unknown> | null;
    user: Record<string, unknown> | null;
    verified_factor: boolean;
  }>(
    `select row_to_json(rt) as token,
       (select row_to_json(x) from (select ${SESSION_COLUMNS} from auth.sessions where id = rt.session_id) x) as session,
       (select row_to_json(u) from auth.users u where u.id = rt.user_id::uuid) as user,
       ${verifiedFactorExists('rt.user_id::uuid')} as verified_factor
     from auth.refresh_tokens rt where rt.token = $1 for update`,
    [token],
  );
  if (!found) return undefined;
  return {
    row: reviveRow<RefreshTokenRow>(found.token),
    session: found.session ? reviveRow<SessionRow>(found.session) : undefined,
    user: found.user ? reviveRow<UserRow>(found.user) : undefined,
    highestAal: found.verified_factor ? ('aal2' as const) : ('aal1' as const),
  };
}

/**
 * A refresh's writes in one statement: revoke the used token and insert its child (unless an
 * active token is handed out again), note the refresh on the session, and audit it.
 */
async function recordRefresh(
  tx: Sql,
  s: Services,
  r: { revokedId: number | null; child: NewRefreshToken | undefined; sessionId: string; events: AuditEvent[]; request: RequestInfo; now: Date },
) {
  const audit = auditEntriesInsert(auditEntries(s.random, r.events), 7);
  await tx.query(
    `with revoked as (
       update auth.refresh_tokens set revoked = true, updated_at = $1 where id = $2
     ), issued as (
       insert into auth.refresh_tokens (instance_id, token, user_id, revoked, created_at, updated_at, parent, session_id)
       select '00000000-0000-0000-0000-000000000000', c.token, c.user_id, false, $1, $1, c.parent, c.session_id::uuid
       from (select $3::text as token, $4::text as user_id, $5::text as parent, $6::text as session_id) c where c.token is not null
     ), touched as (
       update auth.sessions set refreshed_at = $1 at time zone 'UTC', updated_at = $1, user_agent = $${audit.next}, ip = $${audit.next + 1}::inet
       where id = $6::uuid
     )
     ${audit.sql}`,
    [
      r.now, r.revokedId, r.child?.token ?? null, r.child?.userId ?? null, r.child?.parent ?? null, r.sessionId,
      ...audit.params, r.request.userAgent || null, r.request.ip || null,
    ],
  );
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
