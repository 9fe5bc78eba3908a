import { describe, expect, it } from 'vitest';
import { softAuthenticator } from './support/soft-authenticator.js';
import { uniqueEmail, useEmulator, type TestServer } from './support/emulator.js';

const PASSWORD = 'secret-123';
const ORIGIN = 'http://localhost:3000';
const RP = { webauthnRpId: 'localhost', webauthnRpDisplayName: 'authlab', webauthnRpOrigins: [ORIGIN] };

const b64url = (text: string) => Buffer.from(text).toString('base64url');

async function signedIn(t: TestServer, email = uniqueEmail()) {
  const client = t.client();
  const { data, error } = await client.auth.signUp({ email, password: PASSWORD });
  if (error) throw error;
  await client.auth.setSession(data.session!);
  return { client, email, user: data.user!, token: data.session!.access_token };
}

/** A signed-in user who registered one passkey with a fresh soft authenticator. */
async function withPasskey(t: TestServer) {
  const signed = await signedIn(t);
  const authenticator = softAuthenticator();
  const { data: start, error } = await signed.client.auth.passkey.startRegistration();
  if (error) throw error;
  const credential = await authenticator.create(start!.options, ORIGIN);
  const { data: passkey, error: verifyError } = await signed.client.auth.passkey.verifyRegistration({
    challengeId: start!.challenge_id,
    credential: credential as never,
  });
  if (verifyError) throw verifyError;
  return { ...signed, authenticator, passkey: passkey!, credential };
}

describe('passkeys switched off (the default)', () => {
  const t = useEmulator();

  it('answers 404 passkey_disabled on every /passkeys route and reports passkeys_enabled false', async () => {
    const res = await t.auth('/passkeys/authentication/options', { method: 'POST', json: {} });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ code: 404, error_code: 'passkey_disabled', msg: 'Passkeys are disabled' });
    expect((await t.auth('/passkeys')).status).toBe(404);
    expect((await (await t.auth('/settings')).json()).passkeys_enabled).toBe(false);
  });
});

