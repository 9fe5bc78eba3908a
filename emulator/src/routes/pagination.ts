import type { Ctx } from '../http/env.js';
import { AuthError, badRequest } from '../errors.js';
import { encodeValues, queryValues } from '../go/query.js';

/** GoTrue's page parameters (pagination.go): page from 1, 50 per page unless asked otherwise. */
export interface Page {
  page: number;
  perPage: number;
}

const DEFAULT_PER_PAGE = 50;
const MAX_UINT64 = (1n << 64n) - 1n;

/** strconv.ParseUint(value, 10, 64), with its error text. */
function parseUint(value: string): number {
  if (!/^\d+$/.test(value)) throw new Error(`strconv.ParseUint: parsing ${JSON.stringify(value)}: invalid syntax`);
  if (BigInt(value) > MAX_UINT64) throw new Error(`strconv.ParseUint: parsing ${JSON.stringify(value)}: value out of range`);
  return Number(value);
}

/** As GoTrue's paginate: ?page and ?per_page, 400 "Bad Pagination Parameters" when not unsigned integers. */
export function paginate(c: Ctx): Page {
  const page = c.req.query('page') ?? '';
  const perPage = c.req.query('per_page') ?? '';
  try {
    return { page: page === '' ? 1 : parseUint(page), perPage: perPage === '' ? DEFAULT_PER_PAGE : parseUint(perPage) };
  } catch (e) {
    throw badRequest('validation_failed', `Bad Pagination Parameters: ${(e as Error).message}`);
  }
}

/** LIMIT and OFFSET as pop's paginator computes them: a page below 1 reads as 1, a per_page below 1 as 20. */
export function sqlWindow(p: Page): { limit: number; offset: number } {
  const limit = p.perPage < 1 ? 20 : p.perPage;
  // bigint parameters: a page past any row is an empty page, not a number Postgres cannot hold
  const safe = (n: number) => Math.min(n, Number.MAX_SAFE_INTEGER);
  return { limit: safe(limit), offset: safe((Math.max(p.page, 1) - 1) * limit) };
}

/** As GoTrue's sort(): repeated ?sort=<field> [asc|desc], only the allowed fields, descending by default. */
export function sortParams<F extends string>(c: Ctx, allowed: readonly F[], fallback: { field: F; dir: 'ASC' | 'DESC' }[]) {
  const values = c.req.queries('sort');
  if (!values || values.length === 0) return fallback;
  return values.map((value) => {
    const space = value.indexOf(' ');
    const field = space === -1 ? value : value.slice(0, space);
    if (!allowed.includes(field as F)) throw badRequest('validation_failed', `Bad Sort Parameters: bad field for sort '${field}'`);
    let dir: 'ASC' | 'DESC' = 'DESC';
    if (space !== -1) {
      const given = value.slice(space + 1);
      const upper = given.toUpperCase();
      if (upper !== 'ASC' && upper !== 'DESC') {
        throw badRequest('validation_failed', `Bad Sort Parameters: bad direction for sort '${given}', only 'asc' and 'desc' allowed`);
      }
      dir = upper;
    }
    return { field: field as F, dir };
  });
}

/** The request path as GoTrue sees it: the gateway strips /auth/v1 before forwarding. */
function gotruePath(c: Ctx): string {
  const path = new URL(c.req.url).pathname;
  return path.startsWith('/auth/v1/') ? path.slice('/auth/v1'.length) : path;
}

/**
 * As GoTrue's addPaginationHeaders: X-Total-Count, and a Link header with rel="next" (when there
 * is a later page) and rel="last", built from the request's own path and query.
 * A per_page of 0 makes GoTrue divide by zero and answer a bare 500; authlab answers bad input
 * with a 400 instead.
 */
export function setPaginationHeaders(c: Ctx, p: Page, total: number): void {
  if (p.perPage === 0) throw new AuthError(400, 'validation_failed', 'Bad Pagination Parameters: per_page must be at least 1');
  const totalPages = Math.ceil(total / p.perPage);
  const query = queryValues(new URL(c.req.url));
  const link = (page: number) => {
    query.set('page', [String(page)]);
    return `<${gotruePath(c)}?${encodeValues(query)}>`;
  };
  let header = '';
  if (totalPages > p.page) header += `${link(p.page + 1)}; rel="next", `;
  header += `${link(totalPages)}; rel="last"`;
  c.header('Link', header);
  c.header('X-Total-Count', String(total));
}
