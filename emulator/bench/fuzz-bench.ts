import { postChunked } from '../test/support/chunked.js';
import { fuzzRequests, isServerError, type FuzzContext } from '../test/support/fuzz.js';
import { status } from './progress.js';
import { row, type Row } from './report.js';
import { rssMb, type ServerProcess } from './server-process.js';
import { round } from './stats.js';

/**
 * The fuzz suite's longer run, against a real server process over loopback HTTP: the same seeded
 * malformed requests on every route, several in flight at once, then a 256 MiB chunked upload.
 * Reports what was tried, every 5xx and every request left unanswered, and the server's RSS.
 */

export interface FuzzBenchResult {
  seed: number;
  tried: number;
  serverErrors: number;
  hangs: number;
  statuses: Record<string, number>;
  /** the first few failures, each replayable from the seed and index */
  samples: string[];
  rssBeforeMb: number | null;
  rssAfterMb: number | null;
  hugeUploadStatus: number | string;
  /** /health once the upload is over: the server still serves */
  healthAfter: number | string;
  seconds: number;
}

const MiB = 1024 * 1024;

export async function fuzzBench(
  server: ServerProcess,
  o: { seed: number; count: number; workers: number; timeoutMs: number },
): Promise<FuzzBenchResult> {
  const ctx = { anonKey: server.anonKey, serviceRoleKey: server.serviceRoleKey } as FuzzContext;
  const signIn = async () => {
    const email = `fuzz-${Date.now()}-${Math.random().toString(36).slice(2)}@example.com`;
    const res = await fetch(`${server.authUrl}/signup`, {
      method: 'POST',
      headers: { apikey: server.anonKey, 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'secret-123' }),
    });
    const session = (await res.json()) as { access_token: string; user: { id: string } };
    Object.assign(ctx, { userToken: session.access_token, userId: session.user.id, email });
  };
  const restoreClock = () =>
    fetch(`${server.origin}/_/control/clock`, { method: 'DELETE', headers: { authorization: `Bearer ${server.serviceRoleKey}` } }).catch(() => undefined);

  await signIn();
  const rssBeforeMb = rssMb(server.pid);
  const started = performance.now();
  const requests = fuzzRequests(o.seed, o.count, () => ctx);
  const statuses: Record<string, number> = {};
  const samples: string[] = [];
  let tried = 0;
  let serverErrors = 0;
  let hangs = 0;
  const worker = async () => {
    for (;;) {
      const next = requests.next();
      if (next.done) return;
      const req = next.value;
      const index = tried++;
      if (index % 500 === 0) {
        status(`fuzz: ${index}/${o.count} requests, ${serverErrors} 5xx, ${hangs} hangs`);
        await signIn().catch(() => undefined);
      }
      let outcome: string;
      try {
        const res = await fetch(`${server.origin}${req.url}`, {
          method: req.method,
          headers: req.headers,
          ...(req.body !== undefined ? { body: req.body } : {}),
          redirect: 'manual',
          signal: AbortSignal.timeout(o.timeoutMs),
        });
        const text = await res.text();
        outcome = String(res.status);
        if (isServerError(res.status, text)) {
          serverErrors++;
          if (samples.length < 10) samples.push(`#${index} ${req.method} ${req.url.slice(0, 120)} -> ${res.status} ${text.slice(0, 200)}`);
        }
      } catch (e) {
        const timedOut = (e as Error).name === 'TimeoutError';
        outcome = timedOut ? 'hang' : 'connection error';
        hangs += timedOut ? 1 : 0;
        // a connection the server drops (a 413 with Connection: close mid-upload) is not a hang
        if (timedOut && samples.length < 10) samples.push(`#${index} ${req.method} ${req.url.slice(0, 120)} -> no answer in ${o.timeoutMs} ms`);
      }
      statuses[outcome] = (statuses[outcome] ?? 0) + 1;
      if (req.url.startsWith('/_/control/clock')) await restoreClock();
    }
  };
  await Promise.all(Array.from({ length: o.workers }, worker));
  status('fuzz: a 256 MiB chunked upload to /signup…');
  const huge = await postChunked(`${server.authUrl}/signup`, 256 * MiB, {
    headers: { apikey: server.anonKey, 'content-type': 'application/json' },
  }).then(
    (r) => r.status,
    // the server may close the connection before this client has parsed the 413 (Node reports EPIPE)
    (e: NodeJS.ErrnoException) => (e.code === 'EPIPE' || e.code === 'ECONNRESET' ? 'connection closed by the server' : e.message),
  );
  const healthAfter = await fetch(`${server.authUrl}/health`, { headers: { apikey: server.anonKey }, signal: AbortSignal.timeout(o.timeoutMs) }).then(
    (r) => r.status,
    (e: Error) => e.message,
  );
  return {
    seed: o.seed,
    tried,
    serverErrors,
    hangs,
    statuses,
    samples,
    rssBeforeMb,
    rssAfterMb: rssMb(server.pid),
    hugeUploadStatus: huge,
    healthAfter,
    seconds: round((performance.now() - started) / 1000, 1),
  };
}

export function fuzzRows(r: FuzzBenchResult): Row[] {
  const mb = (v: number | null) => (v === null ? 'n/a' : round(v));
  return [
    row(`fuzz (seed ${r.seed}): requests tried in ${r.seconds} s`, r.tried, ''),
    row('fuzz: 5xx answers', r.serverErrors, '', { equals: 0 }),
    row('fuzz: requests unanswered (hangs)', r.hangs, '', { equals: 0 }),
    row('fuzz: 256 MiB chunked upload to /signup', r.hugeUploadStatus, ''),
    row('fuzz: server RSS before / after', `${mb(r.rssBeforeMb)} / ${mb(r.rssAfterMb)}`, 'MB'),
  ];
}

export function fuzzFailures(r: FuzzBenchResult): string[] {
  const out = [...r.samples.map((s) => `fuzz seed ${r.seed}: ${s}`)];
  if (r.healthAfter !== 200) out.push(`fuzz: /health after the 256 MiB upload answered ${r.healthAfter}`);
  if (r.hugeUploadStatus !== 413 && r.hugeUploadStatus !== 'connection closed by the server') out.push(`fuzz: a 256 MiB chunked upload got ${r.hugeUploadStatus}, not 413 or a closed connection`);
  return out;
}
