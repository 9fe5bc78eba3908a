import { findSession, insertSession, type SessionRow } from '../db/sessions.js';
import type { Sql } from '../db/storage.js';
import type { RequestInfo, Services } from '../services.js';
import { signAccessToken, type AmrEntry, type AmrMethod } from '../tokens/access-token.js';
import { audit, type AuditAction } from './audit.js';
import { factorJson } from './mfa/factor-json.js';
import { userJson, type UserRow } from './users.js';
import { recordSignIn, userRelations } from '../db/users.js';
import { insertRefreshTokenRow } from '../db/refresh-tokens.js';
import { upsertAmrClaim } from '../db/amr-claims.js';

/** GoTrue's legacy refresh tokens: 12 random characters of lowercase base32. */
export const REFRESH_TOKEN_LENGTH = 12;

export type SessionValidity = 'valid' | 'expired' | 'timed_out' | 'low_aal';

/**
 * As GoTrue's Session.CheckValidity, in its order: not_after, timebox, inactivity, then the low-AAL
 * rule, where a session below the user's highest possible level (aal2 once any factor is verified)
 * is only good for SESSIONS_ALLOW_LOW_AAL after it began.
 */
export function sessionValidity(
  session: SessionRow,
  config: Pick<Services['config'], 'sessionsTimebox' | 'sessionsInactivityTimeout' | 'sessionsAllowLowAal'>,
  now: Date,
  refreshTokenTime: Date | undefined,
  userHighestAal: 'aal1' | 'aal2',
): SessionValidity {
  if (session.not_after && now > session.not_after) return 'expired';
  if (config.sessionsTimebox > 0 && now.getTime() > session.created_at.getTime() + config.sessionsTimebox * 1000) return 'expired';
  if (config.sessionsInactivityTimeout > 0) {
    const last = lastRefreshedAt(session, refreshTokenTime);
    if (now.getTime() > last.getTime() + config.sessionsInactivityTimeout * 1000) return 'timed_out';
  }
  if (config.sessionsAllowLowAal > 0 && lowerAal(session.aal, userHighestAal)) {
    if (now.getTime() > session.created_at.getTime() + config.sessionsAllowLowAal * 1000) return 'low_aal';
  }
  return 'valid';
}

/** GoTrue's CompareAAL(a, b) < 0 for the levels a session can have. */
const AAL_RANK: Record<string, number> = { aal1: 1, aal2: 2, aal3: 3 };
const lowerAal = (aal: string, than: string) => (AAL_RANK[aal] ?? 1) < (AAL_RANK[than] ?? 1);

/** As GoTrue's User.HighestPossibleAAL: aal2 as soon as one factor, of any type, is verified. */
export const highestPossibleAal = (factors: readonly { status: string }[]): 'aal1' | 'aal2' =>
  factors.some((f) => f.status === 'verified') ? 'aal2' : 'aal1';

/** refreshed_at, else the refresh token's time, else created_at (GoTrue's LastRefreshedAt). */
export const lastRefreshedAt = (session: SessionRow, refreshTokenTime?: Date) =>
  session.refreshed_at ?? refreshTokenTime ?? session.created_at;

export async function insertRefreshToken(
  sql: Sql,
  s: Services,
  t: { userId: string; sessionId: string; parent: string | null; now: Date },
): Promise<string> {
  const token = s.random.base32(REFRESH_TOKEN_LENGTH);
  await insertRefreshTokenRow(sql, { token, ...t });
  return token;
}

export interface SignIn {
  user: UserRow;
  method: AmrMethod;
  request: RequestInfo;
  /** Audit action written with the sign-in (default `login`); null when the caller logged it already. */
  action?: AuditAction | null;
  traits?: Record<string, unknown>;
  /** An OAuth server grant: the session belongs to this client and carries these scopes. */
  oauth?: OAuthGrant;
}

/** What makes a session an OAuth server session: its client_id and scope claims come from here. */
export interface OAuthGrant {
  clientId: string;
  scope: string;
}

