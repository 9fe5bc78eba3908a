import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnection } from './connection.js';
import { createInProcessEmulator } from './in-process-emulator.js';

/** Holds a port, as `npm start` on 54321 would. */
function occupyPort(): Promise<{ port: number; close: () => void }> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({ port, close: () => server.close() });
    });
  });
}

describe('the in-process emulator', () => {
  // port 0: never take 54321 from an emulator someone else is running
  const emulator = createInProcessEmulator({ env: { AUTHLAB_BCRYPT_COST: '4' }, preferredPort: 0 });
  let taken: { port: number; close: () => void };
  beforeAll(async () => {
    taken = await occupyPort();
  });
  afterAll(async () => {
    await emulator.stop();
    taken.close();
  });

  it('starts on a free port when the preferred one is taken, and answers like GoTrue', async () => {
    const busy = createInProcessEmulator({ preferredPort: taken.port });
    try {
      const status = await busy.start();
      expect(status.state).toBe('running');
      expect(status.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(status.url).not.toBe(`http://127.0.0.1:${taken.port}`);
      const health = await fetch(`${status.url}/auth/v1/health`, { headers: { apikey: busy.anonKey()! } });
      expect(health.status).toBe(200);
    } finally {
      expect((await busy.stop()).state).toBe('stopped');
    }
  });

  it('start and stop are idempotent and never overlap', async () => {
    const [first, second] = await Promise.all([emulator.start(), emulator.start()]);
    expect(first.url).toBe(second.url);
    const url = first.url!;
    await Promise.all([emulator.stop(), emulator.stop()]);
    await expect(fetch(`${url}/health`)).rejects.toThrow();
    expect(emulator.anonKey()).toBeNull();
  });
});

describe('the chosen connection', () => {
  const dir = mkdtempSync(join(tmpdir(), 'authlab-connection-'));
  const file = join(dir, 'connection.json');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Nothing boots: these tests are about the choice, not the emulator. */
  const idleEmulator = { start: async () => stopped, stop: async () => stopped, settled: async () => stopped, anonKey: () => null };
  const stopped = { state: 'stopped' as const, url: null, error: null };

  it('remembers a project URL across restarts, in a private file', async () => {
    const connection = createConnection({ file, emulator: idleEmulator });
    const info = await connection.useUrl({ url: 'https://abcd.supabase.co/', anonKey: 'sb_publishable_x' });
    expect(info).toMatchObject({ target: 'custom', url: 'https://abcd.supabase.co', anonKey: 'sb_publishable_x' });
    expect(connection.customUrl()).toBe('https://abcd.supabase.co');
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);

    const restarted = createConnection({ file, emulator: idleEmulator });
    await restarted.restore();
    expect(restarted.customUrl()).toBe('https://abcd.supabase.co');
  });

  it('falls back to the in-process emulator when the saved choice is unreadable', async () => {
    writeFileSync(file, '{"target":"custom","url":42}');
    const connection = createConnection({ file, emulator: idleEmulator });
    await connection.restore();
    expect(connection.customUrl()).toBeNull();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ url: 42 });
  });
});
