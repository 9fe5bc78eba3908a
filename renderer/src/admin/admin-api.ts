import { createClient, type SupabaseClient, type User } from '@supabase/supabase-js';
import type { Connection } from '../connection/connection.js';
import { recordingFetch } from '../wire/recording-fetch.js';
import type { WireLog } from '../wire/wire-log.js';

/**
 * The Supabase CLI's well-known local service role key (the emulator's default JWT secret signs
 * the same bytes). It is public knowledge and only opens a local stack; still, the explorer sends
 * it to loopback addresses only (see createAdminApi).
 */
export const LOCAL_SERVICE_ROLE_KEY =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImV4cCI6MTk4MzgxMjk5Nn0.EGIM96RAZx35lJzdJsyH-qQwv8Hdp7fsn3W0YpN81IU';

/** The wire log's tags for calls that belong to no device. */
export const SERVICE_ROLE_TAG = 'service role';
export const ANON_TAG = 'anon, no session';

export interface UserPage {
  users: User[];
  /** X-Total-Count: users matching the filter, all pages. */
  total: number;
  page: number;
  /** From the Link header's rel="last"; 1 when there is one page or none. */
  lastPage: number;
}

export interface AuditEntry {
  id: string;
  created_at: string;
  ip_address: string;
  payload: {
    action?: string;
    actor_id?: string;
    actor_username?: string;
    actor_name?: string;
    log_type?: string;
    traits?: Record<string, unknown>;
    [key: string]: unknown;
  };
}

export interface AuditPage {
  entries: AuditEntry[];
  total: number;
  page: number;
  lastPage: number;
}

/** `{ data, error }` as supabase-js answers, so settle() treats raw calls and library calls alike. */
export type Answer<T> = { data: T; error: null } | { data: null; error: { code?: string; status: number; message: string; name: string } };

export interface AdminApi {
  /** supabase-js with the service role key: auth.admin.* (no session kept). */
  client: SupabaseClient;
  /** supabase-js with the anon key and no session: /otp and /recover, as an app's "send link" button. */
  anon: SupabaseClient;
  /** GET /admin/users with ?filter=, which supabase-js's listUsers does not send. */
  listUsers(query: { page: number; perPage: number; filter: string }): Promise<Answer<UserPage>>;
  /** GET /admin/audit (supabase-js has no call for it). */
  auditLog(query: { page: number; perPage: number; query: string }): Promise<Answer<AuditPage>>;
}

/** rel="last" of GoTrue's Link header: `</admin/users?page=3&per_page=50>; rel="last"`. */
function lastPageOf(link: string | null): number {
  const match = /<([^>]*)>;\s*rel="last"/.exec(link ?? '');
  if (!match?.[1]) return 1;
  const page = Number(new URL(match[1], 'http://x').searchParams.get('page'));
  return Number.isFinite(page) && page > 0 ? page : 1;
}

/** GoTrue's error bodies: {code, error_code, msg} by default, {code, message} with the 2024-01-01 API version. */
async function errorOf(response: Response) {
  const body = (await response.json().catch(() => ({}))) as { error_code?: string; code?: unknown; msg?: string; message?: string; hint?: string };
  const message = body.msg ?? body.message ?? `HTTP ${response.status}`;
  return {
    ...(body.error_code ? { code: body.error_code } : typeof body.code === 'string' ? { code: body.code } : {}),
    status: response.status,
    // the API gateway's refusals are {message, hint}, not GoTrue's shape
    message: body.hint ? `${message}: ${body.hint}` : message,
    name: 'AuthApiError',
  };
}

/**
 * The admin side of the explorer with one service role key, or null without one. The caller picks
 * the key (admin-key.ts): the demo key goes to loopback addresses only, an entered key only to the
 * connection it was entered for.
 */
export function createAdminApi(connection: Connection, wireLog: WireLog, serviceRoleKey: string | null): AdminApi | null {
  if (!serviceRoleKey) return null;
  const recorded = recordingFetch(wireLog, SERVICE_ROLE_TAG);
  const noSession = { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false } as const;
  const client = createClient(connection.url, serviceRoleKey, { auth: { ...noSession, storageKey: 'authlab.admin' }, global: { fetch: recorded } });
  const anon = createClient(connection.url, connection.key, {
    auth: { ...noSession, storageKey: 'authlab.anon' },
    global: { fetch: recordingFetch(wireLog, ANON_TAG) },
  });
  const base = `${connection.url.replace(/\/+$/, '')}/auth/v1`;
  const headers = { apikey: serviceRoleKey, authorization: `Bearer ${serviceRoleKey}`, accept: 'application/json' };

  async function get(path: string, params: Record<string, string>) {
    const search = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== ''));
    return recorded(`${base}${path}?${search}`, { headers });
  }

  return {
    client,
    anon,
    async listUsers({ page, perPage, filter }) {
      const response = await get('/admin/users', { page: String(page), per_page: String(perPage), filter });
      if (!response.ok) return { data: null, error: await errorOf(response) };
      const body = (await response.json()) as { users: User[] };
      return {
        data: { users: body.users, total: Number(response.headers.get('x-total-count') ?? body.users.length), page, lastPage: lastPageOf(response.headers.get('link')) },
        error: null,
      };
    },
    async auditLog({ page, perPage, query }) {
      const response = await get('/admin/audit', { page: String(page), per_page: String(perPage), query });
      if (!response.ok) return { data: null, error: await errorOf(response) };
      const entries = (await response.json()) as AuditEntry[];
      return {
        data: { entries, total: Number(response.headers.get('x-total-count') ?? entries.length), page, lastPage: lastPageOf(response.headers.get('link')) },
        error: null,
      };
    },
  };
}