describe('passkeys', () => {
  const t = useEmulator({ config: { passkeyEnabled: true, ...RP } });

  it('reports passkeys_enabled in GET /settings', async () => {
    expect((await (await t.auth('/settings')).json()).passkeys_enabled).toBe(true);
  });

  it('registration options name the rp from config and the user by email, with the user id as text for the handle', async () => {
    const { client, email, user } = await signedIn(t);
    const before = t.emulator.clock.nowSeconds();
    const { data, error } = await client.auth.passkey.startRegistration();
    const after = t.emulator.clock.nowSeconds();
    expect(error).toBeNull();
    // the emulator clock follows real time: a second may tick over during the request
    expect(data!.expires_at).toBeGreaterThanOrEqual(before + 5 * 60);
    expect(data!.expires_at).toBeLessThanOrEqual(after + 5 * 60);
    expect(data!.challenge_id).toMatch(/^[0-9a-f-]{36}$/);
    const options = data!.options as unknown as Record<string, unknown>;
    expect(options).toEqual({
      rp: { name: 'authlab', id: 'localhost' },
      user: { name: email, displayName: email, id: b64url(user.id) },
      challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      pubKeyCredParams: [-7, -35, -36, -257, -258, -259, -37, -38, -39, -8].map((alg) => ({ type: 'public-key', alg })),
      timeout: 300000,
      authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
      attestation: 'none',
    });
  });

  it('registers a passkey, then excludes it from the next registration and lists it', async () => {
    const { client, passkey, credential } = await withPasskey(t);
    expect(passkey).toEqual({ id: expect.any(String), friendly_name: 'Passkey', created_at: expect.any(String) });
    const { data: next } = await client.auth.passkey.startRegistration();
    expect((next!.options as unknown as { excludeCredentials: unknown }).excludeCredentials).toEqual([{ type: 'public-key', id: credential.id }]);
    const { data: list } = await client.auth.passkey.list();
    expect(list).toEqual([{ id: passkey.id, friendly_name: 'Passkey', created_at: passkey.created_at }]);
  });

  it('signs in with the passkey through supabase-js: a session with amr passkey at aal1', async () => {
    const { authenticator, email, passkey } = await withPasskey(t);
    const client = t.client();
    const { data: start, error } = await client.auth.passkey.startAuthentication();
    expect(error).toBeNull();
    expect(start!.options).toEqual({
      challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), timeout: 300000, rpId: 'localhost', userVerification: 'preferred',
    });
    const assertion = await authenticator.get(start!.options as never, ORIGIN);
    const { data, error: verifyError } = await client.auth.passkey.verifyAuthentication({
      challengeId: start!.challenge_id,
      credential: assertion as never,
    });
    expect(verifyError).toBeNull();
    expect(data!.session!.user.email).toBe(email);
    const { data: aal } = await client.auth.mfa.getAuthenticatorAssuranceLevel();
    expect(aal!.currentLevel).toBe('aal1');
    expect(aal!.currentAuthenticationMethods.map((m) => (typeof m === 'string' ? m : m.method))).toEqual(['passkey']);
    const { data: list } = await client.auth.passkey.list();
    expect(list![0]).toMatchObject({ id: passkey.id, last_used_at: expect.any(String) });
  });

  it('refuses an assertion made for another origin, and the spent challenge cannot be retried', async () => {
    const { authenticator } = await withPasskey(t);
    const start = await (await t.auth('/passkeys/authentication/options', { method: 'POST', json: {} })).json();
    const verify = (credential: unknown) =>
      t.auth('/passkeys/authentication/verify', { method: 'POST', json: { challenge_id: start.challenge_id, credential } });
    const wrong = await verify(await authenticator.get(start.options, 'http://evil.test'));
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ error_code: 'webauthn_verification_failed', msg: 'Credential verification failed' });
    const again = await verify(await authenticator.get(start.options, ORIGIN));
    expect(await again.json()).toMatchObject({ code: 400, error_code: 'webauthn_challenge_not_found', msg: 'Challenge not found or already used' });
  });

  it('answers a credential whose id or user handle is not base64url with 400, not a crash', async () => {
    const { authenticator } = await withPasskey(t);
    for (const spoil of [(c: any) => ({ ...c, id: 'A', rawId: 'A' }), (c: any) => ({ ...c, response: { ...c.response, userHandle: 'A' } })]) {
      const start = await (await t.auth('/passkeys/authentication/options', { method: 'POST', json: {} })).json();
      const credential = spoil(await authenticator.get(start.options, ORIGIN));
      const res = await t.auth('/passkeys/authentication/verify', { method: 'POST', json: { challenge_id: start.challenge_id, credential } });
      expect(res.status).toBe(400);
    }
  });

  it('a challenge expires on the emulator clock after 5 minutes', async () => {
    const { authenticator } = await withPasskey(t);
    const start = await (await t.auth('/passkeys/authentication/options', { method: 'POST', json: {} })).json();
    t.emulator.clock.advance(5 * 60 + 1);
    const res = await t.auth('/passkeys/authentication/verify', {
      method: 'POST', json: { challenge_id: start.challenge_id, credential: await authenticator.get(start.options, ORIGIN) },
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error_code: 'webauthn_challenge_expired', msg: 'Challenge has expired' });
  });

  it('validates the verify body as GoTrue does', async () => {
    const verify = async (json: unknown) => (await t.auth('/passkeys/authentication/verify', { method: 'POST', json })).json();
    expect(await verify({})).toMatchObject({ code: 400, error_code: 'validation_failed', msg: 'challenge_id is required' });
    expect(await verify({ challenge_id: 'x' })).toMatchObject({ msg: 'credential is required' });
    expect(await verify({ challenge_id: 'x', credential: {} })).toMatchObject({ msg: 'challenge_id must be a valid UUID' });
    const start = await (await t.auth('/passkeys/authentication/options', { method: 'POST', json: {} })).json();
    expect(await verify({ challenge_id: start.challenge_id, credential: { id: 'abc' } })).toMatchObject({
      code: 400, error_code: 'webauthn_verification_failed', msg: 'Invalid credential response',
    });
  });

  it('renames and deletes passkeys; admins list and delete them too', async () => {
    const { client, user, passkey } = await withPasskey(t);
    const { data: renamed } = await client.auth.passkey.update({ passkeyId: passkey.id, friendlyName: 'Laptop' });
    expect(renamed).toMatchObject({ id: passkey.id, friendly_name: 'Laptop' });
    const admin = t.client(t.emulator.keys.serviceRole);
    const { data: listed } = await admin.auth.admin.passkey.listPasskeys({ userId: user.id });
    expect(listed).toEqual([expect.objectContaining({ id: passkey.id, friendly_name: 'Laptop' })]);
    expect((await admin.auth.admin.passkey.deletePasskey({ userId: user.id, passkeyId: passkey.id })).error).toBeNull();
    const { data: after } = await client.auth.passkey.list();
    expect(after).toEqual([]);
    const { error } = await client.auth.passkey.delete({ passkeyId: passkey.id });
    expect(error).toMatchObject({ status: 404, code: 'validation_failed', message: 'Passkey not found' });
  });

  it('GoTrue\'s 500 when the relying party has no origins', async () => {
    const { token } = await signedIn(t);
    const s = t.emulator.services.config;
    const origins = s.webauthnRpOrigins;
    s.webauthnRpOrigins = [];
    try {
      const res = await t.auth('/passkeys/registration/options', { method: 'POST', headers: { authorization: `Bearer ${token}` }, json: {} });
      expect(res.status).toBe(500);
      expect(await res.json()).toMatchObject({ error_code: 'unexpected_failure', msg: 'Failed to initialize WebAuthn' });
    } finally {
      s.webauthnRpOrigins = origins;
    }
  });
});
