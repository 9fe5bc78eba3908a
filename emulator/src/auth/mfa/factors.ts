import type { Sql } from '../../db/storage.js';
import { forbidden, unprocessable } from '../../errors.js';
import type { RequestInfo, Services } from '../../services.js';
import type { AmrMethod } from '../../tokens/access-token.js';
import { audit } from '../audit.js';
import {
  deleteChallenge,
  deleteExpiredFactors,
  deleteFactor,
  deleteUnverifiedFactors,
  factorsOf,
  insertChallenge as insertChallengeRow,
  insertFactor as insertFactorRow,
  setChallengeVerified,
  setFactorChallenged,
  setFactorVerified,
  type ChallengeRow,
  type FactorRow,
  type FactorType,
} from '../../db/mfa-factors.js';
import { deleteLowAalSessions, downgradeSessionsOfFactor, setSessionAal2, type SessionRow } from '../../db/sessions.js';
import { addAmrClaim, insertRefreshToken, sessionResponse } from '../sessions.js';
import { oldestRefreshToken, revokeRefreshToken } from '../../db/refresh-tokens.js';
import { deleteAmrClaimsOfFactor } from '../../db/amr-claims.js';
import { recordSignIn } from '../../db/users.js';
import type { UserRow } from '../users.js';

/** GoTrue's MFA rules without HTTP (api/mfa.go, models/factor.go, models/sessions.go). */

/** The amr method a verified factor of this type adds to the session. */
export const MFA_METHOD: Record<FactorType, AmrMethod> = { totp: 'totp', phone: 'mfa/phone', webauthn: 'mfa/webauthn' };

/**
 * As GoTrue's validateFactors, in its order: expired unverified factors go first, then the friendly
 * name must be new (an empty name clashes with another empty name, as in GoTrue), then the two
 * maximums, then a user with a verified factor must be at aal2 to add another.
 */
export async function validateNewFactor(tx: Sql, s: Services, user: UserRow, friendlyName: string, session: SessionRow) {
  await deleteExpiredFactors(tx, s.config.mfaFactorExpiryDuration, s.clock.now());
  const factors = await factorsOf(tx, user.id);
  let verified = 0;
  for (const factor of factors) {
    if ((factor.friendly_name ?? '') === friendlyName) {
      throw unprocessable('mfa_factor_name_conflict', `A factor with the friendly name ${JSON.stringify(friendlyName)} for this user already exists`);
    }
    if (factor.status === 'verified') verified++;
  }
  // as GoTrue: both limits answer with the same message
  const tooMany = 'Maximum number of verified factors reached, unenroll to continue';
  if (factors.length >= s.config.mfaMaxEnrolledFactors) throw unprocessable('too_many_enrolled_mfa_factors', tooMany);
  if (verified >= s.config.mfaMaxVerifiedFactors) throw unprocessable('too_many_enrolled_mfa_factors', tooMany);
  if (verified > 0 && session.aal !== 'aal2') throw forbidden('insufficient_aal', 'AAL2 required to enroll a new factor');
}

export async function insertFactor(
  tx: Sql,
  s: Services,
  f: { user: UserRow; type: FactorType; friendlyName: string; secret?: string; phone?: string },
): Promise<FactorRow> {
  return insertFactorRow(tx, { ...f, id: s.random.uuid(), userId: f.user.id, now: s.clock.now() });
}

/** As GoTrue's WriteChallengeToDatabase: the challenge row, and the factor's last_challenged_at. */
export async function insertChallenge(
  tx: Sql,
  s: Services,
  c: { factor: FactorRow; id: string; ip: string; otp?: string },
): Promise<ChallengeRow> {
  const now = s.clock.now();
  await insertChallengeRow(tx, { id: c.id, factorId: c.factor.id, now, ip: c.ip, otp: c.otp ?? null });
  await setFactorChallenged(tx, c.factor.id, now);
  return { id: c.id, factor_id: c.factor.id, created_at: now, verified_at: null, ip_address: c.ip, otp_code: c.otp ?? null };
}

/** When a challenge stops being verifiable (created_at + MFA_CHALLENGE_EXPIRY_DURATION). */
export const challengeExpiresAt = (s: Services, challenge: ChallengeRow) =>
  new Date(challenge.created_at.getTime() + s.config.mfaChallengeExpiryDuration * 1000);

/**
 * As GoTrue's validateChallenge: the challenge must belong to the factor, be unused and come from the
 * same address; an expired one is deleted (and the deletion stands although the caller gets an error).
 */
