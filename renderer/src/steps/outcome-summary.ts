/** Who an answer is about: the address people recognise, the id when there is none. */
function whoIs(user: { email?: unknown; phone?: unknown; id?: unknown }): string {
  if (typeof user.email === 'string' && user.email) return user.email;
  if (typeof user.phone === 'string' && user.phone) return `+${user.phone}`;
  return typeof user.id === 'string' ? user.id : 'a user';
}

const isObject = (value: unknown): value is Record<string, unknown> => !!value && typeof value === 'object';

/**
 * One line for what a successful step returned: what a screen reader announces and what a reader
 * scans first, instead of the whole answer (a user object is ~60 lines of JSON).
 */
export function summarizeData(data: unknown): string | null {
  if (Array.isArray(data)) return data.length === 0 ? 'none' : data.length === 1 ? '1 entry' : `${data.length} entries`;
  if (!isObject(data)) return null;
  const session = isObject(data.session) ? data.session : 'access_token' in data && isObject(data.user) ? data : null;
  if (session && isObject(session.user)) return `Signed in as ${whoIs(session.user)}`;
  const user = isObject(data.user) ? data.user : 'aud' in data && 'id' in data ? data : null;
  if (user) return `User ${whoIs(user)}${'session' in data && data.session === null ? ', no session' : ''}`;
  return null;
}
