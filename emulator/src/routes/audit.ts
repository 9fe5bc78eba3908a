import { auditEntriesPage, countAuditEntries, type AuditSearch } from '../db/audit-log.js';
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

/** GET /admin/audit?page&per_page&query */
export async function adminAuditLog(c: Ctx) {
  const s = c.var.services;
  const page = paginate(c);
  const query = c.req.query('query') ?? '';
  let search: AuditSearch | undefined;
  if (query !== '') {
    const colon = query.indexOf(':');
    const fields = colon === -1 ? undefined : SCOPES[query.slice(0, colon)];
    if (!fields) throw badRequest('validation_failed', `Invalid query scope: ${query}`);
    const text = query.slice(colon + 1);
    if (text !== '') search = { fields, pattern: `%${text}%` };
  }
  const count = await countAuditEntries(s.db, search);
  const rows = await auditEntriesPage(s.db, search, sqlWindow(page));
  setPaginationHeaders(c, page, count);
  return c.json(
    rows.map((r) => ({ id: r.id, payload: sortKeys(r.payload), created_at: goTime(r.created_at), ip_address: r.ip_address })),
  );
}
