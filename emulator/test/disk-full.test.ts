import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@supabase/supabase-js';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startEmulator } from '../src/node.js';
import { freePort, killStrayClis, runCli, type CliRun } from './support/cli.js';

/**
 * A --data-dir on a small tmpfs, filled to the last byte by a ballast file: what a user sees when
 * the disk runs full under authlab. Needs root (mount); elsewhere the suite is skipped and says why.
 */
const ANON_KEY =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0';

const mountPoint = mkdtempSync(join(tmpdir(), 'authlab-disk-full-'));
const skipReason = mountTmpfs();

function mountTmpfs(): string | undefined {
  if (process.getuid?.() !== 0) return 'not root, so no tmpfs can be mounted';
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64m', 'tmpfs', mountPoint], { stdio: 'pipe' });
    return undefined;
  } catch (e) {
    return `mount -t tmpfs failed: ${(e as Error).message.split('\n')[0]}`;
  }
}

if (skipReason) console.warn(`disk-full.test.ts skipped: ${skipReason}`);

afterEach(killStrayClis);
afterAll(() => {
  killStrayClis();
  if (!skipReason) execFileSync('umount', ['-l', mountPoint]);
  rmSync(mountPoint, { recursive: true, force: true });
});

const dataDir = join(mountPoint, 'data');
const ballast = join(mountPoint, 'ballast');

/** Writes a file until the disk refuses another byte. */
function fillDisk() {
  const fd = openSync(ballast, 'w');
  const chunk = Buffer.alloc(64 * 1024, 1);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
  } finally {
    closeSync(fd);
  }
}

const client = (url: string) =>
  createClient(url, ANON_KEY, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: WebSocket as never },
  });

async function start(): Promise<{ run: CliRun; url: string }> {
  const port = await freePort();
  const run = runCli(['--port', String(port), '--inbox-port', '0', '--data-dir', dataDir], { AUTHLAB_BCRYPT_COST: '4' });
  await run.ready;
  return { run, url: `http://127.0.0.1:${port}` };
}

/** A raw request that must answer within 10 s (the bug: it never answered). */
const call = (url: string, path: string, init: RequestInit = {}) =>
  fetch(`${url}${path}`, {
    ...init,
    headers: { apikey: ANON_KEY, 'content-type': 'application/json', ...(init.headers as Record<string, string>) },
    signal: AbortSignal.timeout(10_000),
  });

const signUp = (url: string, email: string) =>
  call(url, '/auth/v1/signup', { method: 'POST', body: JSON.stringify({ email, password: 'secret-123' }) });

async function stopWithSigterm(run: CliRun) {
  const started = Date.now();
  run.child.kill('SIGTERM');
  expect(await run.exited).toBe(0);
  expect(Date.now() - started).toBeLessThan(10_000);
}

describe.skipIf(skipReason)(`a full disk under --data-dir${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  it('fails sign-ups with a 500 that says the disk is full, keeps answering reads and SIGTERM, and saves again once space returns', async () => {
    const { run, url } = await start();
    const supabase = client(url);
    const ada = await supabase.auth.signUp({ email: 'ada@example.com', password: 'secret-123' });
    expect(ada.error).toBeNull();
    const adaToken = ada.data.session!.access_token;

    fillDisk();

    const refused = await signUp(url, 'bob@example.com');
    expect(refused.status).toBe(500);
    const body = (await refused.json()) as { code: number; error_code: string; msg: string; error_id: string };
    expect(body).toMatchObject({ code: 500, error_code: 'unexpected_failure' });
    expect(body.msg).toContain(`the disk holding its data (${dataDir}) is full`);
    expect(body.error_id).toMatch(/^[0-9a-f-]{36}$/);
    // through supabase-js: a retryable 500 carrying the same message
    const viaClient = await client(url).auth.signUp({ email: 'bob@example.com', password: 'secret-123' });
    expect(viaClient.error?.status).toBe(500);
    expect(viaClient.error?.message).toContain('is full');

    // reads still answer
    expect((await call(url, '/health')).status).toBe(200);
    const user = await call(url, '/auth/v1/user', { headers: { authorization: `Bearer ${adaToken}` } });
    expect(user.status).toBe(200);
    expect(((await user.json()) as { email: string }).email).toBe('ada@example.com');
    // signing in writes a session, so it gets the same clear answer, at once
    const signIn = await call(url, '/auth/v1/token?grant_type=password', {
      method: 'POST',
      body: JSON.stringify({ email: 'ada@example.com', password: 'secret-123' }),
    });
    expect(signIn.status).toBe(500);
    expect(((await signIn.json()) as { msg: string }).msg).toContain('is full');

    rmSync(ballast);
    const bob = await signUp(url, 'bob@example.com');
    expect(bob.status).toBe(200);
    expect((await client(url).auth.signInWithPassword({ email: 'ada@example.com', password: 'secret-123' })).error).toBeNull();

    // and a full disk does not keep Ctrl-C / SIGTERM from stopping it
    fillDisk();
    expect((await signUp(url, 'carol@example.com')).status).toBe(500);
    await stopWithSigterm(run);
    rmSync(ballast);

    // everything acknowledged before is there after a restart
    const again = await start();
    for (const email of ['ada@example.com', 'bob@example.com']) {
      const { error } = await client(again.url).auth.signInWithPassword({ email, password: 'secret-123' });
      expect(error).toBeNull();
    }
    expect((await signUp(again.url, 'carol@example.com')).status).toBe(200);
    await stopWithSigterm(again.run);
  }, 90_000);

  it('answers at once with a 500 that says the disk is full after Postgres panics on it, and reopens the database with every saved user once space returns', async () => {
    // WAL that needs no table space: the next WAL segment cannot be created on the full disk, which
    // Postgres treats as a PANIC (the state that used to spin at 100% CPU and ignore SIGTERM)
    mkdirSync(join(mountPoint, 'panic'));
    const authlab = await startEmulator({ dataDir: join(mountPoint, 'panic'), env: { AUTHLAB_BCRYPT_COST: '4' } });
    try {
      expect((await signUp(authlab.url, 'ada@example.com')).status).toBe(200);
      fillDisk();
      let panic: Error | undefined;
      for (let i = 0; i < 200 && !panic; i++) {
        await authlab.db.query(`select pg_logical_emit_message(false, 'authlab-test', repeat('x', 200000))`).catch((e: Error) => (panic = e));
      }
      expect(panic?.message).toContain('is full');

      const refused = await signUp(authlab.url, 'bob@example.com');
      expect(refused.status).toBe(500);
      expect(((await refused.json()) as { msg: string }).msg).toContain('is full');
      expect((await call(authlab.url, '/health')).status).toBe(200);

      rmSync(ballast);
      expect((await signUp(authlab.url, 'bob@example.com')).status).toBe(200);
      const { error } = await client(authlab.url).auth.signInWithPassword({ email: 'ada@example.com', password: 'secret-123' });
      expect(error).toBeNull();
    } finally {
      rmSync(ballast, { force: true });
      await authlab.stop();
    }
  }, 90_000);
});
