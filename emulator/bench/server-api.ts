import { createClient, type Client, type HttpResult } from './http-client.js';
import type { ServerProcess } from './server-process.js';

/** The three faces of one CLI child a test suite talks to: GoTrue, the control API and the inbox. */
export interface ServerApi {
  /** /auth/v1, with the anon key */
  auth: Client;
  /** /_/control, with the service role key as Bearer (the CLI prints it; it is the demo key) */
  control: Client;
  /** /_/inbox, the Mailpit-compatible API */
  inbox: Client;
}

export async function withApi<T>(server: ServerProcess, maxSockets: number, fn: (api: ServerApi) => Promise<T>): Promise<T> {
  const api: ServerApi = {
    auth: createClient(server.authUrl, server.anonKey, { maxSockets }),
    control: createClient(`${server.origin}/_/control`, server.serviceRoleKey, {
      maxSockets,
      headers: { authorization: `Bearer ${server.serviceRoleKey}` },
    }),
    inbox: createClient(`${server.origin}/_/inbox`, server.anonKey, { maxSockets }),
  };
  try {
    return await fn(api);
  } finally {
    for (const c of Object.values(api)) c.close();
  }
}

/** Fails the scenario (not just one sample) when a preparation step is not answered as expected. */
export function expectStatus(res: HttpResult, want: number, what: string): HttpResult {
  if (res.status !== want) throw new Error(`${what}: expected ${want}, got ${res.status} ${res.body.slice(0, 300)}`);
  return res;
}

/** Seeds confirmed users through POST /_/control/seed, in one call. */
export async function seed(api: ServerApi, users: { email: string; password?: string }[]): Promise<HttpResult> {
  return api.control.post('/seed', { users });
}

/**
 * Emails for a batch of seeded users. The inbox's `to:` is a substring match, as Mailpit's: the
 * index is zero-padded and followed by '@', so no address is a substring of another.
 */
const runTag = `${Date.now().toString(36)}${process.pid.toString(36)}`;
export function emails(kind: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => `${kind}-${runTag}-${String(i).padStart(5, '0')}@example.com`);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
