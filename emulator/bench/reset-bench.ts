import { createEmulator } from '../src/index.js';
import { status } from './progress.js';
import { percentile, round } from './stats.js';

/**
 * reset() in-process, as a test suite calls it between tests: seed users through the handler,
 * time reset(), repeat. Seeding uses bcrypt cost 4: hashing is not what is measured here.
 */

// Requests never leave the process, but the URL still names loopback, as everything in the bench does.
const BASE = 'http://127.0.0.1:54321/auth/v1';
const PASSWORD = 'bench-password-1';
const SEED_CONCURRENCY = 10;

export interface ResetResult {
  users: number;
  repetitions: number;
  bootMs: number;
  medianMs: number;
  p99Ms: number;
  maxMs: number;
  /** a seeded user could sign in before the last reset and got 400 after it */
  verified: boolean;
  verification: string;
}

export async function benchReset(opts: { users: number; repetitions: number }): Promise<ResetResult> {
  status('reset: booting an in-process emulator…');
  const bootStarted = performance.now();
  const emulator = await createEmulator({ config: { bcryptCost: 4 } });
  const bootMs = performance.now() - bootStarted;
  try {
    const call = (path: string, json: unknown) =>
      emulator.fetch(
        new Request(BASE + path, {
          method: 'POST',
          headers: { apikey: emulator.keys.anon, 'content-type': 'application/json' },
          body: JSON.stringify(json),
        }),
      );
    const emailOf = (i: number) => `reset-${i}@example.com`;
    const seed = async () => {
      for (let i = 0; i < opts.users; i += SEED_CONCURRENCY) {
        const batch = Array.from({ length: Math.min(SEED_CONCURRENCY, opts.users - i) }, (_, j) =>
          call('/signup', { email: emailOf(i + j), password: PASSWORD }),
        );
        for (const res of await Promise.all(batch)) {
          if (res.status !== 200) throw new Error(`reset: seeding failed: ${res.status} ${await res.text()}`);
        }
      }
    };
    const signIn = async () => (await call('/token?grant_type=password', { email: emailOf(0), password: PASSWORD })).status;

    const times: number[] = [];
    let before = 0;
    for (let rep = 0; rep < opts.repetitions; rep++) {
      status(`reset: repetition ${rep + 1}/${opts.repetitions} (seeding ${opts.users} users)`);
      await seed(); // the same emails every time: a reset that left rows would make the sign-ups fail
      if (rep === opts.repetitions - 1) before = await signIn();
      const started = performance.now();
      await emulator.reset();
      times.push(performance.now() - started);
    }
    const after = await signIn();
    const verified = before === 200 && after === 400;
    return {
      users: opts.users,
      repetitions: opts.repetitions,
      bootMs: round(bootMs, 0),
      medianMs: round(percentile(times, 50), 2),
      p99Ms: round(percentile(times, 99), 2),
      maxMs: round(Math.max(...times), 2),
      verified,
      verification: `seeded user sign-in: ${before} before reset, ${after} after (expected 200, then 400)`,
    };
  } finally {
    await emulator.close();
  }
}
