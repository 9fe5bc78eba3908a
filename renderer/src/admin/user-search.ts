import type { AdminApi, Answer, UserPage } from './admin-api.js';

/**
 * How the Users search reads what was typed. GoTrue's ?filter= matches only the email (LIKE, so
 * case-sensitive) and user_metadata.full_name (ILIKE); Studio also finds users by id and phone,
 * which it reads from Postgres. Over the API that takes other calls: an id is one GET
 * /admin/users/{id}, a phone a walk through every page, matched here.
 */
export type UserQueryKind = 'all' | 'id' | 'phone' | 'filter';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** "+1 555 0100", "(555) 0100", "15550100": digits with the punctuation people type between them. */
const PHONE = /^\+?[\d\s().-]+$/;

export function userQueryKind(query: string): UserQueryKind {
  if (!query) return 'all';
  if (UUID.test(query)) return 'id';
  if (PHONE.test(query) && query.replace(/\D/g, '').length >= 3) return 'phone';
  return 'filter';
}

/** Pages of this size are read when walking every user for a phone. */
const WALK_PER_PAGE = 1000;
/** Past this many users the walk stops, and the answer says it did. */
const WALK_LIMIT = 20 * WALK_PER_PAGE;

export type FoundUsers = UserPage & { kind: UserQueryKind; truncated?: boolean };

export async function findUsers(admin: AdminApi, q: { page: number; perPage: number; query: string }): Promise<Answer<FoundUsers>> {
  const kind = userQueryKind(q.query);
  if (kind === 'all' || kind === 'filter') {
    const answer = await admin.listUsers({ page: q.page, perPage: q.perPage, filter: q.query });
    return answer.error ? answer : { data: { ...answer.data, kind }, error: null };
  }
  if (kind === 'id') {
    const { data, error } = await admin.client.auth.admin.getUserById(q.query);
    // as GoTrue: an id no user has is 404 user_not_found, which here means "no match"
    if (error && error.status !== 404) {
      return { data: null, error: { status: error.status ?? 0, message: error.message, name: error.name, ...(error.code ? { code: error.code } : {}) } };
    }
    const users = data?.user ? [data.user] : [];
    return { data: { users, total: users.length, page: 1, lastPage: 1, kind }, error: null };
  }
  const digits = q.query.replace(/\D/g, '');
  const matched: UserPage['users'] = [];
  let truncated = false;
  for (let page = 1; ; page++) {
    const answer = await admin.listUsers({ page, perPage: WALK_PER_PAGE, filter: '' });
    if (answer.error) return answer;
    // GoTrue stores phones as digits only, without the +
    matched.push(...answer.data.users.filter((u) => (u.phone ?? '').includes(digits)));
    if (page >= answer.data.lastPage || answer.data.users.length < WALK_PER_PAGE) break;
    if (page * WALK_PER_PAGE >= WALK_LIMIT) {
      truncated = true;
      break;
    }
  }
  const lastPage = Math.max(1, Math.ceil(matched.length / q.perPage));
  const page = Math.min(q.page, lastPage);
  const users = matched.slice((page - 1) * q.perPage, page * q.perPage);
  return { data: { users, total: matched.length, page, lastPage, kind, truncated }, error: null };
}
