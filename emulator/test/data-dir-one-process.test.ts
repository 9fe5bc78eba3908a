import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@supabase/supabase-js';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { freePort, killStrayClis, runCli } from './support/cli.js';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'authlab-lock-test-'));
  dirs.push(dir);
  return dir;
};
afterEach(killStrayClis);
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const client = (url: string) =>
  createClient(url, 'unused-without-a-key-check', {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: WebSocket as never },
  });

describe('one process per --data-dir', () => {
  it('refuses a second process on a data directory in use, keeps every acknowledged write, and takes over after kill -9', async () => {
    const dataDir = tempDir();
    const [port1, port2, port3] = [await freePort(), await freePort(), await freePort()];
    const first = runCli(['--port', String(port1), '--data-dir', dataDir], { AUTHLAB_BCRYPT_COST: '4' });
    await first.ready;

    const second = runCli(['--port', String(port2), '--data-dir', dataDir]);
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain(`is in use by another authlab (pid ${first.child.pid}`);
    expect(second.output()).toContain('Stop that one first, or give this one another --data-dir');
    expect(second.output()).not.toMatch(/\n\s+at /); // no stack trace

    // the first keeps serving, and what it acknowledged survives a kill -9 and a restart
    const emails = Array.from({ length: 20 }, (_, i) => `kept-${i}@example.com`);
    for (const email of emails) expect((await client(`http://127.0.0.1:${port1}`).auth.signUp({ email, password: 'secret-123' })).error).toBeNull();
    first.child.kill('SIGKILL');
    await first.exited;
    expect(existsSync(join(dataDir, 'authlab.lock'))).toBe(true); // left behind by the killed process

    const third = runCli(['--port', String(port3), '--data-dir', dataDir]);
    await third.ready;
    for (const email of emails) {
      const { error } = await client(`http://127.0.0.1:${port3}`).auth.signInWithPassword({ email, password: 'secret-123' });
      expect(error).toBeNull();
    }
    third.child.kill('SIGTERM');
    expect(await third.exited).toBe(0);
    expect(existsSync(join(dataDir, 'authlab.lock'))).toBe(false); // a clean stop gives the directory back
  }, 90_000);

  it('says what is wrong with a data directory it cannot open, and what to do', async () => {
    const dataDir = tempDir();
    const run = runCli(['--port', String(await freePort()), '--data-dir', dataDir]);
    await run.ready;
    run.child.kill('SIGTERM');
    await run.exited;
    // damage it as a crash mid-write or a stray tool might
    rmSync(join(dataDir, 'global'), { recursive: true, force: true });
    const broken = runCli(['--port', String(await freePort()), '--data-dir', dataDir]);
    expect(await broken.exited).toBe(1);
    expect(broken.output()).toContain(`cannot open the data directory ${dataDir}`);
    expect(broken.output()).toContain(`Move it aside (mv ${dataDir} ${dataDir}.bad) to start empty`);
    expect(existsSync(join(dataDir, 'authlab.lock'))).toBe(false);
  }, 90_000);
});
