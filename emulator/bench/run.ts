/**
 * authlab benchmark: `npm run bench`.
 *   1. cold start of the CLI as a child process (spawn -> first successful sign-up), 3 runs
 *   2. loopback HTTP throughput against that same child: signup, password grant, refresh grant
 *      (bcrypt cost 10, the default), then signup + password again on a cost-4 server
 *   3. against the default-cost child, what a test suite does through HTTP: mail latency (POST /otp ->
 *      readable in the inbox API), magic-link verify throughput, POST /_/control/reset after 100 users,
 *      and a fixture (reset + seed one user + password sign-in); the fixture again at cost 4;
 *      then the flow explorer that child serves, cold-loaded in headless Chromium (cache disabled)
 *      until its first screen is usable
 *   4. in-process reset() after seeding 100 users, 50 repetitions
 *   5. the package as installed: npm pack, the tarball installed into an empty app outside the
 *      repository, the first and warm `npx authlab` starts, tarball size and installed footprint
 *   6. the in-page emulator (e2e/msw-page) booting in headless Chromium, if there is one
 * Table on stdout, progress on stderr, full results in bench-results/.
 * Also: the fuzz suite's longer run (seeded malformed requests on every route, then a 256 MiB chunked
 * upload) against a server process: requests tried, 5xx, hangs, RSS before / after.
 * Env: BENCH_SECONDS (per load scenario, default 5), BENCH_WORKERS (concurrency, default 10),
 * BENCH_FUZZ_REQUESTS (default 30000), BENCH_FUZZ_SEED,
 * CHROMIUM_PATH (default /usr/bin/chromium).
 */
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveConfig } from '../src/config.js';
import { browserBoot } from './browser-boot.js';
import { explorerColdLoad } from './explorer-load.js';
import { fixtureSetup, httpReset } from './control-bench.js';
import { createClient, type Client } from './http-client.js';
import { mailLatency, verifyLoad } from './mail-bench.js';
import { log, status } from './progress.js';
import { machine, row, table, writeResults, type Row } from './report.js';
import { attempt, browserRows, explorerRows, failed, loadRows, suiteFailures, suiteRows, type SuiteResults } from './rows.js';
import { packageBench, packageRows } from './package-bench.js';
import { fuzzBench, fuzzFailures, fuzzRows } from './fuzz-bench.js';
import { benchReset } from './reset-bench.js';
import { passwordLoad, refreshLoad, signupLoad } from './scenarios.js';
import { withApi } from './server-api.js';
import { cliCommand, rssMb, startServer, stopAll, type ServerProcess } from './server-process.js';
import { median, round } from './stats.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SECONDS = envNumber('BENCH_SECONDS', 5);
const WORKERS = envNumber('BENCH_WORKERS', 10);
const COLD_RUNS = 3;
const RESET_USERS = 100;
const RESET_REPETITIONS = 50;
const DEFAULT_COST = resolveConfig().bcryptCost;
const LOW_COST = 4;
const MAIL_SAMPLES = 50;
const VERIFY_USERS = 400;
const HTTP_RESET_USERS = 100;
const HTTP_RESET_REPETITIONS = 50;
const FIXTURE_REPETITIONS = 30;
const BROWSER_RUNS = 3;
const EXPLORER_RUNS = 5;
const FUZZ_SEED = envNumber('BENCH_FUZZ_SEED', 0x5eed14);
const FUZZ_REQUESTS = envNumber('BENCH_FUZZ_REQUESTS', 30_000);
const PACKAGE_WARM_RUNS = 3;

// Targets from the issues.
const TARGET = { coldStartMs: 1500, resetMs: 5, refreshRps: 2000, rssMb: 250, httpResetMs: 20, browserBootMs: 2000, explorerLoadMs: 1000, packageStartMs: 1500, tarballMb: 5 };

