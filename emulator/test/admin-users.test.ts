import { describe, expect, it } from 'vitest';
import { goTime } from '../src/go/json.js';
import { uniqueEmail, useEmulator, type TestServer } from './support/emulator.js';
import { pausableClock } from './support/pausable-clock.js';

const admin = (t: TestServer) => t.client(t.emulator.keys.serviceRole).auth.admin;

/** Raw request with the service role key, as a server-side script would send it. */
const asAdmin = (t: TestServer, path: string, init: RequestInit & { json?: unknown } = {}) =>
  t.auth(path, {
    ...init,
    headers: { apikey: t.emulator.keys.serviceRole, authorization: `Bearer ${t.emulator.keys.serviceRole}`, ...init.headers },
  });

async function confirmedUser(t: TestServer, email = uniqueEmail()) {
  const { data, error } = await admin(t).createUser({ email, password: 'secret-123', email_confirm: true });
  expect(error).toBeNull();
  return data.user!;
}

describe('admin: listing and reading users', () => {
  const t = useEmulator();

  it('listUsers pages newest first, with the total, next and last page supabase-js reads from the headers', async () => {
    const emails = [uniqueEmail('a'), uniqueEmail('b'), uniqueEmail('c')];
    for (const email of emails) {
      await confirmedUser(t, email);
      t.emulator.clock.advance(1);
    }
    const first = await admin(t).listUsers({ page: 1, perPage: 2 });
    expect(first.error).toBeNull();
    expect(first.data.users.map((u) => u.email)).toEqual([emails[2], emails[1]]);
    expect(first.data).toMatchObject({ total: 3, nextPage: 2, lastPage: 2, aud: 'authenticated' });

    const second = await admin(t).listUsers({ page: 2, perPage: 2 });
    expect(second.data.users.map((u) => u.email)).toEqual([emails[0]]);
    expect(second.data).toMatchObject({ total: 3, nextPage: null, lastPage: 2 });
  });

  it('answers X-Total-Count and a Link header built from the request, as GoTrue does', async () => {
    await confirmedUser(t);
    await confirmedUser(t);
    const res = await asAdmin(t, '/admin/users?per_page=1');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-total-count')).toBe('2');
    expect(res.headers.get('link')).toBe('</admin/users?page=2&per_page=1>; rel="next", </admin/users?page=2&per_page=1>; rel="last"');
    const body = await res.json();
    expect(body.aud).toBe('authenticated');
    // as GoTrue: the list is not eager-loaded
    expect(body.users[0].identities).toBeNull();

    const empty = await asAdmin(t, '/admin/users?filter=nobody-matches');
    expect(empty.headers.get('link')).toBe('</admin/users?filter=nobody-matches&page=0>; rel="last"');
    expect((await empty.json()).users).toEqual([]);
  });

  it('refuses bad pagination and sort parameters with validation_failed', async () => {
    const page = await asAdmin(t, '/admin/users?page=-1');
    expect(page.status).toBe(400);
    expect(await page.json()).toMatchObject({
      error_code: 'validation_failed',
      msg: 'Bad Pagination Parameters: strconv.ParseUint: parsing "-1": invalid syntax',
    });
    const sort = await asAdmin(t, '/admin/users?sort=email');
    expect(await sort.json()).toMatchObject({ error_code: 'validation_failed', msg: "Bad Sort Parameters: bad field for sort 'email'" });
  });

  it('getUserById returns the user with identities, or user_not_found', async () => {
    const user = await confirmedUser(t);
    const { data, error } = await admin(t).getUserById(user.id);
    expect(error).toBeNull();
    expect(data.user!.identities![0]).toMatchObject({ provider: 'email', identity_data: { email: user.email, sub: user.id } });

    const missing = await admin(t).getUserById('6d1f6c3e-0d5b-4b52-9a3a-0c6f3c0b7a11');
    expect(missing.error).toMatchObject({ status: 404, code: 'user_not_found', message: 'User not found' });
  });

  it('answers 404 validation_failed for an id that is not a UUID', async () => {
    const res = await asAdmin(t, '/admin/users/not-a-uuid');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ code: 404, error_code: 'validation_failed', msg: 'user_id must be an UUID' });
  });
});

