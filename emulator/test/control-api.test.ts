import { describe, expect, it } from 'vitest';
import { RESETTABLE_TABLES } from '../src/db/migrations/index.js';
import { createEmulator } from '../src/index.js';
import { uniqueEmail, useEmulator, type TestServer } from './support/emulator.js';
import { codeIn, latestMail } from './support/mail.js';

const control = (t: TestServer, path: string, init: RequestInit & { json?: unknown } = {}, key = t.emulator.keys.serviceRole) =>
  fetch(`${t.url}/_/control${path}`, {
    ...init,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...init.headers },
    body: init.json !== undefined ? JSON.stringify(init.json) : init.body,
  });

describe('the control API', () => {
  const t = useEmulator();

  it('is for the service role only', async () => {
    expect((await control(t, '/reset', { method: 'POST' }, t.emulator.keys.anon)).status).toBe(403);
    expect((await fetch(`${t.url}/_/control/reset`, { method: 'POST' })).status).toBe(401);
  });

  it('seeds users that can sign in at once', async () => {
    const email = uniqueEmail();
    const res = await control(t, '/seed', {
      method: 'POST',
      json: { users: [{ email, password: 'secret-123', user_metadata: { plan: 'pro' } }, { phone: '+15551112222', password: 'secret-123' }] },
    });
    expect(res.status).toBe(200);
    const { users } = await res.json();
    expect(users[0]).toMatchObject({ email, user_metadata: { plan: 'pro' }, app_metadata: { provider: 'email', providers: ['email'] } });
    expect(users[0].email_confirmed_at).toBeTruthy();
    const { error } = await t.client().auth.signInWithPassword({ email, password: 'secret-123' });
    expect(error).toBeNull();
  });

  it('answers a seed of an existing email with 422, not a crash', async () => {
    const email = uniqueEmail();
    await control(t, '/seed', { method: 'POST', json: { users: [{ email }] } });
    const res = await control(t, '/seed', { method: 'POST', json: { users: [{ email }] } });
    expect(res.status).toBe(422);
  });

  it('resets to empty, and to a named snapshot', async () => {
    const kept = uniqueEmail('kept');
    await control(t, '/seed', { method: 'POST', json: { users: [{ email: kept, password: 'secret-123' }] } });
    expect((await control(t, '/snapshots/one-user', { method: 'PUT' })).status).toBe(204);
    const extra = uniqueEmail('extra');
    await t.client().auth.signUp({ email: extra, password: 'secret-123' });

    expect((await control(t, '/reset?snapshot=one-user', { method: 'POST' })).status).toBe(204);
    expect((await t.client().auth.signInWithPassword({ email: kept, password: 'secret-123' })).error).toBeNull();
    expect((await t.client().auth.signInWithPassword({ email: extra, password: 'secret-123' })).error?.code).toBe('invalid_credentials');

    expect((await control(t, '/reset', { method: 'POST' })).status).toBe(204);
    expect((await t.client().auth.signInWithPassword({ email: kept, password: 'secret-123' })).error?.code).toBe('invalid_credentials');
  });

  it('leaves no row in any auth or authlab table after a reset, whatever a flow wrote', async () => {
    // a user with a session, a rotated refresh token, an MFA-less amr claim, an audit trail and a mail
    const email = uniqueEmail();
    const { data } = await t.client().auth.signUp({ email, password: 'secret-123' });
    await t.client().auth.refreshSession({ refresh_token: data.session!.refresh_token });
    await t.client().auth.resetPasswordForEmail(email);
    expect((await control(t, '/reset', { method: 'POST' })).status).toBe(204);

    // every table is listed for reset (and export), so a table added by a new feature is never left behind
    const tables = await t.emulator.db.query<{ name: string }>(
      `select table_schema || '.' || table_name as name from information_schema.tables
       where table_schema in ('auth', 'authlab') and table_type = 'BASE TABLE' and table_name <> 'schema_migrations'`,
    );
    expect(tables.map((r) => r.name).sort()).toEqual([...RESETTABLE_TABLES].sort());
    for (const { name } of tables) {
      const rows = await t.emulator.db.query<{ count: number }>(`select count(*)::int as count from ${name}`);
      expect(rows[0]?.count, name).toBe(0);
    }
  });

  it('exports the state and imports it into another emulator, sessions included', async () => {
    const email = uniqueEmail();
    const { data } = await t.client().auth.signUp({ email, password: 'secret-123' });
    const state = await (await control(t, '/state')).json();
    expect(state.tables['auth.users']).toHaveLength(1);

    const other = await createEmulator({ config: { bcryptCost: 4 } });
    try {
      const put = await other.fetch(
        new Request('http://x/_/control/state', {
          method: 'PUT',
          headers: { authorization: `Bearer ${other.keys.serviceRole}`, 'content-type': 'application/json' },
          body: JSON.stringify(state),
        }),
      );
      expect(put.status).toBe(204);
      const refreshed = await other.fetch(
        new Request('http://x/auth/v1/token?grant_type=refresh_token', {
          method: 'POST',
          headers: { apikey: other.keys.anon, 'content-type': 'application/json' },
          body: JSON.stringify({ refresh_token: data.session!.refresh_token }),
        }),
      );
      expect(refreshed.status).toBe(200);
      expect((await refreshed.json()).user.email).toBe(email);
    } finally {
      await other.close();
    }
  });

  it('moves the clock: access tokens and emailed codes expire without waiting', async () => {
    const email = uniqueEmail();
    const client = t.client();
    const { data } = await client.auth.signUp({ email, password: 'secret-123' });
    await client.auth.signInWithOtp({ email });
    const code = codeIn(await latestMail(t, email));

    const clock = await (await control(t, '/clock', { method: 'POST', json: { advance: 3601 } })).json();
    expect(clock.offset_seconds).toBeGreaterThanOrEqual(3600);
    const user = await t.auth('/user', { headers: { authorization: `Bearer ${data.session!.access_token}` } });
    expect((await user.json()).msg).toContain('token is expired');
    const { error } = await t.client().auth.verifyOtp({ email, token: code, type: 'email' });
    expect(error?.code).toBe('otp_expired');

    const restored = await (await control(t, '/clock', { method: 'DELETE' })).json();
    expect(Math.abs(restored.offset_seconds)).toBeLessThan(2);
  });
});

