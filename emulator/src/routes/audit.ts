import { NIL_UUID } from '../auth/admin-users.js';
import { goTime, sortKeys } from '../go/json.js';
import type { Ctx } from '../http/env.js';
import { badRequest } from '../errors.js';
import { paginate, setPaginationHeaders, sqlWindow } from './pagination.js';

/** GoTrue's admin audit log (audit.go): newest first, paginated, optionally filtered. */

/** ?query=<scope>:<text> searches these payload fields, case-insensitively. */
const SCOPES: Record<string, string[]> = {
  author: ['actor_username', 'actor_name'],
  action: ['action'],
  type: ['log_type'],
};

interface AuditRow {
  id: string;
  payload: Record<string, unknown>;
  created_at: Date;
  ip_address: string;
}

/** GET /admin/audit?page&per_page&query */
export async function adminAuditLog(c: Ctx) {
  const s = c.var.services;
  const page = paginate(c);
  const query = c.req.query('query') ?? '';
  const params: unknown[] = [NIL_UUID];
  let where = 'instance_id = $1';
  if (query !== '') {
    const colon = query.indexOf(':');
    const columns = colon === -1 ? undefined : SCOPES[query.slice(0, colon)];
    if (!columns) throw badRequest('validation_failed', `Invalid query scope: ${query}`);
    const text = query.slice(colon + 1);
    if (text !== '') {
      params.push(`%${text}%`);
      where += ` and (${columns.map((col) => `payload->>'${col}' ilike $2`).join(' or ')})`;
    }
  }
  const [{ count } = { count: 0 }] = await s.db.query<{ count: number }>(
    `select count(*)::int as count from auth.audit_log_entries where ${where}`,
    params,
  );
  const { limit, offset } = sqlWindow(page);
  const rows = await s.db.query<AuditRow>(
    `select id, payload, created_at, ip_address from auth.audit_log_entries where ${where}
     order by created_at desc limit ${limit} offset ${offset}`,
    params,
  );
  setPaginationHeaders(c, page, count);
  return c.json(
    rows.map((r) => ({ id: r.id, payload: sortKeys(r.payload), created_at: goTime(r.created_at), ip_address: r.ip_address })),
  );
}