describe('admin: who may call it', () => {
  const t = useEmulator();

  it('refuses the anon key and a signed-in user with 403 not_admin', async () => {
    const anon = await t.auth('/admin/users', { headers: { authorization: `Bearer ${t.emulator.keys.anon}` } });
    expect(anon.status).toBe(403);
    expect(await anon.json()).toEqual({ code: 403, error_code: 'not_admin', msg: 'User not allowed' });

    const { data } = await t.client().auth.signUp({ email: uniqueEmail(), password: 'secret-123' });
    const user = await t.auth('/admin/users', {
      method: 'POST',
      headers: { authorization: `Bearer ${data.session!.access_token}` },
      json: { email: uniqueEmail() },
    });
    expect(user.status).toBe(403);
    expect(await user.json()).toEqual({ code: 403, error_code: 'not_admin', msg: 'User not allowed' });
  });

  it('asks for a bearer token with 401 no_authorization', async () => {
    const res = await fetch(`${t.url}/admin/users`);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ code: 401, error_code: 'no_authorization', msg: 'This endpoint requires a valid Bearer token' });
  });

  it('lets the opaque secret key through the gateway as the service role', async () => {
    const res = await t.auth('/admin/users', { headers: { apikey: t.emulator.keys.secret } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ aud: 'authenticated', users: [] });
  });
});

/** A user whose role is an admin role signs in: their access token names a session. */
async function signedInAdmin(t: TestServer) {
  const email = uniqueEmail('admin');
  const user = await confirmedUser(t, email);
  expect((await admin(t).updateUserById(user.id, { role: 'service_role' })).error).toBeNull();
  const client = t.client();
  const { data, error } = await client.auth.signInWithPassword({ email, password: 'secret-123' });
  expect(error).toBeNull();
  const listUsers = () => t.auth('/admin/users', { headers: { authorization: `Bearer ${data.session!.access_token}` } });
  return { client, listUsers };
}

describe('admin: a signed-in admin user, as GoTrue since it checks their session', () => {
  const t = useEmulator({ config: { sessionsTimebox: 600 } }) // shorter than the JWT's hour;

  it('may call admin routes while the session lasts, not after signing out', async () => {
    const { client, listUsers } = await signedInAdmin(t);
    expect((await listUsers()).status).toBe(200);

    expect((await client.auth.signOut()).error).toBeNull();
    const after = await listUsers(); // the JWT itself is still unexpired and correctly signed
    expect(after.status).toBe(403);
    expect(await after.json()).toMatchObject({ error_code: 'session_not_found' });
  });

  it('is refused with session_expired once the session outlives the timebox', async () => {
    const { listUsers } = await signedInAdmin(t);
    t.emulator.clock.advance(601); // the access token itself is still valid
    const res = await listUsers();
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ code: 403, error_code: 'session_expired', msg: 'Session is no longer valid' });
    // the service-role key names no session and is not affected
    expect((await asAdmin(t, '/admin/users')).status).toBe(200);
  });
});

describe('admin: creating users', () => {
  const t = useEmulator();

  it('createUser with email_confirm makes a user who can sign in at once', async () => {
    const email = uniqueEmail();
    const { data, error } = await admin(t).createUser({
      email,
      password: 'secret-123',
      email_confirm: true,
      user_metadata: { name: 'Ada' },
      app_metadata: { plan: 'pro' },
    });
    expect(error).toBeNull();
    expect(data.user).toMatchObject({
      email,
      role: 'authenticated',
      app_metadata: { provider: 'email', providers: ['email'], plan: 'pro' },
      user_metadata: { name: 'Ada', email_verified: true },
    });
    expect(data.user!.email_confirmed_at).toBeTruthy();
    const signIn = await t.client().auth.signInWithPassword({ email, password: 'secret-123' });
    expect(signIn.error).toBeNull();
  });

  it('leaves the email unconfirmed without email_confirm, so sign-in says email_not_confirmed', async () => {
    const email = uniqueEmail();
    const { data } = await admin(t).createUser({ email, password: 'secret-123' });
    expect(data.user!.email_confirmed_at).toBeUndefined();
    const signIn = await t.client().auth.signInWithPassword({ email, password: 'secret-123' });
    expect(signIn.error).toMatchObject({ code: 'email_not_confirmed' });
  });

  it('creates phone users and users with a chosen id and role', async () => {
    const id = 'b3c1e0a4-52a2-4d8e-9a62-2f4b7c1d9e01';
    const { data, error } = await admin(t).createUser({ id, phone: '+15550100123', phone_confirm: true, role: 'editor' } as never);
    expect(error).toBeNull();
    expect(data.user).toMatchObject({ id, phone: '15550100123', role: 'editor', app_metadata: { provider: 'phone', providers: ['phone'] } });
    expect(data.user!.phone_confirmed_at).toBeTruthy();
  });

  it('refuses a taken email with email_exists and a request without email or phone', async () => {
    const user = await confirmedUser(t);
    const taken = await admin(t).createUser({ email: user.email!, password: 'secret-123' });
    expect(taken.error).toMatchObject({ status: 422, code: 'email_exists', message: 'A user with this email address has already been registered' });
    const empty = await admin(t).createUser({ password: 'secret-123' });
    expect(empty.error).toMatchObject({ status: 400, code: 'validation_failed', message: 'Cannot create a user without either an email or phone' });
  });

  it('accepts an existing bcrypt hash as the password', async () => {
    const email = uniqueEmail();
    const source = await confirmedUser(t);
    const [row] = await t.emulator.db.query<{ encrypted_password: string }>('select encrypted_password from auth.users where id = $1', [source.id]);
    await admin(t).createUser({ email, password_hash: row!.encrypted_password, email_confirm: true } as never);
    expect((await t.client().auth.signInWithPassword({ email, password: 'secret-123' })).error).toBeNull();
  });
});