describe('the control API: setting the clock', () => {
  const t = useEmulator();

  it('sets the clock to a moment, which new rows and GET /clock then show, until DELETE /clock', async () => {
    const set = await control(t, '/clock', { method: 'POST', json: { set: '2030-01-01T00:00:00Z' } });
    expect(set.status).toBe(200);
    // the clock runs on from the moment it was set
    const read = await (await control(t, '/clock')).json();
    expect(Date.parse(read.now) - Date.parse('2030-01-01T00:00:00Z')).toBeGreaterThanOrEqual(0);
    expect(Date.parse(read.now) - Date.parse('2030-01-01T00:00:00Z')).toBeLessThan(5000);
    expect(read.offset_seconds).toBeGreaterThan(0);

    const { data } = await t.client().auth.signUp({ email: uniqueEmail(), password: 'secret-123' });
    expect(data.user!.created_at.startsWith('2030-01-01')).toBe(true);

    const bad = await control(t, '/clock', { method: 'POST', json: { set: 'tomorrow' } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error_code: 'validation_failed' });

    const restored = await (await control(t, '/clock', { method: 'DELETE' })).json();
    expect(Math.abs(restored.offset_seconds)).toBeLessThan(2);
  });
});

describe('the control API: reset and rate limits', () => {
  const t = useEmulator({ config: { rateLimitHeader: 'x-test-ip', rateLimitOtp: 1 } });

  it('empties the rate-limit buckets with the data', async () => {
    const recover = () => t.auth('/recover', { method: 'POST', json: { email: uniqueEmail() }, headers: { 'x-test-ip': '10.9.9.9' } });
    for (let i = 0; i < 30; i++) expect((await recover()).status).toBe(200);
    expect((await recover()).status).toBe(429);
    expect((await control(t, '/reset', { method: 'POST' })).status).toBe(204);
    expect((await recover()).status).toBe(200);
  });
});
