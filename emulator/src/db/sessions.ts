import type { Sql } from './storage.js';

/** auth.sessions (GoTrue's models/sessions.go): the session rows and the statements that write them. */

export interface SessionRow {
  id: string;
  user_id: string;
  created_at: Date;
  updated_at: Date;
  factor_id: string | null;
  aal: 'aal1' | 'aal2' | 'aal3';
  not_after: Date | null;
  refreshed_at: Date | null;
  user_agent: string | null;
  ip: string | null;
  tag: string | null;
  /** The OAuth server client the session was issued to, and the scopes it granted (GoTrue 2025-09+). */
  oauth_client_id: string | null;
  scopes: string | null;
}

/** refreshed_at is a timestamp without time zone in GoTrue's schema; it holds UTC, read it as such. */
export const SESSION_COLUMNS = `id, user_id, created_at, updated_at, factor_id, aal, not_after,
  refreshed_at at time zone 'UTC' as refreshed_at, user_agent, host(ip) as ip, tag, oauth_client_id, scopes`;

export const findSession = async (sql: Sql, id: string) =>
  (await sql.query<SessionRow>(`select ${SESSION_COLUMNS} from auth.sessions where id = $1`, [id]))[0];

/** The user's sessions other than one. */
export const otherSessions = (sql: Sql, userId: string, exceptId: string) =>
  sql.query<SessionRow>(`select ${SESSION_COLUMNS} from auth.sessions where user_id = $1 and id <> $2`, [userId, exceptId]);

export async function insertSession(
  tx: Sql,
  n: { id: string; userId: string; now: Date; userAgent: string | null; ip: string | null; oauthClientId: string | null; scopes: string | null },
) {
  await tx.query(
    `insert into auth.sessions (id, user_id, created_at, updated_at, aal, user_agent, ip, oauth_client_id, scopes)
     values ($1, $2, $3, $3, 'aal1', $4, $5, $6, $7)`,
    [n.id, n.userId, n.now, n.userAgent, n.ip, n.oauthClientId, n.scopes],
  );
}

/** A session that passed MFA: aal2, with the factor that got it there. */
export const setSessionAal2 = async (tx: Sql, sessionId: string, factorId: string, now: Date) => {
  await tx.query(`update auth.sessions set aal = 'aal2', factor_id = $2, updated_at = $3 where id = $1`, [sessionId, factorId, now]);
};

/** Sessions that reached aal2 with a factor fall back to aal1 when it goes. */
export const downgradeSessionsOfFactor = async (tx: Sql, userId: string, factorId: string) => {
  await tx.query(`update auth.sessions set aal = 'aal1', factor_id = null where user_id = $1 and factor_id = $2`, [userId, factorId]);
};

export const deleteSession = async (tx: Sql, sessionId: string) => {
  await tx.query('delete from auth.sessions where id = $1', [sessionId]);
};

/** Every session of the user, or every one but `exceptId`. */
export const deleteSessionsOfUser = async (tx: Sql, userId: string, exceptId?: string) => {
  if (exceptId) await tx.query('delete from auth.sessions where user_id = $1 and id <> $2', [userId, exceptId]);
  else await tx.query('delete from auth.sessions where user_id = $1', [userId]);
};

/** The user's sessions below aal2, ended once one of them reaches it. */
export const deleteLowAalSessions = async (tx: Sql, userId: string) => {
  await tx.query(`delete from auth.sessions where user_id = $1 and aal < 'aal2'`, [userId]);
};

/** The sessions an OAuth client was issued for this user (its grant revoked). */
export const deleteClientSessions = async (tx: Sql, userId: string, clientId: string) => {
  await tx.query('delete from auth.sessions where user_id = $1 and oauth_client_id = $2', [userId, clientId]);
};
