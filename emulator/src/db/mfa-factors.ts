import type { Sql } from './storage.js';

/**
 * auth.mfa_factors and auth.mfa_challenges (GoTrue's models/factor.go and models/challenge.go):
 * every statement that reads or writes them, so an MFA rule never carries its own SQL.
 */

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

/** Whether the user has any verified factor: what decides that aal2 is possible (HighestPossibleAAL). */
export const hasVerifiedFactor = async (sql: Sql, userId: string) =>
  (await sql.query("select 1 from auth.mfa_factors where user_id = $1 and status = 'verified' limit 1", [userId])).length > 0;

/** hasVerifiedFactor as an SQL expression, for statements that ask it beside other reads (the refresh grant). */
export const verifiedFactorExists = (userIdSql: string) =>
  `exists (select 1 from auth.mfa_factors f where f.user_id = ${userIdSql} and f.status = 'verified')`;

/** As GoTrue's User.WebAuthnCredentials: the user's verified WebAuthn factors, in creation order. */
export const verifiedWebAuthnFactors = (sql: Sql, userId: string) =>
  sql.query<FactorRow & { web_authn_credential: unknown }>(
    `select * from auth.mfa_factors where user_id = $1 and factor_type = 'webauthn' and status = 'verified' order by created_at, id`,
    [userId],
  );

/** The user's phone factors for one number, whatever their status. */
export const phoneFactorsFor = (sql: Sql, userId: string, phone: string) =>
  sql.query<FactorRow>(`select * from auth.mfa_factors where user_id = $1 and factor_type = 'phone' and phone = $2`, [userId, phone]);

export async function insertFactor(
  tx: Sql,
  f: { id: string; userId: string; type: FactorType; friendlyName: string; secret?: string; phone?: string; now: Date },
): Promise<FactorRow> {
  const [row] = await tx.query<FactorRow>(
    `insert into auth.mfa_factors (id, user_id, friendly_name, factor_type, status, created_at, updated_at, secret, phone)
     values ($1, $2, $3, $4, 'unverified', $5, $5, $6, $7) returning *`,
    [f.id, f.userId, f.friendlyName, f.type, f.now, f.secret ?? null, f.phone ?? null],
  );
  return row!;
}

export const setFactorChallenged = async (tx: Sql, factorId: string, now: Date) => {
  await tx.query('update auth.mfa_factors set last_challenged_at = $2, updated_at = $2 where id = $1', [factorId, now]);
};

export const setFactorVerified = async (tx: Sql, factorId: string, now: Date) => {
  await tx.query(`update auth.mfa_factors set status = 'verified', updated_at = $2 where id = $1`, [factorId, now]);
};

export const renameFactor = async (tx: Sql, factorId: string, friendlyName: string, now: Date) =>
  (await tx.query<FactorRow>('update auth.mfa_factors set friendly_name = $2, updated_at = $3 where id = $1 returning *', [factorId, friendlyName, now]))[0]!;

export const setFactorPhone = async (tx: Sql, factorId: string, phone: string, now: Date) =>
  (await tx.query<FactorRow>('update auth.mfa_factors set phone = $2, updated_at = $3 where id = $1 returning *', [factorId, phone, now]))[0]!;

export const setWebAuthnCredential = async (tx: Sql, factorId: string, credential: unknown, aaguid: string | null, now: Date) => {
  await tx.query('update auth.mfa_factors set web_authn_credential = $2::jsonb, web_authn_aaguid = $3, updated_at = $4 where id = $1', [
    factorId, JSON.stringify(credential), aaguid, now,
  ]);
};

export const setLastWebAuthnChallenge = async (tx: Sql, factorId: string, data: unknown, now: Date) => {
  await tx.query('update auth.mfa_factors set last_webauthn_challenge_data = $2::jsonb, updated_at = $3 where id = $1', [
    factorId, JSON.stringify(data), now,
  ]);
};

export const deleteFactor = async (tx: Sql, factorId: string) => {
  await tx.query('delete from auth.mfa_factors where id = $1', [factorId]);
};

export const deleteFactors = async (sql: Sql, factorIds: string[]) => {
  await sql.query('delete from auth.mfa_factors where id = any($1::uuid[])', [factorIds]);
};

export const deleteFactorsOfUser = async (tx: Sql, userId: string) => {
  await tx.query('delete from auth.mfa_factors where user_id = $1', [userId]);
};

/** The user's other unverified factors of a type, dropped once one of that type is verified. */
export const deleteUnverifiedFactors = async (tx: Sql, userId: string, type: FactorType) => {
  await tx.query(`delete from auth.mfa_factors where user_id = $1 and status = 'unverified' and factor_type = $2`, [userId, type]);
};

export const insertChallenge = async (tx: Sql, c: { id: string; factorId: string; now: Date; ip: string; otp: string | null }) => {
  await tx.query(
    `insert into auth.mfa_challenges (id, factor_id, created_at, ip_address, otp_code) values ($1, $2, $3, $4, $5)`,
    [c.id, c.factorId, c.now, c.ip, c.otp],
  );
};

export const setChallengeVerified = async (tx: Sql, challengeId: string, now: Date) => {
  await tx.query('update auth.mfa_challenges set verified_at = $2 where id = $1', [challengeId, now]);
};

export const deleteChallenge = async (sql: Sql, challengeId: string) => {
  await sql.query('delete from auth.mfa_challenges where id = $1', [challengeId]);
};

export const setChallengeSession = async (sql: Sql, challengeId: string, session: unknown) => {
  await sql.query('update auth.mfa_challenges set web_authn_session_data = $2::jsonb where id = $1', [challengeId, JSON.stringify(session)]);
};

export const challengeSessionData = async <T>(sql: Sql, challengeId: string): Promise<T | undefined> => {
  const [row] = await sql.query<{ web_authn_session_data: T | null }>('select web_authn_session_data from auth.mfa_challenges where id = $1', [challengeId]);
  return row?.web_authn_session_data ?? undefined;
};
