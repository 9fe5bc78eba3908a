import { INSTANCE_ID, type Sql } from './storage.js';

/** auth.audit_log_entries (GoTrue's models/audit_log_entry.go): the admin audit log's rows. */

export interface AuditLogRow {
  id: string;
  payload: Record<string, unknown>;
  created_at: Date;
  ip_address: string;
}

export interface NewAuditEntry {
  id: string;
  payload: Record<string, unknown>;
  ip: string;
}

/**
 * The insert of audit entries as SQL to run alone or as the last part of a larger statement:
 * `$1` is the time, the entries' parameters start at `firstParam`; `next` is the first one left.
 */
export function auditEntriesInsert(entries: NewAuditEntry[], firstParam: number) {
  const params: unknown[] = [];
  const tuples = entries.map((e, i) => {
    params.push(e.id, JSON.stringify(e.payload), e.ip);
    const p = firstParam + i * 3;
    return `('${INSTANCE_ID}', $${p}, $${p + 1}::json, $1, $${p + 2})`;
  });
  return {
    sql: `insert into auth.audit_log_entries (instance_id, id, payload, created_at, ip_address) values ${tuples.join(', ')}`,
    params,
    next: firstParam + params.length,
  };
}

export async function insertAuditEntries(sql: Sql, now: Date, entries: NewAuditEntry[]) {
  if (entries.length === 0) return;
  const insert = auditEntriesInsert(entries, 2);
  await sql.query(insert.sql, [now, ...insert.params]);
}

/** A search of the log: `pattern` (an ILIKE pattern) in any of the payload's `fields`. */
export interface AuditSearch {
  fields: string[];
  pattern: string;
}

function auditWhere(search: AuditSearch | undefined) {
  const params: unknown[] = [INSTANCE_ID];
  let where = 'instance_id = $1';
  if (search) {
    params.push(search.pattern);
    where += ` and (${search.fields.map((field) => `payload->>'${field}' ilike $2`).join(' or ')})`;
  }
  return { where, params };
}

export async function countAuditEntries(sql: Sql, search: AuditSearch | undefined) {
  const { where, params } = auditWhere(search);
  const [{ count } = { count: 0 }] = await sql.query<{ count: number }>(
    `select count(*)::int as count from auth.audit_log_entries where ${where}`,
    params,
  );
  return count;
}

/** One page of the log, newest first. */
export function auditEntriesPage(sql: Sql, search: AuditSearch | undefined, window: { limit: number; offset: number }) {
  const { where, params } = auditWhere(search);
  return sql.query<AuditLogRow>(
    `select id, payload, created_at, ip_address from auth.audit_log_entries where ${where}
     order by created_at desc limit ${window.limit} offset ${window.offset}`,
    params,
  );
}
