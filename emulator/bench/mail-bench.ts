import { runLoad, type LoadResult } from './load.js';
import { status } from './progress.js';
import { emails, expectStatus, seed, sleep, type ServerApi } from './server-api.js';
import { percentile, round } from './stats.js';

/** Mail as a test sees it: how soon a sent mail is readable, and how fast its links are redeemed. */

const POLL_MS = 2;
const SAMPLE_TIMEOUT_MS = 5_000;
const searchTo = (email: string) => `/api/v1/search?query=${encodeURIComponent(`to:${email}`)}`;

export interface MailLatencyResult {
  samples: number;
  /** POST /otp sent -> the mail found through GET /_/inbox/api/v1/search */
  medianMs: number;
  p99Ms: number;
  maxMs: number;
  /** of which the POST /otp answer */
  otpMedianMs: number;
  /** samples whose /otp failed or whose mail never showed up */
  failures: string[];
}

/** One user at a time (an idle server, as in a test): POST /otp, then poll the inbox every few ms. */
export async function mailLatency(api: ServerApi, samples: number): Promise<MailLatencyResult> {
  const users = emails('mail', samples);
  status(`mail latency: seeding ${samples} users…`);
  expectStatus(await seed(api, users.map((email) => ({ email }))), 200, 'mail latency: seeding');
  const times: number[] = [];
  const otpTimes: number[] = [];
  const failures: string[] = [];
  for (const [i, email] of users.entries()) {
    status(`mail latency: sample ${i + 1}/${samples}`);
    const started = performance.now();
    const otp = await api.auth.post('/otp', { email, create_user: false });
    otpTimes.push(otp.ms);
    if (otp.status !== 200) {
      failures.push(`otp ${otp.status} ${otp.body.slice(0, 200)}`);
      continue;
    }
    for (;;) {
      const res = await api.inbox.get(searchTo(email));
      if (res.status === 200 && (JSON.parse(res.body) as { messages_count: number }).messages_count > 0) {
        times.push(performance.now() - started);
        break;
      }
      if (performance.now() - started > SAMPLE_TIMEOUT_MS) {
        failures.push(`no mail to ${email} after ${SAMPLE_TIMEOUT_MS} ms (last search: ${res.status})`);
        break;
      }
      await sleep(POLL_MS);
    }
  }
  return {
    samples,
    medianMs: round(percentile(times, 50), 2),
    p99Ms: round(percentile(times, 99), 2),
    maxMs: round(Math.max(...times), 2),
    otpMedianMs: round(percentile(otpTimes, 50), 2),
    failures,
  };
}

export interface VerifyResult {
  users: number;
  /** token hashes collected before the load (fewer than users if preparation ran out of time) */
  tokens: number;
  prepareSeconds: number;
  load: LoadResult;
}

/**
 * POST /verify {type: 'magiclink', token_hash}: seed users, send each a magic link, read each token
 * hash from the inbox's /auth extra (untimed), then redeem them with the usual closed-loop workers
 * until the tokens (single-use) run out or the time is up.
 */
export async function verifyLoad(
  api: ServerApi,
  opts: { users: number; workers: number; seconds: number; prepareSeconds: number },
): Promise<VerifyResult> {
  const users = emails('verify', opts.users);
  const prepStarted = performance.now();
  const prepDeadline = prepStarted + opts.prepareSeconds * 1000;
  status(`verify: seeding ${opts.users} users…`);
  expectStatus(await seed(api, users.map((email) => ({ email }))), 200, 'verify: seeding');
  const tokens: string[] = [];
  let next = 0;
  const collect = async () => {
    while (next < users.length && performance.now() < prepDeadline) {
      const email = users[next++]!;
      expectStatus(await api.auth.post('/otp', { email, create_user: false }), 200, 'verify: POST /otp');
      const auth = expectStatus(
        await api.inbox.get(`/api/v1/message/latest/auth?query=${encodeURIComponent(`to:${email}`)}`),
        200,
        'verify: reading the magic link from the inbox',
      );
      const hash = (JSON.parse(auth.body) as { TokenHash?: string }).TokenHash;
      if (!hash) throw new Error(`verify: the mail to ${email} has no TokenHash: ${auth.body.slice(0, 300)}`);
      tokens.push(hash);
      if (tokens.length % 50 === 0) status(`verify: ${tokens.length}/${opts.users} magic links collected`);
    }
  };
  await Promise.all(Array.from({ length: opts.workers }, collect));
  const prepareSeconds = round((performance.now() - prepStarted) / 1000, 2);
  if (tokens.length === 0) throw new Error('verify: no magic link collected in time');

  const queue = [...tokens];
  const load = await runLoad({
    label: `verify magiclink token_hash (${tokens.length} tokens)`,
    workers: opts.workers,
    seconds: opts.seconds,
    setup: async () => null,
    step: async () => {
      const token_hash = queue.pop();
      return token_hash === undefined ? null : api.auth.post('/verify', { type: 'magiclink', token_hash });
    },
  });
  return { users: opts.users, tokens: tokens.length, prepareSeconds, load };
}
