import { createClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startEmulator, type RunningEmulator } from '../src/node.js';
import { uniqueEmail } from './support/emulator.js';

/** Mailpit's /api/events WebSocket, as its web UI and tools use it: events as JSON text frames. */
async function connect(url: string) {
  const socket = new WebSocket(url);
  const events: { Type: string; Data: any }[] = [];
  const waiters: (() => void)[] = [];
  socket.on('message', (data) => {
    events.push(JSON.parse(String(data)));
    for (const wake of waiters.splice(0)) wake();
  });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  /** Waits for the next event of this type that arrived after `from` (an index into events). */
  const next = async (type: string, from = 0) => {
    for (;;) {
      const found = events.slice(from).find((e) => e.Type === type);
      if (found) return found;
      await Promise.race([new Promise<void>((wake) => waiters.push(wake)), new Promise((_, reject) => setTimeout(() => reject(new Error(`no ${type} event; got ${JSON.stringify(events)}`)), 5000))]);
    }
  };
  return { socket, events, next };
}

const client = (authlab: RunningEmulator) =>
  createClient(authlab.url, authlab.anonKey, { auth: { persistSession: false }, realtime: { transport: WebSocket as never } });

describe('inbox live events (Mailpit /api/events)', () => {
  let authlab: RunningEmulator;
  beforeAll(async () => {
    authlab = await startEmulator({ config: { bcryptCost: 4, mailerAutoconfirm: false } });
  });
  afterAll(() => authlab?.stop());

  it('pushes new, update, delete, truncate and stats as Mailpit does', async () => {
    const live = await connect(`${authlab.url.replace('http', 'ws')}/_/inbox/api/events`);
    try {
      // as Mailpit, a connection is greeted with the counts
      expect((await live.next('stats')).Data).toMatchObject({ Total: 0, Unread: 0, Version: expect.stringContaining('authlab') });
      const email = uniqueEmail();
      const supabase = client(authlab);
      let from = live.events.length;
      expect((await supabase.auth.signUp({ email, password: 'secret-123' })).error).toBeNull();

      const created = await live.next('new', from);
      expect(created.Data).toMatchObject({ Subject: 'Confirm Your Email', To: [{ Name: '', Address: email }], Read: false });
      // the summary is the one the list API gives
      const listed = await (await fetch(`${authlab.url}/_/inbox/api/v1/messages`)).json();
      expect(created.Data).toEqual(listed.messages[0]);
      expect((await live.next('stats', from)).Data).toMatchObject({ Total: 1, Unread: 1 });

      from = live.events.length;
      await fetch(`${authlab.url}/_/inbox/api/v1/messages`, { method: 'PUT', body: JSON.stringify({ IDs: [created.Data.ID], Read: true }) });
      expect((await live.next('update', from)).Data).toEqual({ ID: created.Data.ID, Read: true });
      expect((await live.next('stats', from)).Data).toMatchObject({ Total: 1, Unread: 0 });

      from = live.events.length;
      await fetch(`${authlab.url}/_/inbox/api/v1/messages`, { method: 'DELETE', body: JSON.stringify({ IDs: [created.Data.ID] }) });
      expect((await live.next('delete', from)).Data).toEqual({ ID: created.Data.ID });

      // two more mails, then everything deleted at once: one truncate
      await supabase.auth.signUp({ email: uniqueEmail(), password: 'secret-123' });
      await supabase.auth.signUp({ email: uniqueEmail(), password: 'secret-123' });
      await live.next('stats', live.events.length - 1);
      while (live.events.filter((e) => e.Type === 'new').length < 3) await live.next('new', live.events.length);
      from = live.events.length;
      await fetch(`${authlab.url}/_/inbox/api/v1/messages`, { method: 'DELETE' });
      expect((await live.next('truncate', from)).Data).toBeNull();
      expect(live.events.slice(from).some((e) => e.Type === 'delete')).toBe(false);
    } finally {
      live.socket.close();
    }
  });

  it('sees writes that did not come through a request, on its own tick', async () => {
    const live = await connect(`${authlab.url.replace('http', 'ws')}/_/inbox/api/events`);
    try {
      await client(authlab).auth.signUp({ email: uniqueEmail(), password: 'secret-123' });
      const created = await live.next('new');
      const from = live.events.length;
      await authlab.reset(); // straight to the database: no request pokes the watcher
      expect((await live.next('delete', from)).Data).toEqual({ ID: created.Data.ID });
      expect((await live.next('stats', from)).Data).toMatchObject({ Total: 0, Unread: 0 });
    } finally {
      live.socket.close();
    }
  });

  it('refuses a browser page of another origin, as Mailpit does by default (the events carry codes)', async () => {
    const url = `${authlab.url.replace('http', 'ws')}/_/inbox/api/events`;
    const status = (origin: string) =>
      new Promise<number | undefined>((resolve) => {
        const socket = new WebSocket(url, { origin });
        socket.once('unexpected-response', (_req, res) => resolve(res.statusCode)).once('open', () => {
          socket.close();
          resolve(undefined);
        });
      });
    expect(await status('http://evil.example')).toBe(403);
    expect(await status(authlab.url)).toBeUndefined(); // the inbox page's own origin connects
  });

  it('answers 404 to a WebSocket on another path', async () => {
    const socket = new WebSocket(`${authlab.url.replace('http', 'ws')}/_/inbox/api/nothing`);
    const status = await new Promise<number | undefined>((resolve) => socket.once('unexpected-response', (_req, res) => resolve(res.statusCode)).once('open', () => resolve(undefined)));
    expect(status).toBe(404);
  });
});

describe('inbox live events and shutdown', () => {
  it('stop() ends the open event streams instead of waiting for them', async () => {
    const authlab = await startEmulator({ config: { bcryptCost: 4 } });
    const live = await connect(`${authlab.url.replace('http', 'ws')}/_/inbox/api/events`);
    expect(live.socket.readyState).toBe(WebSocket.OPEN);
    const closed = new Promise((resolve) => live.socket.once('close', resolve));
    // stop() hung here before (Node's close() waits on upgraded sockets): a hang fails by name, not by the test's timeout
    const hung = new Promise<string>((resolve) => setTimeout(resolve, 5000, 'still waiting after 5 s').unref());
    expect(await Promise.race([authlab.stop().then(() => 'stopped'), hung])).toBe('stopped');
    await closed;
  });

  it('a start that fails is an error to await, not an unhandled rejection', async () => {
    await expect(startEmulator({ config: { jwtExp: -1 } })).rejects.toThrow(
      'authlab: invalid configuration:\n  - jwtExp (GOTRUE_JWT_EXP): Too small: expected number to be >=1; got -1',
    );
  });
});
