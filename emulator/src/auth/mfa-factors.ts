import type { Sql } from '../db/storage.js';
import { goTime, goTimeOrUndefined, omitUndefined, sortKeys } from '../go/json.js';

/** GoTrue's MFA factor and challenge rows (models/factor.go, models/challenge.go) and their queries. */

export type FactorType = 'totp' | 'phone' | 'webauthn';

/** A row of auth.mfa_factors. */
export interface FactorRow {
  id: string;
  user_id: string;
  friendly_name: string | null;
  factor_type: FactorType;
  status: 'unverified' | 'verified';
  created_at: Date;
  updated_at: Date;
  secret: string | null;
  phone: string | null;
  last_challenged_at: Date | null;
  web_authn_aaguid: string | null;
  last_webauthn_challenge_data: Record<string, unknown> | null;
}

/** A row of auth.mfa_challenges; ip_address read back as text without a /32 suffix. */
export interface ChallengeRow {
  id: string;
  factor_id: string;
  created_at: Date;
  verified_at: Date | null;
  ip_address: string;
  otp_code: string | null;
}

/** Creation order, as the eager-loaded user.Factors come back. */
export const factorsOf = (sql: Sql, userId: string) =>
  sql.query<FactorRow>('select * from auth.mfa_factors where user_id = $1 order by created_at, id', [userId]);

/** As GoTrue's FindOwnedFactorByID: only a factor of this user. */
export const findOwnedFactor = async (sql: Sql, userId: string, factorId: string) =>
  (await sql.query<FactorRow>('select * from auth.mfa_factors where user_id = $1 and id = $2', [userId, factorId]))[0];

export const findChallenge = async (sql: Sql, factorId: string, challengeId: string) =>
  (
    await sql.query<ChallengeRow>(
      `select id, factor_id, created_at, verified_at, host(ip_address) as ip_address, otp_code
       from auth.mfa_challenges where id = $1 and factor_id = $2`,
      [challengeId, factorId],
    )
  )[0];

/**
 * As GoTrue's DeleteExpiredFactors: unverified factors that were never challenged and are older than
 * the factor expiry go, for every user (GoTrue's query is not scoped to the caller).
 */
export async function deleteExpiredFactors(sql: Sql, expirySeconds: number, now: Date) {
  await sql.query(
    `delete from auth.mfa_factors f where f.status <> 'verified'
       and not exists (select 1 from auth.mfa_challenges c where c.factor_id = f.id)
       and f.created_at + make_interval(secs => $1) < $2`,
    [expirySeconds, now],
  );
}

/** A factor as GoTrue's models.Factor marshals it (last_challenged_at is null, never omitted). */
export function factorJson(f: FactorRow) {
  return omitUndefined({
    id: f.id,
    created_at: goTime(f.created_at),
    updated_at: goTime(f.updated_at),
    status: f.status,
    friendly_name: f.friendly_name || undefined,
    factor_type: f.factor_type,
    phone: f.phone ?? '',
    last_challenged_at: goTimeOrUndefined(f.last_challenged_at) ?? null,
    web_authn_aaguid: f.web_authn_aaguid ?? undefined,
    last_webauthn_challenge_data: f.last_webauthn_challenge_data ? sortKeys(f.last_webauthn_challenge_data) : undefined,
  });
}

/** The user's factors as they appear in the user object. */
export const factorsJson = async (sql: Sql, userId: string) => (await factorsOf(sql, userId)).map(factorJson);
