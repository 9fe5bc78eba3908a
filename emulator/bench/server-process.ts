import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { DEFAULT_JWT_SECRET } from '../src/config.js';
import { createApiKeys } from '../src/tokens/api-keys.js';
import { hs256Keys } from '../src/tokens/jwt.js';
import { createClient } from './http-client.js';

/** The emulator CLI as a child process: what a user runs, measured from the outside. */

const HOST = '127.0.0.1';
const BOOT_TIMEOUT_MS = 120_000;
const POLL_MS = 10; // polling granularity bounds the error of the cold-start figure

/** Every child still running, so any exit path of the bench can stop them. */
const running = new Set<ChildProcess>();

// Last resort: whatever way the bench ends, no server outlives it.
process.on('exit', () => {
  for (const child of running) {
    killGroup(child.pid!, 'SIGKILL'); // a launcher's group (npx and the server behind it), if it has one
    child.kill('SIGKILL');
  }
});

/** How the CLI is launched: the built entry when there is one, else the TypeScript source via tsx. */
export function cliCommand(root: string): { args: string[]; label: string } {
  const bin = join(root, 'bin', 'authlab.js');
  // as bin/authlab.js decides; dist/ alone may hold only other builds (the msw page, the explorer)
  if (existsSync(bin) && existsSync(join(root, 'dist', 'emulator', 'cli.js'))) {
    return { args: [bin], label: `node bin/authlab.js (built)` };
  }
  // `--import tsx` keeps one process (the tsx CLI would fork another), so the pid we watch is the server.
  return { args: ['--import', 'tsx', join(root, 'emulator', 'src', 'cli.ts')], label: 'node --import tsx emulator/src/cli.ts (no build)' };
}

/** The keys the CLI prints with the default secret (the well-known demo keys); computed so we need not wait for stdout. */
export async function defaultKeys(): Promise<{ anon: string; serviceRole: string }> {
  return createApiKeys(hs256Keys(DEFAULT_JWT_SECRET));
}

/** A free loopback port. The OS may hand it out again before the child binds it; unlikely enough here. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, HOST, () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

/** Resident set size of a process in MB, from /proc (Linux); null elsewhere. */
export function rssMb(pid: number): number | null {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

export interface ServerProcess {
  pid: number;
  /** e.g. http://127.0.0.1:41234 (the control API and the inbox live under /_/) */
  origin: string;
  /** e.g. http://127.0.0.1:41234/auth/v1 */
  authUrl: string;
  anonKey: string;
  /** for /_/control, as a Bearer token */
  serviceRoleKey: string;
  /** spawn -> first 200 from /health */
  healthMs: number;
  /** spawn -> first successful sign-up: the cold-start figure */
  firstSignupMs: number;
  /** the CLI's own "ready in N ms", when it printed one */
  reportedReadyMs: number | null;
  stop(): Promise<void>;
}

/** Another way to start the CLI, e.g. `npx authlab` in an app that installed the tarball. */
export interface Launch {
  command: string;
  args: string[];
  cwd: string;
}

function killGroup(pid: number, signal: NodeJS.Signals) {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/** Waits until no process of the group is left (the server behind npx exits after npx). */
async function groupGone(pid: number) {
  for (let waited = 0; waited < 10_000; waited += 50) {
    try {
      process.kill(-pid, 0);
    } catch {
      return;
    }
    await sleep(50);
  }
  killGroup(pid, 'SIGKILL');
}

/**
 * Starts the CLI and waits for the first successful sign-up. Settings come only from `env`, never
 * from the caller's GOTRUE_* / AUTHLAB_* variables, so the numbers are reproducible.
 */
export async function startServer(root: string, env: Record<string, string> = {}, launch?: Launch): Promise<ServerProcess> {
  const port = await freePort();
  const { command, args, cwd } = launch ?? { command: process.execPath, args: cliCommand(root).args, cwd: root };
  const cleanEnv = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(GOTRUE_|AUTHLAB_|API_EXTERNAL_URL$|PORT$)/.test(k)),
  );
  const { anon: anonKey, serviceRole: serviceRoleKey } = await defaultKeys();

  const started = performance.now();
  // --inbox-port 0: the inbox stays under /_/inbox, so no bench child takes Mailpit's port on a shared machine
  const child = spawn(command, [...args, '--port', String(port), '--host', HOST, '--inbox-port', '0'], {
    cwd,
    env: { ...cleanEnv, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // a launcher (npx) does not pass signals on to the server: the whole group is stopped instead
    detached: !!launch,
  });
  running.add(child);
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => running.delete(child));

  const signal = (name: NodeJS.Signals) => (launch ? killGroup(child.pid!, name) : child.kill(name));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    signal('SIGTERM');
    const killer = setTimeout(() => signal('SIGKILL'), 5_000);
    await exited;
    clearTimeout(killer);
    if (launch) await groupGone(child.pid!);
  };

  const origin = `http://${HOST}:${port}`;
  const authUrl = `${origin}/auth/v1`;
  // The CLI may accept connections before the database is up and hold requests until it is: allow a long wait.
  const client = createClient(authUrl, anonKey, { maxSockets: 1, timeoutMs: 30_000 });
  try {
    const alive = () => {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`the CLI exited (${child.exitCode ?? child.signalCode}) before serving:\n${output}`);
      }
      if (performance.now() - started > BOOT_TIMEOUT_MS) throw new Error(`the CLI did not serve within ${BOOT_TIMEOUT_MS} ms:\n${output}`);
    };
    while ((await client.get('/health')).status !== 200) {
      alive();
      await sleep(POLL_MS);
    }
    const healthMs = performance.now() - started;
    const email = `cold-${process.pid}-${Date.now()}@example.com`;
    for (;;) {
      const res = await client.post('/signup', { email, password: 'bench-password-1' });
      if (res.status === 200) break;
      alive();
      await sleep(POLL_MS);
    }
    const firstSignupMs = performance.now() - started;

    // The key we computed must be the one the server printed; otherwise every request would be 401.
    const printed = /anon key: (\S+)/.exec(output)?.[1];
    if (printed && printed !== anonKey) throw new Error('the CLI printed a different anon key than the default');
    const printedService = /service_role key: (\S+)/.exec(output)?.[1];
    if (printedService && printedService !== serviceRoleKey) throw new Error('the CLI printed a different service_role key than the default');
    const ready = /ready in (\d+) ms/.exec(output)?.[1];
    return { pid: child.pid!, origin, authUrl, anonKey, serviceRoleKey, healthMs, firstSignupMs, reportedReadyMs: ready ? Number(ready) : null, stop };
  } catch (e) {
    await stop();
    throw e;
  } finally {
    client.close();
  }
}

/** Stops every child still running (error paths). */
export async function stopAll(): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          killGroup(child.pid!, 'SIGTERM');
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
        }),
    ),
  );
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
