import type { Client } from './http-client.js';
import { runLoad, type LoadResult } from './load.js';

/** The three GoTrue calls an app makes most, each as a load scenario against one server. */

const PASSWORD = 'bench-password-1';

/** Emails unique across runs and servers, so sign-ups never collide with an earlier user. */
const runTag = `${Date.now().toString(36)}${process.pid.toString(36)}`;
let serial = 0;
const uniqueEmail = (kind: string) => `${kind}-${runTag}-${serial++}@example.com`;

/** Signs a fresh user up (mailerAutoconfirm is on by default, so a session comes back). */
async function newUser(client: Client): Promise<{ email: string; refreshToken: string }> {
  const email = uniqueEmail('seed');
  const res = await client.post('/signup', { email, password: PASSWORD });
  if (res.status !== 200) throw new Error(`seeding a user failed: ${res.status} ${res.body.slice(0, 300)}`);
  const refreshToken = (JSON.parse(res.body) as { refresh_token?: string }).refresh_token;
  if (!refreshToken) throw new Error(`sign-up returned no session (is mailerAutoconfirm off?): ${res.body.slice(0, 300)}`);
  return { email, refreshToken };
}

export interface ScenarioOptions {
  client: Client;
  workers: number;
  seconds: number;
  /** appended to each label, e.g. "bcrypt cost 10" */
  tag: string;
}

export function signupLoad(o: ScenarioOptions): Promise<LoadResult> {
  return runLoad({
    label: `signup (${o.tag})`,
    workers: o.workers,
    seconds: o.seconds,
    setup: async () => null,
    step: () => o.client.post('/signup', { email: uniqueEmail('signup'), password: PASSWORD }),
  });
}

/** Each worker signs in as its own user, so the verify cost is that of the server's bcrypt cost. */
export function passwordLoad(o: ScenarioOptions): Promise<LoadResult> {
  return runLoad({
    label: `password grant (${o.tag})`,
    workers: o.workers,
    seconds: o.seconds,
    setup: () => newUser(o.client),
    step: (user) => o.client.post('/token?grant_type=password', { email: user.email, password: PASSWORD }),
  });
}

/**
 * One session per worker, chained: every refresh rotates the token, and reusing an old one after
 * the reuse interval would revoke the session, so each worker always sends the newest token.
 */
export function refreshLoad(o: ScenarioOptions): Promise<LoadResult> {
  return runLoad({
    label: `refresh grant (${o.tag})`,
    workers: o.workers,
    seconds: o.seconds,
    setup: () => newUser(o.client),
    step: async (session) => {
      const res = await o.client.post('/token?grant_type=refresh_token', { refresh_token: session.refreshToken });
      if (res.status === 200) {
        const next = (JSON.parse(res.body) as { refresh_token?: string }).refresh_token;
        if (next) session.refreshToken = next;
      }
      return res;
    },
  });
}
