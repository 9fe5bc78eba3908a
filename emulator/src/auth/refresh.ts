import type { Sql } from '../db/storage.js';
import { AuthError, badRequest } from '../errors.js';
import type { RequestInfo, Services } from '../services.js';
import { audit } from './audit.js';
import {
  findSession,
  insertRefreshToken,
  lastRefreshedAt,
  SESSION_COLUMNS,
  sessionValidity,
  type RefreshTokenRow,
  type SessionRow,
} from './sessions.js';
import { findUserById, isBanned, type UserRow } from './users.js';
import { OAuthFailure } from './oauth-callback.js';
import type { OAuthGrant } from './sessions.js';

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
    const row = (await tx.query<RefreshTokenRow>('select * from auth.refresh_tokens where token = $1 for update', [token]))[0];
    if (!row) throw badRequest('refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');
    const user = await findUserById(tx, row.user_id);
    if (!user) throw badRequest('refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');
    if (isBanned(user, now)) throw badRequest('user_banned', 'Invalid Refresh Token: User Banned');
    const session = row.session_id ? await findSession(tx, row.session_id) : undefined;
    if (!session) {
      await tx.query('delete from auth.refresh_tokens where id = $1', [row.id]);
      return { error: badRequest('session_not_found', 'Invalid Refresh Token: No Valid Session Found') };
    }
    checkSession(s, session, now, row.updated_at);
    checkOAuthClient(session, oauthClientId);
    if (s.config.sessionsSinglePerUser) await checkNewestSession(tx, s, session, now, row.updated_at);

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
    const events: Parameters<typeof audit>[3][] = [{ actor: user, action: 'token_refreshed', ip: request.ip }];
    if (!issued) {
      events.push({ actor: user, action: 'token_revoked', ip: request.ip });
      await tx.query('update auth.refresh_tokens set revoked = true, updated_at = $2 where id = $1', [row.id, now]);
      issued = await insertRefreshToken(tx, s, { userId: user.id, sessionId: session.id, parent: row.token, now });
    }
    await audit(tx, s.random, now, ...events);
    await tx.query('update auth.sessions set refreshed_at = $2, updated_at = $3, user_agent = $4, ip = $5 where id = $1', [
      session.id,
      now.toISOString().replace('Z', ''),
      now,
      request.userAgent || null,
      request.ip || null,
    ]);
    const refreshed: Refreshed = { user, sessionId: session.id, aal: session.aal, refreshToken: issued };
    if (session.oauth_client_id) refreshed.oauth = { clientId: session.oauth_client_id, scope: session.scopes ?? '' };
    return { refreshed };
  });
  if ('error' in outcome) throw outcome.error;
  return outcome.refreshed;
}

function checkSession(s: Services, session: SessionRow, now: Date, refreshTokenTime: Date) {
  const validity = sessionValidity(session, s.config, now, refreshTokenTime);
  if (validity === 'timed_out') throw badRequest('session_expired', 'Invalid Refresh Token: Session Expired (Inactivity)');
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
async function checkNewestSession(tx: Sql, s: Services, session: SessionRow, now: Date, refreshTokenTime: Date) {
  const others = await tx.query<SessionRow>(`select ${SESSION_COLUMNS} from auth.sessions where user_id = $1 and id <> $2`, [
    session.user_id,
    session.id,
  ]);
  const mine = lastRefreshedAt(session, refreshTokenTime);
  for (const other of others) {
    if (sessionValidity(other, s.config, now) !== 'valid') continue;
    if (lastRefreshedAt(other) > mine) {
      throw badRequest('session_expired', 'Invalid Refresh Token: Session Expired (Revoked by Newer Login)');
    }
  }
}