/**
 * Starts a new session as GoTrue does on every successful sign-in: session row, amr claim, first
 * refresh token, last_sign_in_at, audit entry. Call inside a transaction.
 */
export async function startSession(tx: Sql, s: Services, signIn: SignIn) {
  const now = s.clock.now();
  const { user, request } = signIn;
  const sessionId = s.random.uuid();
  await insertSession(tx, {
    id: sessionId, userId: user.id, now, userAgent: request.userAgent || null, ip: request.ip || null,
    oauthClientId: signIn.oauth?.clientId ?? null, scopes: signIn.oauth?.scope ?? null,
  });
  await addAmrClaim(tx, s, sessionId, signIn.method);
  const refreshToken = await insertRefreshToken(tx, s, { userId: user.id, sessionId, parent: null, now });
  const updated = await recordSignIn(tx, user.id, now);
  if (signIn.action !== null) {
    await audit(tx, s.random, now, {
      actor: updated,
      action: signIn.action ?? 'login',
      ip: request.ip,
      ...(signIn.traits ? { traits: signIn.traits } : {}),
    });
  }
  return { user: updated, sessionId, aal: 'aal1', refreshToken };
}

/** As GoTrue's AddClaimToSession: one claim per method and session, a repeat refreshes its time. */
export async function addAmrClaim(tx: Sql, s: Services, sessionId: string, method: AmrMethod) {
  await upsertAmrClaim(tx, { id: s.random.uuid(), sessionId, method, now: s.clock.now() });
}

/** Methods that make a session aal2 (GoTrue's AMRClaim.IsAAL2Claim). */
const AAL2_METHODS: readonly string[] = ['totp', 'mfa/phone', 'mfa/webauthn'];

/** As GoTrue's CalculateAALAndAMR: the token's aal follows the session's claims, not its aal column. */
export const aalOf = (amr: AmrEntry[]) => (amr.some((e) => AAL2_METHODS.includes(e.method)) ? 'aal2' : 'aal1');

/** An amr claim row as the access token's amr entry (GoTrue's AMREntry). */
const amrEntry = (r: { authentication_method: string; updated_at: Date }): AmrEntry => ({
  method: r.authentication_method,
  timestamp: Math.floor(r.updated_at.getTime() / 1000),
});

/** GoTrue's AccessTokenResponse, field order included. */
export async function sessionResponse(
  sql: Sql,
  s: Services,
  t: {
    user: UserRow;
    sessionId: string;
    refreshToken: string;
    extra?: Record<string, unknown>;
    oauth?: OAuthGrant | undefined;
  },
) {
  // one statement for the session's claims and the user's identities and factors
  const related = await userRelations(sql, t.user.id, t.sessionId);
  const amr = related.amrClaims.map(amrEntry);
  const aal = aalOf(amr);
  const notAfter = await lowAalExpiry(sql, s, t.sessionId, aal, highestPossibleAal(related.factors));
  const { token, expiresAt } = await signAccessToken(s, { user: t.user, sessionId: t.sessionId, aal, amr, oauth: t.oauth, notAfter });
  return {
    access_token: token,
    token_type: 'bearer',
    expires_in: expiresAt - s.clock.nowSeconds(),
    expires_at: expiresAt,
    refresh_token: t.refreshToken,
    user: userJson(t.user, related.identities, related.factors.map(factorJson)),
    ...t.extra,
  };
}

/**
 * As GoTrue's GenerateAccessToken with SESSIONS_ALLOW_LOW_AAL: a token of a session below the user's
 * highest level expires no later than the session's start plus that allowance (unix seconds).
 */
async function lowAalExpiry(sql: Sql, s: Services, sessionId: string, aal: string, highest: 'aal1' | 'aal2') {
  if (s.config.sessionsAllowLowAal <= 0 || !lowerAal(aal, highest)) return undefined;
  const session = await findSession(sql, sessionId);
  if (!session) return undefined;
  return Math.floor(session.created_at.getTime() / 1000) + s.config.sessionsAllowLowAal;
}
