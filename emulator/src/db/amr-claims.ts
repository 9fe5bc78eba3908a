import type { Sql } from './storage.js';

/** auth.mfa_amr_claims (GoTrue's models/amr.go): how each session was authenticated, one row per method. */

/** As GoTrue's AddClaimToSession: one claim per method and session, a repeat refreshes its time. */
export async function upsertAmrClaim(tx: Sql, c: { id: string; sessionId: string; method: string; now: Date }) {
  await tx.query(
    `insert into auth.mfa_amr_claims (id, session_id, created_at, updated_at, authentication_method) values ($1, $2, $3, $3, $4)
     on conflict on constraint mfa_amr_claims_session_id_authentication_method_pkey do update set updated_at = $3`,
    [c.id, c.sessionId, c.now, c.method],
  );
}

/** Whether the session holds a claim of any of these methods. */
export async function sessionHasAmrClaim(sql: Sql, sessionId: string, methods: string[]) {
  const rows = await sql.query('select 1 from auth.mfa_amr_claims where session_id = $1 and authentication_method = any($2) limit 1', [
    sessionId,
    methods,
  ]);
  return rows.length > 0;
}

/** The claim named `method` of every session that reached aal2 with the factor. */
export async function deleteAmrClaimsOfFactor(tx: Sql, factorId: string, method: string) {
  await tx.query(
    `delete from auth.mfa_amr_claims where authentication_method = $2
       and session_id in (select id from auth.sessions where factor_id = $1)`,
    [factorId, method],
  );
}
