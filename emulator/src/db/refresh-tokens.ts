import { reviveRow } from './json-rows.js';
import { verifiedFactorExists } from './mfa-factors.js';
import { SESSION_COLUMNS, type SessionRow } from './sessions.js';
import { INSTANCE_ID, type Sql } from './storage.js';
import type { UserRow } from './user-rows.js';

/** auth.refresh_tokens (GoTrue's models/refresh_token.go): the rotating chain of each session's refresh tokens. */

export interface RefreshTokenRow {
  id: number;
  token: string;
  user_id: string;
  revoked: boolean;
  created_at: Date;
  updated_at: Date;
  parent: string | null;
  session_id: string | null;
}

export async function insertRefreshTokenRow(sql: Sql, t: { token: string; userId: string; sessionId: string; parent: string | null; now: Date }) {
  await sql.query(
    `insert into auth.refresh_tokens (instance_id, token, user_id, revoked, created_at, updated_at, parent, session_id)
     values ('${INSTANCE_ID}', $1, $2, false, $3, $3, $4, $5)`,
    [t.token, t.userId, t.now, t.parent, t.sessionId],
  );
}

/** The session's first token, as GoTrue's FindTokenBySessionID orders them. */
export const oldestRefreshToken = async (sql: Sql, sessionId: string) =>
  (
    await sql.query<RefreshTokenRow>(
      `select * from auth.refresh_tokens where instance_id = '${INSTANCE_ID}' and session_id = $1 order by created_at, id limit 1`,
      [sessionId],
    )
  )[0];

/** The session's newest token not yet revoked. */
export const activeRefreshToken = async (sql: Sql, sessionId: string) =>
  (await sql.query<RefreshTokenRow>('select * from auth.refresh_tokens where session_id = $1 and revoked = false order by id desc limit 1', [sessionId]))[0];

export const revokeRefreshToken = async (tx: Sql, id: number, now: Date) => {
  await tx.query('update auth.refresh_tokens set revoked = true, updated_at = $2 where id = $1', [id, now]);
};

/** Every token of the session still active. */
export const revokeSessionRefreshTokens = async (tx: Sql, sessionId: string, now: Date) => {
  await tx.query('update auth.refresh_tokens set revoked = true, updated_at = $2 where session_id = $1 and revoked = false', [sessionId, now]);
};

export const deleteRefreshToken = async (tx: Sql, id: number) => {
  await tx.query('delete from auth.refresh_tokens where id = $1', [id]);
};

/**
 * The token (locked), its session, its user and whether the user has a verified factor (GoTrue's
 * HighestPossibleAAL, for the low-AAL rule). One statement rather than four because every refresh
 * runs it; the refresh token is the anchor, so this store owns it.
 */
export async function findRefreshTokenForGrant(tx: Sql, token: string) {
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
    hasVerifiedFactor: found.verified_factor,
  };
}

/**
 * A refresh's writes in one statement, again for speed: revoke the used token and insert its child
 * (unless an active token is handed out again), note the refresh on the session, and add the
 * audit entries (`audit`, from db/audit-log.ts auditEntriesInsert starting at $7).
 */
export async function recordRefresh(
  tx: Sql,
  r: {
    revokedId: number | null;
    child: { token: string; userId: string; parent: string } | undefined;
    sessionId: string;
    audit: { sql: string; params: unknown[]; next: number };
    userAgent: string | null;
    ip: string | null;
    now: Date;
  },
) {
  const { audit } = r;
  await tx.query(
    `with revoked as (
       update auth.refresh_tokens set revoked = true, updated_at = $1 where id = $2
     ), issued as (
       insert into auth.refresh_tokens (instance_id, token, user_id, revoked, created_at, updated_at, parent, session_id)
       select '${INSTANCE_ID}', c.token, c.user_id, false, $1, $1, c.parent, c.session_id::uuid
       from (select $3::text as token, $4::text as user_id, $5::text as parent, $6::text as session_id) c where c.token is not null
     ), touched as (
       update auth.sessions set refreshed_at = $1 at time zone 'UTC', updated_at = $1, user_agent = $${audit.next}, ip = $${audit.next + 1}::inet
       where id = $6::uuid
     )
     ${audit.sql}`,
    [
      r.now, r.revokedId, r.child?.token ?? null, r.child?.userId ?? null, r.child?.parent ?? null, r.sessionId,
      ...audit.params, r.userAgent, r.ip,
    ],
  );
}

/** The first parameter number free for the audit entries in recordRefresh's statement. */
export const RECORD_REFRESH_AUDIT_PARAM = 7;
