import type { SupabaseClient } from '@supabase/supabase-js';
import { describe, expect, it } from 'vitest';
import { uniqueEmail, useEmulator, type TestServer } from './support/emulator.js';

/** One user signed in on three "devices", each a supabase-js client with its own session. */
async function threeDevices(t: TestServer) {
  const email = uniqueEmail();
  await t.client().auth.signUp({ email, password: 'secret-123' });
  const devices: { client: SupabaseClient; refreshToken: string }[] = [];
  for (let i = 0; i < 3; i++) {
    const client = t.client();
    const { data } = await client.auth.signInWithPassword({ email, password: 'secret-123' });
    await client.auth.setSession(data.session!);
    devices.push({ client, refreshToken: data.session!.refresh_token });
  }
  return devices;
}

/** What the server thinks of a device: can it still read the user and refresh? */
async function alive(t: TestServer, device: { client: SupabaseClient; refreshToken: string }) {
  const res = await t.auth('/token?grant_type=refresh_token', { method: 'POST', json: { refresh_token: device.refreshToken } });
  return res.status === 200;
}

describe('signOut scopes seen from several sessions of one user', () => {
  const t = useEmulator();

  it('local ends only this session', async () => {
    const [a, b, c] = await threeDevices(t);
    expect((await a!.client.auth.signOut({ scope: 'local' })).error).toBeNull();
    expect([await alive(t, a!), await alive(t, b!), await alive(t, c!)]).toEqual([false, true, true]);
    expect((await a!.client.auth.getSession()).data.session).toBeNull();
  });

  it('others ends every session but this one', async () => {
    const [a, b, c] = await threeDevices(t);
    expect((await a!.client.auth.signOut({ scope: 'others' })).error).toBeNull();
    expect([await alive(t, a!), await alive(t, b!), await alive(t, c!)]).toEqual([true, false, false]);
    expect((await a!.client.auth.getSession()).data.session).not.toBeNull();
  });

  it('global (the default) ends them all', async () => {
    const [a, b, c] = await threeDevices(t);
    expect((await a!.client.auth.signOut()).error).toBeNull();
    expect([await alive(t, a!), await alive(t, b!), await alive(t, c!)]).toEqual([false, false, false]);
  });

  it('a signed-out access token is refused with session_not_found', async () => {
    const [a, b] = await threeDevices(t);
    const { data } = await b!.client.auth.getSession();
    await a!.client.auth.signOut();
    const res = await t.auth('/user', { headers: { authorization: `Bearer ${data.session!.access_token}` } });
    const sessionNotFound = { code: 403, error_code: 'session_not_found', msg: 'Session from session_id claim in JWT does not exist' };
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual(sessionNotFound);
    const logoutAgain = await t.auth('/logout', { method: 'POST', headers: { authorization: `Bearer ${data.session!.access_token}` } });
    expect(logoutAgain.status).toBe(403);
    expect(await logoutAgain.json()).toEqual(sessionNotFound);
  });

  it('answers 204 with no body, and 400 for an unknown scope', async () => {
    const [a] = await threeDevices(t);
    const token = (await a!.client.auth.getSession()).data.session!.access_token;
    const bad = await t.auth('/logout?scope=everyone', { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error_code: 'validation_failed', msg: 'Unsupported logout scope "everyone"' });
    const ok = await t.auth('/logout', { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(ok.status).toBe(204);
    expect(await ok.text()).toBe('');
  });
});
