import { describe, expect, it } from 'vitest';
import { uniqueEmail, useEmulator, type TestServer } from './support/emulator.js';

const CALLBACK = 'http://localhost:3000/cb';

const admin = (t: TestServer, path: string, init: RequestInit & { json?: unknown } = {}) =>
  t.auth(path, { ...init, headers: { authorization: `Bearer ${t.emulator.keys.serviceRole}`, ...(init.headers as object) } });

async function signedUp(t: TestServer) {
  const res = await t.auth('/signup', { method: 'POST', json: { email: uniqueEmail(), password: 'secret-123' } });
  return (await res.json()) as { access_token: string; user: { id: string } };
}

describe('bad input gets a 4xx that says what is wrong, never a 5xx', () => {
  const t = useEmulator();

  it('refuses NUL in a sign-up\'s data with 400 bad_json and creates no user', async () => {
    const email = uniqueEmail();
    const res = await t.auth('/signup', { method: 'POST', json: { email, password: 'secret-123', data: { name: 'a\u0000b' } } });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      code: 400,
      error_code: 'bad_json',
      msg: 'Could not parse request body as JSON: strings may not contain the NUL character (\\u0000)',
    });
    expect(await t.emulator.db.query('select 1 from auth.users where email = $1', [email])).toHaveLength(0);
  });

  it('refuses NUL in a key of PUT /user data, admin app_metadata and a TOTP friendly name with 400 bad_json', async () => {
    const session = await signedUp(t);
    const bearer = { authorization: `Bearer ${session.access_token}` };
    const put = await t.auth('/user', { method: 'PUT', headers: bearer, json: { data: { 'k\u0000': 1 } } });
    expect(put.status).toBe(400);
    expect((await put.json()).error_code).toBe('bad_json');
    const meta = await admin(t, `/admin/users/${session.user.id}`, { method: 'PUT', json: { app_metadata: { plan: '\u0000' } } });
    expect(meta.status).toBe(400);
    expect((await meta.json()).error_code).toBe('bad_json');
    const factor = await t.auth('/factors', { method: 'POST', headers: bearer, json: { factor_type: 'totp', friendly_name: 'x\u0000' } });
    expect(factor.status).toBe(400);
    expect((await factor.json()).error_code).toBe('bad_json');
  });

  it('refuses JSON nested deeper than 512 levels with 400 bad_json', async () => {
    const res = await t.auth('/signup', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"email":"deep@example.com","password":"secret-123","data":{"a":${'['.repeat(600)}${']'.repeat(600)}}}`,
    });
    expect(res.status).toBe(400);
    expect((await res.json()).msg).toBe('Could not parse request body as JSON: nested deeper than 512 levels');
  });

  it('reads a lone surrogate in sign-up data as U+FFFD, as Go\'s decoder does', async () => {
    const res = await t.auth('/signup', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"email":"${uniqueEmail()}","password":"secret-123","data":{"name":"x\\ud800"}}`,
    });
    expect(res.status).toBe(200);
    expect((await res.json()).user.user_metadata.name).toBe('x\ufffd');
  });

  it('answers the consent form posted as JSON or broken multipart with a 400 page, not a crash', async () => {
    for (const [type, body] of [['application/json', '{"decision":"allow"}'], ['multipart/form-data; boundary=x', '--x\r\ngarbage']]) {
      const res = await fetch(`${t.url}/_/idp/github/authorize`, { method: 'POST', headers: { 'content-type': type! }, body });
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('The consent form must be sent as application/x-www-form-urlencoded or multipart/form-data.');
    }
  });

  it('answers the fake provider\'s token endpoint with 401 invalid_client for a Basic header that does not decode', async () => {
    for (const header of ['Basic !!!', `Basic ${btoa('authlab-github:%zz')}`, `Basic ${btoa('no-colon')}`]) {
      const res = await fetch(`${t.url}/_/idp/github/token`, {
        method: 'POST',
        headers: { authorization: header, 'content-type': 'application/x-www-form-urlencoded' },
        body: `grant_type=authorization_code&code=x&redirect_uri=${encodeURIComponent(CALLBACK)}`,
      });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: 'invalid_client', error_description: 'Client authentication failed' });
    }
  });

  it('answers inbox lookups of an id with NUL as not found, and a limit past int64 with the default page', async () => {
    for (const path of ['/api/v1/message/%00', '/api/v1/message/%00/raw', '/api/v1/message/%00/headers', '/api/v1/message/%00/auth', '/view/%00.html']) {
      const res = await fetch(`${t.url}/_/inbox${path}`);
      expect([path, res.status]).toEqual([path, 404]);
    }
    expect((await fetch(`${t.url}/_/inbox?id=%00`)).status).toBe(200);
    const list = await fetch(`${t.url}/_/inbox/api/v1/messages?limit=18446744073709551615`);
    expect(list.status).toBe(200);
    expect((await list.json()).messages).toEqual([]);
  });

  it('answers /admin/users and /admin/audit past the last page with an empty page, not "bigint out of range"', async () => {
    await signedUp(t);
    const users = await admin(t, '/admin/users?page=9999999999999&per_page=9999999');
    expect(users.status).toBe(200);
    expect((await users.json()).users).toEqual([]);
    const audit = await admin(t, '/admin/audit?page=9999999999999&per_page=9999999');
    expect(audit.status).toBe(200);
    expect(await audit.json()).toEqual([]);
  });

  it('answers a control import with a malformed row with 400 naming the table, and imports nothing', async () => {
    const session = await signedUp(t);
    const control = (method: string, body?: unknown) =>
      fetch(`${t.url}/_/control/state`, {
        method,
        headers: { authorization: `Bearer ${t.emulator.keys.serviceRole}`, 'content-type': 'application/json' },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    const state = (await (await control('GET')).json()) as { version: string; tables: Record<string, Record<string, unknown>[]> };
    const cases: [string, (s: typeof state) => void, string][] = [
      ['bad uuid', (s) => (s.tables['auth.users']![0]!.id = 'not-a-uuid'), 'a row of auth.users: invalid input syntax for type uuid'],
      ['bad time', (s) => (s.tables['auth.users']![0]!.created_at = 'yesterday-ish'), 'a row of auth.users'],
      ['missing foreign key', (s) => (s.tables['auth.identities']![0]!.user_id = '00000000-0000-4000-8000-000000000000'), 'a row of auth.identities'],
    ];
    for (const [name, spoil, message] of cases) {
      const copy = structuredClone(state);
      spoil(copy);
      const res = await control('PUT', copy);
      expect([name, res.status]).toEqual([name, 400]);
      const body = await res.json();
      expect(body.error_code).toBe('validation_failed');
      expect(body.msg).toContain(message);
      // all or nothing: the user from before is still there
      const user = await t.auth('/user', { headers: { authorization: `Bearer ${session.access_token}` } });
      expect(user.status).toBe(200);
    }
  });

  it('answers every loser of concurrent duplicate sign-ups with 422 user_already_exists', async () => {
    const email = uniqueEmail('race');
    const results = await Promise.all(
      Array.from({ length: 8 }, () => t.auth('/signup', { method: 'POST', json: { email, password: 'secret-123' } })),
    );
    const bodies = await Promise.all(results.map(async (r) => ({ status: r.status, body: await r.json() })));
    expect(bodies.filter((b) => b.status === 200)).toHaveLength(1);
    for (const b of bodies.filter((b) => b.status !== 200)) {
      expect(b).toEqual({ status: 422, body: { code: 422, error_code: 'user_already_exists', msg: 'User already registered' } });
    }
  });
});
