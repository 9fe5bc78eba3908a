import { status } from './progress.js';
import { emails, expectStatus, seed, type ServerApi } from './server-api.js';
import { percentile, round } from './stats.js';

/** The control API as a test suite's beforeEach uses it, over loopback HTTP. */

const PASSWORD = 'bench-password-1';

export interface TimedResult {
  repetitions: number;
  medianMs: number;
  p99Ms: number;
  maxMs: number;
}

const summary = (times: number[]): TimedResult => ({
  repetitions: times.length,
  medianMs: round(percentile(times, 50), 2),
  p99Ms: round(percentile(times, 99), 2),
  maxMs: round(Math.max(...times), 2),
});

export interface HttpResetResult extends TimedResult {
  users: number;
  /** the same emails seeded again after the last reset: 200, not a 422 conflict */
  verified: boolean;
  verification: string;
}

/**
 * POST /_/control/reset after seeding `users` users (one POST /_/control/seed, untimed). Seeded users
 * have no password: bcrypt would dominate the seeding and says nothing about the reset. Seeding the
 * same emails every repetition fails with 422 if a reset left a user behind.
 */
export async function httpReset(api: ServerApi, opts: { users: number; repetitions: number }): Promise<HttpResetResult> {
  const users = emails('httpreset', opts.users).map((email) => ({ email }));
  const times: number[] = [];
  for (let rep = 0; rep < opts.repetitions; rep++) {
    status(`reset over HTTP: repetition ${rep + 1}/${opts.repetitions} (seeding ${opts.users} users)`);
    expectStatus(await seed(api, users), 200, `reset over HTTP: seeding (repetition ${rep + 1})`);
    times.push(expectStatus(await api.control.post('/reset', {}), 204, 'POST /_/control/reset').ms);
  }
  const again = await seed(api, users.slice(0, 1));
  await api.control.post('/reset', {});
  return {
    users: opts.users,
    ...summary(times),
    verified: again.status === 200,
    verification: `re-seeding a user after the last reset: ${again.status} (expected 200, 422 means it survived)`,
  };
}

/** A test's fixture: reset, seed one user with a password, sign in with it (POST /token?grant_type=password). */
export async function fixtureSetup(api: ServerApi, repetitions: number, tag: string): Promise<TimedResult & { label: string }> {
  const [email] = emails('fixture', 1) as [string];
  const times: number[] = [];
  for (let rep = 0; rep < repetitions; rep++) {
    status(`fixture setup (${tag}): repetition ${rep + 1}/${repetitions}`);
    const started = performance.now();
    expectStatus(await api.control.post('/reset', {}), 204, 'fixture: reset');
    expectStatus(await seed(api, [{ email, password: PASSWORD }]), 200, 'fixture: seed');
    expectStatus(await api.auth.post('/token?grant_type=password', { email, password: PASSWORD }), 200, 'fixture: sign-in');
    times.push(performance.now() - started);
  }
  return { label: `fixture setup per test: reset + seed 1 + sign-in (${tag})`, ...summary(times) };
}