describe('admin: updating users', () => {
  const clock = pausableClock();
  const t = useEmulator({ clock });

  it('bans a user for a Go duration: password sign-in and refresh are refused until it ends', async () => {
    const user = await confirmedUser(t);
    const { data: signedIn } = await t.client().auth.signInWithPassword({ email: user.email!, password: 'secret-123' });

    clock.pause(); // banned_until is exactly now + 24h, however slow the machine
    const { data, error } = await admin(t).updateUserById(user.id, { ban_duration: '24h' });
    expect(error).toBeNull();
    expect(data.user!.banned_until).toBe(goTime(new Date(clock.now().getTime() + 24 * 60 * 60 * 1000)));

    const signIn = await t.client().auth.signInWithPassword({ email: user.email!, password: 'secret-123' });
    expect(signIn.error).toMatchObject({ status: 400, code: 'user_banned', message: 'User is banned' });
    const refresh = await t.auth('/token?grant_type=refresh_token', { method: 'POST', json: { refresh_token: signedIn.session!.refresh_token } });
    expect(refresh.status).toBe(400);
    expect(await refresh.json()).toMatchObject({ error_code: 'user_banned', msg: 'Invalid Refresh Token: User Banned' });

    t.emulator.clock.advance(24 * 60 * 60 + 1);
    expect((await t.client().auth.signInWithPassword({ email: user.email!, password: 'secret-123' })).error).toBeNull();
  });

  it('lifts a ban with ban_duration none and refuses a malformed duration', async () => {
    const user = await confirmedUser(t);
    await admin(t).updateUserById(user.id, { ban_duration: '1h30m' });
    const { data } = await admin(t).updateUserById(user.id, { ban_duration: 'none' });
    expect(data.user!.banned_until).toBeUndefined();
    expect((await t.client().auth.signInWithPassword({ email: user.email!, password: 'secret-123' })).error).toBeNull();

    const bad = await admin(t).updateUserById(user.id, { ban_duration: '1d' });
    expect(bad.error).toMatchObject({
      status: 400,
      code: 'validation_failed',
      message: 'invalid format for ban duration: time: unknown unit "d" in duration "1d"',
    });
  });

  it('confirms an email and merges metadata, a null value deleting its key', async () => {
    const email = uniqueEmail();
    const { data: created } = await admin(t).createUser({ email, password: 'secret-123', user_metadata: { team: 'x', name: 'Ada' } });
    const { data, error } = await admin(t).updateUserById(created.user!.id, {
      email_confirm: true,
      user_metadata: { team: null, plan: 'pro' },
      app_metadata: { tier: 2 },
    });
    expect(error).toBeNull();
    expect(data.user!.email_confirmed_at).toBeTruthy();
    expect(data.user!.user_metadata).toEqual({ name: 'Ada', plan: 'pro', email_verified: true });
    expect(data.user!.app_metadata).toMatchObject({ provider: 'email', tier: 2 });
    expect((await t.client().auth.signInWithPassword({ email, password: 'secret-123' })).error).toBeNull();
  });

  it('sets a new password after the strength check and signs the user out everywhere', async () => {
    const user = await confirmedUser(t);
    const { data: signedIn } = await t.client().auth.signInWithPassword({ email: user.email!, password: 'secret-123' });

    const weak = await admin(t).updateUserById(user.id, { password: '123' });
    expect(weak.error).toMatchObject({ status: 422, code: 'weak_password' });

    expect((await admin(t).updateUserById(user.id, { password: 'new-secret-456' })).error).toBeNull();
    const refresh = await t.auth('/token?grant_type=refresh_token', { method: 'POST', json: { refresh_token: signedIn.session!.refresh_token } });
    expect(refresh.status).toBe(400);
    expect((await t.client().auth.signInWithPassword({ email: user.email!, password: 'new-secret-456' })).error).toBeNull();
  });

  it('changes role and email without a confirmation mail', async () => {
    const user = await confirmedUser(t);
    const next = uniqueEmail('next');
    const { data } = await admin(t).updateUserById(user.id, { email: next, role: 'editor' });
    expect(data.user).toMatchObject({ email: next, role: 'editor' });
    expect((await t.client().auth.signInWithPassword({ email: next, password: 'secret-123' })).error).toBeNull();
  });
});

