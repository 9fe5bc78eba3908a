import { describe, expect, it } from 'vitest';
import { RESETTABLE_TABLES } from '../src/db/migrations/index.js';
import { createEmulator } from '../src/index.js';
import { uniqueEmail, useEmulator, type TestServer } from './support/emulator.js';
import { codeIn, latestMail } from './support/mail.js';
import { pausableClock } from './support/pausable-clock.js';

const control = (t: TestServer, path: string, init: RequestInit & { json?: unknown } = {}, key = t.emulator.keys.serviceRole) =>
  fetch(`${t.url}/_/control${path}`, {
    ...init,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...init.headers },
    body: init.json !== undefined ? JSON.stringify(init.json) : init.body,
  });

/** A /clock answer with the real time bracketing it: offset_seconds is reported against real time. */
async function timed(send: () => Promise<Response>) {
  const before = Date.now();
  const res = await send();
  const body = (await res.json()) as { now: string; offset_seconds: number };
  return { body, before, after: Date.now() };
}

/** offset_seconds is the clock's distance from real time at some instant while the request ran. */
function expectOffset({ body, before, after }: Awaited<ReturnType<typeof timed>>) {
  const now = Date.parse(body.now);
  expect(body.offset_seconds).toBeGreaterThanOrEqual(Math.round((now - after) / 1000));
  expect(body.offset_seconds).toBeLessThanOrEqual(Math.round((now - before) / 1000));
}

describe('the control API', () => {
  const clock = pausableClock();
  const t = useEmulator({ clock });

  it('is for the service role only', async () => {
    const anon = await control(t, '/reset', { method: 'POST' }, t.emulator.keys.anon);
    expect(anon.status).toBe(403);
    expect(await anon.json()).toEqual({ code: 403, error_code: 'not_admin', msg: 'User not allowed' });
    const keyless = await fetch(`${t.url}/_/control/reset`, { method: 'POST' });
    expect(keyless.status).toBe(401);
    expect(await keyless.json()).toEqual({ code: 401, error_code: 'no_authorization', msg: 'This endpoint requires a valid Bearer token' });
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

  it('answers a seed of a taken email or phone as POST /admin/users does, and seeds none of the batch', async () => {
    const email = uniqueEmail();
    await control(t, '/seed', { method: 'POST', json: { users: [{ email, phone: '+15553334444' }] } });
    const again = await control(t, '/seed', { method: 'POST', json: { users: [{ email: email.toUpperCase() }] } });
    expect(again.status).toBe(422);
    expect(await again.json()).toEqual({ code: 422, error_code: 'email_exists', msg: 'A user with this email address has already been registered' });
    const phone = await control(t, '/seed', { method: 'POST', json: { users: [{ phone: '+1 555 333 4444' }] } });
    expect(phone.status).toBe(422);
    expect(await phone.json()).toEqual({ code: 422, error_code: 'phone_exists', msg: 'Phone number already registered by another user' });
    // a repeat inside one seed is caught too, and the transaction keeps the first of the pair out
    const fresh = uniqueEmail();
    const twice = await control(t, '/seed', { method: 'POST', json: { users: [{ email: fresh }, { email: fresh }] } });
    expect(twice.status).toBe(422);
    expect((await twice.json()).error_code).toBe('email_exists');
    const state = (await (await control(t, '/state')).json()) as { tables: Record<string, { email?: string }[]> };
    expect(state.tables['auth.users']!.map((u) => u.email)).toEqual([email]);
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

    clock.pause(); // the answers below are then exact, however slow the machine
    const pausedAt = clock.now().getTime();
    const advanced = await timed(() => control(t, '/clock', { method: 'POST', json: { advance: 3601 } }));
    expect(advanced.body.now).toBe(new Date(pausedAt + 3601 * 1000).toISOString());
    expectOffset(advanced);
    const user = await t.auth('/user', { headers: { authorization: `Bearer ${data.session!.access_token}` } });
    expect((await user.json()).msg).toContain('token is expired');
    const { error } = await t.client().auth.verifyOtp({ email, token: code, type: 'email' });
    expect(error?.code).toBe('otp_expired');

    const restored = await timed(() => control(t, '/clock', { method: 'DELETE' }));
    expect(restored.body.now).toBe(new Date(pausedAt).toISOString());
    expectOffset(restored);
  });
});

describe('the control API: setting the clock', () => {
  const clock = pausableClock();
  const t = useEmulator({ clock });

  it('sets the clock to a moment, which new rows and GET /clock then show, until DELETE /clock', async () => {
    clock.pause(); // time stands still at the moment set, so every answer below is exact
    const pausedAt = clock.now().getTime();
    const set = await control(t, '/clock', { method: 'POST', json: { set: '2030-01-01T00:00:00Z' } });
    expect(set.status).toBe(200);
    const read = await timed(() => control(t, '/clock'));
    expect(read.body.now).toBe('2030-01-01T00:00:00.000Z');
    expectOffset(read);

    const { data } = await t.client().auth.signUp({ email: uniqueEmail(), password: 'secret-123' });
    expect(data.user!.created_at.startsWith('2030-01-01')).toBe(true);

    const bad = await control(t, '/clock', { method: 'POST', json: { set: 'tomorrow' } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error_code: 'validation_failed' });

    const restored = await timed(() => control(t, '/clock', { method: 'DELETE' }));
    expect(restored.body.now).toBe(new Date(pausedAt).toISOString());
    expectOffset(restored);
  });
});

describe('the control API: reset and rate limits', () => {
  const t = useEmulator({ config: { rateLimitHeader: 'x-test-ip', rateLimitOtp: 1 } });

  it('empties the rate-limit buckets with the data', async () => {
    const recover = () => t.auth('/recover', { method: 'POST', json: { email: uniqueEmail() }, headers: { 'x-test-ip': '10.9.9.9' } });
    for (let i = 0; i < 30; i++) expect((await recover()).status).toBe(200);
    const limited = await recover();
    expect(limited.status).toBe(429);
    // as GoTrue's IP limiter
    expect(await limited.json()).toEqual({ code: 429, error_code: 'over_request_rate_limit', msg: 'Request rate limit reached' });
    expect((await control(t, '/reset', { method: 'POST' })).status).toBe(204);
    expect((await recover()).status).toBe(200);
  });
});