export async function checkChallenge(
  s: Services,
  factor: FactorRow,
  challenge: ChallengeRow | undefined,
  ip: string,
): Promise<ChallengeRow> {
  if (!challenge) throw unprocessable('mfa_factor_not_found', 'MFA factor with the provided challenge ID not found');
  if (challenge.verified_at !== null || challenge.ip_address !== ip) {
    throw unprocessable('mfa_ip_address_mismatch', 'Challenge and verify IP addresses mismatch.');
  }
  if (s.clock.now() > challengeExpiresAt(s, challenge)) {
    await deleteChallenge(s.db, challenge.id);
    throw unprocessable(
      'mfa_challenge_expired',
      `MFA challenge ${challenge.id} has expired, verify against another challenge or create a new challenge.`,
    );
  }
  return challenge;
}

/**
 * A correct code, as GoTrue's verify*Factor success path, in one transaction:
 * the attempt is audited, the challenge and factor are marked verified, the session gets the factor's
 * amr claim, aal2 and factor_id, and a new refresh token (updateMFASessionAndClaims); then every aal1
 * session of the user and the user's other unverified factors of this type are deleted.
 * Returns the session response with the aal2 access token.
 */
export async function completeVerification(
  tx: Sql,
  s: Services,
  v: { user: UserRow; session: SessionRow; factor: FactorRow; challenge: ChallengeRow; request: RequestInfo },
) {
  const now = s.clock.now();
  const { factor, session } = v;
  await audit(tx, s.random, now, {
    actor: v.user,
    action: 'verification_attempted',
    ip: v.request.ip,
    traits: { challenge_id: v.challenge.id, factor_id: factor.id, factor_type: factor.factor_type },
  });
  await setChallengeVerified(tx, v.challenge.id, now);
  if (factor.status !== 'verified') await setFactorVerified(tx, factor.id, now);

  await addAmrClaim(tx, s, session.id, MFA_METHOD[factor.factor_type]);
  const { user, refreshToken } = await swapRefreshToken(tx, s, v.user, session.id);
  await setSessionAal2(tx, session.id, factor.id, now);
  // the user in the response is read before the clean-up below, as GoTrue's is
  const response = await sessionResponse(tx, s, { user, sessionId: session.id, refreshToken });

  await deleteLowAalSessions(tx, user.id);
  await deleteUnverifiedFactors(tx, user.id, factor.factor_type);
  return response;
}

/**
 * GoTrue's legacy-token branch of updateMFASessionAndClaims: the session's *oldest* refresh token
 * (FindTokenBySessionID orders by created_at ascending) is revoked and gets a child, which becomes
 * the session's newest token; GrantRefreshTokenSwap audits token_revoked without an address and
 * stamps last_sign_in_at.
 */
async function swapRefreshToken(tx: Sql, s: Services, user: UserRow, sessionId: string) {
  const now = s.clock.now();
  const oldest = await oldestRefreshToken(tx, sessionId);
  if (!oldest) throw new Error('authlab: a session without refresh tokens cannot be upgraded');
  await audit(tx, s.random, now, { actor: user, action: 'token_revoked' });
  await revokeRefreshToken(tx, oldest.id, now);
  const refreshToken = await insertRefreshToken(tx, s, { userId: user.id, sessionId, parent: oldest.token, now });
  return { user: await recordSignIn(tx, user.id, now), refreshToken };
}

/**
 * As GoTrue's UnenrollFactor transaction: the factor goes (its challenges with it), the unenrolment
 * is audited, and sessions that reached aal2 with it fall back to aal1. GoTrue removes their amr
 * claim named like the factor *type*, which matches "totp" but not "mfa/phone": a session that used a
 * phone factor keeps its mfa/phone claim, so its next token still says aal2. We keep that quirk.
 */
export async function unenroll(tx: Sql, s: Services, u: { user: UserRow; session: SessionRow; factor: FactorRow; request: RequestInfo }) {
  const { factor } = u;
  await deleteFactor(tx, factor.id);
  await audit(tx, s.random, s.clock.now(), {
    actor: u.user,
    action: 'factor_unenrolled',
    ip: u.request.ip,
    traits: { factor_id: factor.id, factor_status: factor.status, session_id: u.session.id },
  });
  await deleteAmrClaimsOfFactor(tx, factor.id, factor.factor_type);
  await downgradeSessionsOfFactor(tx, u.user.id, factor.id);
}