describe('admin: deleting users and factors', () => {
  const t = useEmulator();

  it('deleteUser removes the user for good', async () => {
    const user = await confirmedUser(t);
    const { data, error } = await admin(t).deleteUser(user.id);
    expect(error).toBeNull();
    expect(data.user!.id).toBe(user.id);
    expect((await admin(t).getUserById(user.id)).error).toMatchObject({ status: 404, code: 'user_not_found' });
  });

  it('soft delete keeps the row with deleted_at, hides the address and frees it for a new account', async () => {
    const user = await confirmedUser(t);
    const { data: signedIn } = await t.client().auth.signInWithPassword({ email: user.email!, password: 'secret-123' });
    expect((await admin(t).deleteUser(user.id, true)).error).toBeNull();

    const { data } = await admin(t).getUserById(user.id);
    expect(data.user!.deleted_at).toBeTruthy();
    expect(data.user!.email).not.toBe(user.email);
    expect(data.user).toMatchObject({ user_metadata: {}, app_metadata: {} });
    expect(data.user!.identities![0]!.identity_data ?? {}).toEqual({});

    const signIn = await t.client().auth.signInWithPassword({ email: user.email!, password: 'secret-123' });
    expect(signIn.error).toMatchObject({ code: 'invalid_credentials' });
    const refresh = await t.auth('/token?grant_type=refresh_token', { method: 'POST', json: { refresh_token: signedIn.session!.refresh_token } });
    expect(refresh.status).toBe(400);
    expect((await admin(t).createUser({ email: user.email!, password: 'secret-123' })).error).toBeNull();
  });

  it('lists a user’s MFA factors and deletes one', async () => {
    const user = await confirmedUser(t);
    expect((await admin(t).mfa.listFactors({ userId: user.id })).data).toEqual({ factors: [] });

    const factorId = '0f4e2a8c-3b1d-4c6e-8a9f-1b2c3d4e5f60';
    const at = t.emulator.clock.now();
    await t.emulator.db.query(
      `insert into auth.mfa_factors (id, user_id, friendly_name, factor_type, status, created_at, updated_at)
       values ($1, $2, 'phone app', 'totp', 'verified', $3, $3)`,
      [factorId, user.id, at],
    );
    const { data } = await admin(t).mfa.listFactors({ userId: user.id });
    expect(data!.factors).toEqual([
      expect.objectContaining({ id: factorId, friendly_name: 'phone app', factor_type: 'totp', status: 'verified', last_challenged_at: null }),
    ]);
    // the deleted factor comes back as the body (supabase-js nests it one level deeper)
    const deleted = await asAdmin(t, `/admin/users/${user.id}/factors/${factorId}`, { method: 'DELETE' });
    expect(await deleted.json()).toEqual({
      id: factorId,
      created_at: goTime(at),
      updated_at: goTime(at),
      status: 'verified',
      friendly_name: 'phone app',
      factor_type: 'totp',
      phone: '',
      last_challenged_at: null,
    });
    const again = await admin(t).mfa.deleteFactor({ userId: user.id, id: factorId });
    expect(again.error).toMatchObject({ status: 404, code: 'mfa_factor_not_found', message: 'Factor not found' });
  });
});

describe('admin: audit log', () => {
  const t = useEmulator();

  it('records every admin write with the service role as actor, newest first', async () => {
    const user = await confirmedUser(t);
    t.emulator.clock.advance(1);
    await admin(t).updateUserById(user.id, { user_metadata: { plan: 'pro' } });
    t.emulator.clock.advance(1);
    await admin(t).deleteUser(user.id);

    const res = await asAdmin(t, '/admin/audit?per_page=10');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-total-count')).toBe('3');
    const entries = (await res.json()) as { id: string; payload: Record<string, unknown>; created_at: string; ip_address: string }[];
    expect(entries.map((e) => e.payload.action)).toEqual(['user_deleted', 'user_modified', 'user_signedup']);
    expect(entries[0]).toMatchObject({
      ip_address: '',
      payload: {
        actor_id: '00000000-0000-0000-0000-000000000000',
        actor_username: 'service_role',
        actor_via_sso: false,
        log_type: 'team',
        traits: { user_email: user.email, user_id: user.id, user_phone: '' },
      },
    });
    expect(entries[2]!.payload.traits).toMatchObject({ provider: 'email' });

    const filtered = await asAdmin(t, '/admin/audit?query=action:user_modified');
    expect(((await filtered.json()) as unknown[]).length).toBe(1);
    const badScope = await asAdmin(t, '/admin/audit?query=nope:x');
    expect(await badScope.json()).toMatchObject({ error_code: 'validation_failed', msg: 'Invalid query scope: nope:x' });
  });
});
