import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { inboxEventsUpgrade } from '../src/adapters/inbox-events-ws.js';
import { listen } from '../src/adapters/node-server.js';
import { startEmulator, type RunningEmulator } from '../src/node.js';
import { uniqueEmail } from './support/emulator.js';

const EVIL = 'http://evil.example';
const FRIEND = 'http://127.0.0.1:5173';

/** A request as a browser page at `origin` sends it (fetch in Node lets a test set Origin). */
const fromPage = (url: string, origin: string, init: RequestInit = {}) =>
  fetch(url, { ...init, headers: { origin, ...init.headers } });

/** The preflight a browser sends before a DELETE, or a request with Authorization. */
const preflight = (url: string, origin: string, method: string) =>
  fetch(url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': 'authorization,content-type' } });

async function mailOtp(authlab: RunningEmulator) {
  const email = uniqueEmail();
  const res = await fetch(`${authlab.url}/auth/v1/otp`, {
    method: 'POST',
    headers: { apikey: authlab.anonKey, 'content-type': 'application/json' },
    body: JSON.stringify({ email }),
  });
  expect(res.status).toBe(200);
  return email;
}

const mailCount = async (authlab: RunningEmulator) =>
  ((await (await fetch(`${authlab.url}/_/inbox/api/v1/messages`)).json()) as { total: number }).total;

const socketStatus = (url: string, origin: string) =>
  new Promise<number | undefined>((resolve) => {
    const socket = new WebSocket(url, { origin });
    socket.once('unexpected-response', (_req, res) => resolve(res.statusCode)).once('open', () => {
      socket.close();
      resolve(undefined);
    });
  });

describe('captured mail and the control API, by default', () => {
  let authlab: RunningEmulator;
  let mailpitPort: { url: string; close(): Promise<void> };
  beforeAll(async () => {
    authlab = await startEmulator({ config: { bcryptCost: 4 } });
    // Mailpit's own port, as the CLI serves it
    mailpitPort = await listen(authlab.inboxFetch, { port: 0, host: '127.0.0.1', upgrade: inboxEventsUpgrade(authlab.inboxEvents, ['/api/events']) });
  });
  afterAll(async () => {
    await mailpitPort.close();
    await authlab.stop();
  });

  it('gives a page of another origin no CORS answer for the inbox, on the main port or Mailpit’s', async () => {
    await mailOtp(authlab);
    for (const base of [`${authlab.url}/_/inbox`, mailpitPort.url]) {
      const res = await fromPage(`${base}/api/v1/message/latest/auth`, EVIL);
      expect(res.headers.get('access-control-allow-origin'), base).toBeNull();
      expect((await preflight(`${base}/api/v1/messages`, EVIL, 'DELETE')).headers.get('access-control-allow-origin'), base).toBeNull();
    }
  });

  it('refuses a write from a page of another origin, which needs no preflight to be sent', async () => {
    await mailOtp(authlab);
    const before = await mailCount(authlab);
    const res = await fromPage(`${authlab.url}/_/inbox/api/v1/messages`, EVIL, { method: 'DELETE' });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('AUTHLAB_INBOX_ALLOWED_ORIGINS');
    expect(await mailCount(authlab)).toBe(before);
  });

  it('serves the inbox to the server’s own pages and to tools that send no Origin', async () => {
    await mailOtp(authlab);
    const own = await fromPage(`${authlab.url}/_/inbox/api/v1/messages`, authlab.url);
    expect(own.status).toBe(200);
    expect(own.headers.get('access-control-allow-origin')).toBe(authlab.url);
    expect((await fetch(`${mailpitPort.url}/api/v1/message/latest`)).status).toBe(200);
    expect((await fromPage(`${authlab.url}/_/inbox/api/v1/messages`, authlab.url, { method: 'DELETE' })).status).toBe(200);
    expect(await mailCount(authlab)).toBe(0);
  });

  it('gives a page of another origin no CORS answer for the control API, and refuses its writes', async () => {
    const email = await mailOtp(authlab);
    const auth = { authorization: `Bearer ${authlab.serviceRoleKey}` };
    const state = await fromPage(`${authlab.url}/_/control/state`, EVIL, { headers: auth });
    expect(state.headers.get('access-control-allow-origin')).toBeNull();
    expect((await preflight(`${authlab.url}/_/control/state`, EVIL, 'GET')).headers.get('access-control-allow-origin')).toBeNull();
    expect((await preflight(`${authlab.url}/_/control/reset`, EVIL, 'POST')).headers.get('access-control-allow-origin')).toBeNull();

    const reset = await fromPage(`${authlab.url}/_/control/reset`, EVIL, { method: 'POST', headers: auth });
    expect(reset.status).toBe(403);
    expect(await reset.text()).toContain('AUTHLAB_CONTROL_ALLOWED_ORIGINS');
    const users = await authlab.db.query<{ email: string }>('select email from auth.users where email = $1', [email]);
    expect(users).toHaveLength(1);

    // the server's own pages and tools still reach it
    expect((await fromPage(`${authlab.url}/_/control/clock`, authlab.url, { headers: auth })).status).toBe(200);
    expect((await fetch(`${authlab.url}/_/control/clock`, { headers: auth })).status).toBe(200);
  });

  it('keeps GoTrue’s API open to every origin, as the Supabase gateway', async () => {
    const res = await preflight(`${authlab.url}/auth/v1/token`, EVIL, 'POST');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('refuses the live events to a page of another origin on Mailpit’s port too', async () => {
    expect(await socketStatus(`${authlab.url.replace('http', 'ws')}/_/inbox/api/events`, EVIL)).toBe(403);
    expect(await socketStatus(`${mailpitPort.url.replace('http', 'ws')}/api/events`, EVIL)).toBe(403);
    expect(await socketStatus(`${mailpitPort.url.replace('http', 'ws')}/api/events`, mailpitPort.url)).toBeUndefined();
  });
});

describe('captured mail and the control API, with origins allowed', () => {
  let authlab: RunningEmulator;
  beforeAll(async () => {
    authlab = await startEmulator({
      config: { bcryptCost: 4 },
      // as the CLI passes them: from the environment
      env: { AUTHLAB_INBOX_ALLOWED_ORIGINS: FRIEND, AUTHLAB_CONTROL_ALLOWED_ORIGINS: `${FRIEND}, http://localhost:3000` },
    });
  });
  afterAll(() => authlab.stop());

  it('answers CORS for the listed origin only', async () => {
    await mailOtp(authlab);
    const inbox = await fromPage(`${authlab.url}/_/inbox/api/v1/message/latest/auth`, FRIEND);
    expect(inbox.status).toBe(200);
    expect(inbox.headers.get('access-control-allow-origin')).toBe(FRIEND);
    expect(inbox.headers.get('vary')).toContain('Origin');
    expect((await preflight(`${authlab.url}/_/inbox/api/v1/messages`, FRIEND, 'DELETE')).headers.get('access-control-allow-methods')).toContain('DELETE');
    expect((await fromPage(`${authlab.url}/_/inbox/api/v1/messages`, EVIL)).headers.get('access-control-allow-origin')).toBeNull();

    const control = await preflight(`${authlab.url}/_/control/reset`, 'http://localhost:3000', 'POST');
    expect(control.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(control.headers.get('access-control-allow-headers')).toContain('authorization');
    const reset = await fromPage(`${authlab.url}/_/control/reset`, FRIEND, { method: 'POST', headers: { authorization: `Bearer ${authlab.serviceRoleKey}` } });
    expect(reset.status).toBe(204);
    expect(reset.headers.get('access-control-allow-origin')).toBe(FRIEND);
    expect(await mailCount(authlab)).toBe(0);
  });

  it('lets the listed origin listen to the live events', async () => {
    const url = `${authlab.url.replace('http', 'ws')}/_/inbox/api/events`;
    expect(await socketStatus(url, FRIEND)).toBeUndefined();
    expect(await socketStatus(url, EVIL)).toBe(403);
  });

  it('allows every origin with "*"', async () => {
    const open = await startEmulator({ config: { bcryptCost: 4, inboxAllowedOrigins: ['*'] } });
    try {
      const res = await fromPage(`${open.url}/_/inbox/api/v1/messages`, EVIL);
      expect(res.headers.get('access-control-allow-origin')).toBe(EVIL);
      // the control API keeps its own list
      expect((await preflight(`${open.url}/_/control/state`, EVIL, 'GET')).headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await open.stop();
    }
  });
});
