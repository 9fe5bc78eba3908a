import { describe, expect, it } from 'vitest';
import { uniqueEmail, useEmulator, type TestServer } from './support/emulator.js';

async function signedInClient(t: TestServer, email = uniqueEmail()) {
  const client = t.client();
  const { data } = await client.auth.signUp({ email, password: 'secret-123', options: { data: { name: 'Ada', team: 'x' } } });
  await client.auth.setSession(data.session!);
  return { client, email, session: data.session! };
}

describe('getUser and updateUser', () => {
  const t = useEmulator();

  it('getUser returns the signed-in user from the server', async () => {
    const { client, email } = await signedInClient(t);
    const { data, error } = await client.auth.getUser();
    expect(error).toBeNull();
    expect(data.user!.email).toBe(email);
    expect(data.user!.identities![0]!.identity_data).toMatchObject({ email, sub: data.user!.id });
  });

  it('updateUser merges metadata and deletes keys set to null', async () => {
    const { client } = await signedInClient(t);
    const { data, error } = await client.auth.updateUser({ data: { team: null, plan: 'pro' } });
    expect(error).toBeNull();
    expect(data.user!.user_metadata).toMatchObject({ name: 'Ada', plan: 'pro' });
    expect(data.user!.user_metadata).not.toHaveProperty('team');
  });

  it('changes the password, keeps this session and ends the others', async () => {
    const { client, email } = await signedInClient(t);
    const other = t.client();
    const { data: otherSignIn } = await other.auth.signInWithPassword({ email, password: 'secret-123' });
    await other.auth.setSession(otherSignIn.session!);

    const { error } = await client.auth.updateUser({ password: 'new-secret-456' });
    expect(error).toBeNull();
    expect((await client.auth.getUser()).error).toBeNull();
    const stale = await other.auth.getUser();
    expect(stale.error?.name).toBe('AuthSessionMissingError');

    const oldPassword = await t.client().auth.signInWithPassword({ email, password: 'secret-123' });
    expect(oldPassword.error?.code).toBe('invalid_credentials');
    const newPassword = await t.client().auth.signInWithPassword({ email, password: 'new-secret-456' });
    expect(newPassword.error).toBeNull();
  });

  it('refuses the same password with same_password', async () => {
    const { client } = await signedInClient(t);
    const { error } = await client.auth.updateUser({ password: 'secret-123' });
    expect(error).toMatchObject({ status: 422, code: 'same_password' });
  });

  it('refuses app_metadata from a user with not_admin', async () => {
    const { session } = await signedInClient(t);
    const res = await t.auth('/user', {
      method: 'PUT',
      headers: { authorization: `Bearer ${session.access_token}` },
      json: { app_metadata: { role: 'admin' } },
    });
    expect(res.status).toBe(403);
    expect((await res.json()).error_code).toBe('not_admin');
  });

  it('refuses an email already taken by someone else with email_exists', async () => {
    const taken = uniqueEmail();
    await signedInClient(t, taken);
    const { client } = await signedInClient(t);
    const { error } = await client.auth.updateUser({ email: taken });
    expect(error).toMatchObject({ status: 422, code: 'email_exists' });
  });

  it('records a requested email change as new_email', async () => {
    const { client } = await signedInClient(t);
    const next = uniqueEmail('next');
    const { data, error } = await client.auth.updateUser({ email: next });
    expect(error).toBeNull();
    expect(data.user!.new_email).toBe(next);
  });

  it('answers an expired access token with bad_jwt', async () => {
    const { session } = await signedInClient(t);
    t.emulator.clock.advance(3601);
    const res = await t.auth('/user', { headers: { authorization: `Bearer ${session.access_token}` } });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({
      code: 403,
      error_code: 'bad_jwt',
      msg: 'invalid JWT: unable to parse or verify signature, token has invalid claims: token is expired',
    });
  });

  it('answers a request without a user token with no_authorization or bad_jwt', async () => {
    const noBearer = await fetch(`${t.url}/auth/v1/user`, { headers: { apikey: t.emulator.keys.anon } });
    expect(noBearer.status).toBe(401);
    expect((await noBearer.json()).error_code).toBe('no_authorization');
    // the anon key is a valid JWT but names no user
    const anon = await t.auth('/user', { headers: { authorization: `Bearer ${t.emulator.keys.anon}` } });
    expect(anon.status).toBe(403);
    expect(await anon.json()).toMatchObject({ error_code: 'bad_jwt', msg: 'invalid claim: missing sub claim' });
  });
});