function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got ${raw}`);
  return n;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs `fn` against a fresh client for the server, closing the client's sockets afterwards. */
async function withClient<T>(server: ServerProcess, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = createClient(server.authUrl, server.anonKey, { maxSockets: WORKERS });
  try {
    return await fn(client);
  } finally {
    client.close();
  }
}

async function main(): Promise<number> {
  const date = new Date().toISOString();
  const loadAtStart = round(loadavg()[0]!, 2);
  const launcher = cliCommand(ROOT).label;
  // five PGlite boots, six load scenarios, the HTTP and in-process reset loops, the explorer load, the browser phase
  const estimate = COLD_RUNS * 12 + 6 * SECONDS + 90 + 40 + 90 + 70 + 15;
  log(`starting; roughly ${estimate} s+ (PGlite boots several times). Launcher: ${launcher}`);
  // wall time of each phase, on stderr and in the JSON: on a busy machine it says where the time went
  const phases: Record<string, number> = {};
  let phaseStarted = performance.now();
  const phase = (name: string) => {
    phases[name] = round((performance.now() - phaseStarted) / 1000, 1);
    phaseStarted = performance.now();
    log(`${name}: ${phases[name]} s`);
  };

  // 1. Cold start. The last child stays up and takes the load, so its RSS is that of a served server.
  const cold: { healthMs: number; firstSignupMs: number; reportedReadyMs: number | null }[] = [];
  let server: ServerProcess | undefined;
  for (let i = 0; i < COLD_RUNS; i++) {
    status(`cold start ${i + 1}/${COLD_RUNS}: spawning the CLI, waiting for the first sign-up…`);
    const s = await startServer(ROOT);
    cold.push({ healthMs: round(s.healthMs, 0), firstSignupMs: round(s.firstSignupMs, 0), reportedReadyMs: s.reportedReadyMs });
    log(`cold start ${i + 1}/${COLD_RUNS}: first sign-up after ${Math.round(s.firstSignupMs)} ms`);
    if (i < COLD_RUNS - 1) await s.stop();
    else server = s;
  }
  const main10 = server!;
  phase('cold start');
  await sleep(1000); // let boot-time garbage settle before calling the server idle
  const rssIdle = rssMb(main10.pid);

  // 2. Throughput at the default cost, then at cost 4.
  const tag10 = `bcrypt cost ${DEFAULT_COST}`;
  const loads10 = await withClient(main10, async (client) => {
    const o = { client, workers: WORKERS, seconds: SECONDS, tag: tag10 };
    return { signup: await signupLoad(o), password: await passwordLoad(o), refresh: await refreshLoad(o) };
  });
  const rssAfterLoad = rssMb(main10.pid);
  phase(`load, cost ${DEFAULT_COST}`);

  // 3. What a test suite does over HTTP, against the same child (default cost).
  const suite: SuiteResults = await withApi(main10, WORKERS, async (api) => ({
    mail: await attempt('mail latency', () => mailLatency(api, MAIL_SAMPLES)),
    verify: await attempt('verify', () =>
      verifyLoad(api, { users: VERIFY_USERS, workers: WORKERS, seconds: SECONDS, prepareSeconds: Math.max(15, 3 * SECONDS) }),
    ),
    httpReset: await attempt('reset over HTTP', () => httpReset(api, { users: HTTP_RESET_USERS, repetitions: HTTP_RESET_REPETITIONS })),
    fixtures: [await attempt('fixture setup', () => fixtureSetup(api, FIXTURE_REPETITIONS, tag10))],
  }));
  phase('HTTP test-suite scenarios');
  const explorer = await attempt('explorer cold load', () => explorerColdLoad(main10, EXPLORER_RUNS));
  phase('explorer cold load');
  await main10.stop();

  status(`starting a server with AUTHLAB_BCRYPT_COST=${LOW_COST}…`);
  const low = await startServer(ROOT, { AUTHLAB_BCRYPT_COST: String(LOW_COST) });
  const tag4 = `bcrypt cost ${LOW_COST}`;
  const loads4 = await withClient(low, async (client) => {
    const o = { client, workers: WORKERS, seconds: SECONDS, tag: tag4 };
    return { signup: await signupLoad(o), password: await passwordLoad(o) };
  }).catch(async (e: unknown) => {
    await low.stop();
    throw e;
  });
  suite.fixtures.push(await withApi(low, WORKERS, (api) => attempt('fixture setup (cost 4)', () => fixtureSetup(api, FIXTURE_REPETITIONS, tag4))));
  await low.stop();
  phase(`cost-${LOW_COST} server`);

  // 4. reset(), in-process.
  const reset = await benchReset({ users: RESET_USERS, repetitions: RESET_REPETITIONS });
  phase('in-process reset');

  // the fuzz suite's longer run, against a server process of its own
  status('starting a server for the fuzz run…');
  const fuzzServer = await startServer(ROOT, { AUTHLAB_BCRYPT_COST: String(LOW_COST) });
  const fuzz = await attempt('fuzz', () => fuzzBench(fuzzServer, { seed: FUZZ_SEED, count: FUZZ_REQUESTS, workers: WORKERS, timeoutMs: 10_000 }));
  await fuzzServer.stop();
  phase('fuzz');

  // 5. The package as a stranger installs it (npm pack builds in a private copy of the repository).
  const installed = await attempt('installed package', () => packageBench(ROOT, PACKAGE_WARM_RUNS));
  phase('installed package');

  // 6. The in-page emulator in a browser; last, with no server running, as vite's build is CPU-heavy.
  const browser = await attempt('in-browser boot', () => browserBoot(ROOT, BROWSER_RUNS));
  phase('in-browser boot');
  log(`done in ${round(Object.values(phases).reduce((a, b) => a + b, 0), 0)} s`);

  const firsts = cold.map((c) => c.firstSignupMs);
  const rows: Row[] = [
    row(`cold start, spawn -> first sign-up (median of ${COLD_RUNS})`, median(firsts), 'ms', { below: TARGET.coldStartMs }),
    row('cold start min / max', `${Math.min(...firsts)} / ${Math.max(...firsts)}`, 'ms'),
    row('cold start, spawn -> /health 200 (median)', median(cold.map((c) => c.healthMs)), 'ms'),
    ...packageRows(installed, PACKAGE_WARM_RUNS, TARGET),
    ...(failed(fuzz) ? [] : fuzzRows(fuzz)),
    row('server RSS idle after start', rssIdle === null ? 'n/a' : round(rssIdle), 'MB', { below: TARGET.rssMb }),
    row('server RSS after the load', rssAfterLoad === null ? 'n/a' : round(rssAfterLoad), 'MB', { below: TARGET.rssMb }),
    ...loadRows(loads10.signup),
    ...loadRows(loads10.password),
    ...loadRows(loads10.refresh, { above: TARGET.refreshRps }),
    ...loadRows(loads4.signup),
    ...loadRows(loads4.password),
    row(`reset() after ${RESET_USERS} users (median of ${RESET_REPETITIONS})`, reset.medianMs, 'ms', { below: TARGET.resetMs }),
    row('reset() p99', reset.p99Ms, 'ms'),
    row('reset() leaves no user (sign-in -> 400)', reset.verified ? 'yes' : 'NO', ''),
    ...suiteRows(suite, TARGET),
    ...browserRows(browser, BROWSER_RUNS, TARGET),
    ...explorerRows(explorer, EXPLORER_RUNS, TARGET),
  ];

  const info = machine();
  const loadAtEnd = round(loadavg()[0]!, 2);
  process.stdout.write(
    [
      '',
      `authlab bench, ${date}`,
      `server: ${launcher}, 127.0.0.1 loopback, ${WORKERS} workers, ${SECONDS} s per scenario`,
      `bcrypt cost: ${DEFAULT_COST} (default) unless labelled; it dominates signup and password grant`,
      `machine: ${info.cpus} x ${info.cpuModel}, ${info.totalMemoryMb} MB, ${info.os}, node ${info.node}`,
      `load average (1 min) at start / end: ${loadAtStart} / ${loadAtEnd}${Math.max(loadAtStart, loadAtEnd) > info.cpus ? ' (above the core count: other work competed, figures are noisy)' : ''}`,
      '',
      table(rows),
      '',
    ].join('\n'),
  );

  const allLoads = [...Object.values(loads10), ...Object.values(loads4), ...(failed(suite.verify) ? [] : [suite.verify.load])];
  const failures = [
    ...allLoads.filter((l) => l.non2xx > 0).map((l) => `${l.label}: ${l.non2xx} non-2xx ${JSON.stringify(l.statuses)}; e.g. ${l.errorSamples[0]}`),
    ...(reset.verified ? [] : [`reset: ${reset.verification}`]),
    ...suiteFailures(suite),
    ...(failed(browser) ? [browser.error] : []),
    ...(failed(explorer) ? [explorer.error] : []),
    ...(failed(installed) ? [installed.error] : []),
    ...(failed(fuzz) ? [fuzz.error] : fuzzFailures(fuzz)),
  ];
  for (const f of failures) process.stdout.write(`ERROR ${f}\n`);

  const path = writeResults(join(ROOT, 'bench-results'), {
    date,
    machine: { ...info, loadAverage1m: { start: loadAtStart, end: loadAtEnd } },
    settings: {
      seconds: SECONDS,
      workers: WORKERS,
      launcher,
      defaultBcryptCost: DEFAULT_COST,
      lowBcryptCost: LOW_COST,
      host: '127.0.0.1',
      mailSamples: MAIL_SAMPLES,
      verifyUsers: VERIFY_USERS,
      httpReset: { users: HTTP_RESET_USERS, repetitions: HTTP_RESET_REPETITIONS },
      fixtureRepetitions: FIXTURE_REPETITIONS,
      browserRuns: BROWSER_RUNS,
      explorerRuns: EXPLORER_RUNS,
    },
    targets: TARGET,
    coldStart: { runs: cold, medianMs: median(firsts), minMs: Math.min(...firsts), maxMs: Math.max(...firsts) },
    rssMb: { idleAfterStart: rssIdle === null ? null : round(rssIdle), afterLoad: rssAfterLoad === null ? null : round(rssAfterLoad) },
    throughput: { [`bcryptCost${DEFAULT_COST}`]: loads10, [`bcryptCost${LOW_COST}`]: loads4 },
    reset,
    mailLatency: suite.mail,
    verify: suite.verify,
    httpReset: suite.httpReset,
    fixtureSetup: { [`bcryptCost${DEFAULT_COST}`]: suite.fixtures[0], [`bcryptCost${LOW_COST}`]: suite.fixtures[1] },
    browserBoot: browser,
    explorerColdLoad: explorer,
    installedPackage: installed,
    fuzz,
    phaseSeconds: phases,
    table: rows,
    errors: failures,
  });
  process.stdout.write(`results: ${path}\n`);
  // Targets may MISS (that is information); wrong answers from the server fail the run.
  return failures.length > 0 ? 1 : 0;
}

// Whatever happens, stop the children and exit: a benchmark must never leave a server behind.
const WATCHDOG_MS = 10 * 60_000 + 10 * SECONDS * 1000; // generous: boots take ~10 s each today
setTimeout(() => {
  log(`watchdog: still running after ${WATCHDOG_MS / 1000} s, giving up`);
  void stopAll().finally(() => process.exit(2));
}, WATCHDOG_MS).unref();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    log(`${signal}: stopping`);
    void stopAll().finally(() => process.exit(130));
  });
}

main()
  .then(async (code) => {
    await stopAll();
    process.exit(code);
  })
  .catch(async (e: unknown) => {
    log(`failed: ${(e as Error)?.stack ?? String(e)}`);
    await stopAll();
    process.exit(1);
  });
