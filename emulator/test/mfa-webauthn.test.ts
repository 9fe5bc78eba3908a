import type { SupabaseClient } from '@supabase/supabase-js';
import { describe, expect, it } from 'vitest';
import { softAuthenticator } from './support/soft-authenticator.js';
import { uniqueEmail, useEmulator, type TestServer } from './support/emulator.js';
import { pausableClock } from './support/pausable-clock.js';

const PASSWORD = 'secret-123';
const ORIGIN = 'http://localhost:3000';
const RP = { webauthnRpId: 'localhost', webauthnRpDisplayName: 'authlab', webauthnRpOrigins: [ORIGIN] };
const ON = { mfaWebAuthnEnrollEnabled: true, mfaWebAuthnVerifyEnabled: true, ...RP };

const b64url = (text: string) => Buffer.from(text).toString('base64url');
const token = async (client: SupabaseClient) => (await client.auth.getSession()).data.session!.access_token;

async function signedIn(t: TestServer, email = uniqueEmail()) {
  const client = t.client();
  const { data, error } = await client.auth.signUp({ email, password: PASSWORD });
  if (error) throw error;
  await client.auth.setSession(data.session!);
  return { client, email, user: data.user! };
}

/** POST /factors/{id}/challenge as supabase-js's webauthn.challenge sends it (rpId, rpOrigins ignored by GoTrue). */
async function challenge(t: TestServer, client: SupabaseClient, factorId: string) {
  const res = await t.auth(`/factors/${factorId}/challenge`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await token(client)}` },
    json: { webauthn: { rpId: 'ignored.example', rpOrigins: ['http://ignored.example'] } },
  });
  return { status: res.status, body: await res.json() };
}

/** Verifies through supabase-js, which serializes the credential with its toJSON(), as a browser's. */
const verify = (client: SupabaseClient, factorId: string, challengeId: string, type: 'create' | 'request', json: unknown) =>
  client.auth.mfa.verify({ factorId, challengeId, webauthn: { type, credential_response: { toJSON: () => json } as never } } as never);

/** A user with a verified WebAuthn factor; the client's session is aal2. */
async function mfaUser(t: TestServer) {
  const signed = await signedIn(t);
  const authenticator = softAuthenticator();
  const { data: factor } = await signed.client.auth.mfa.enroll({ factorType: 'webauthn', friendlyName: 'Security key' } as never);
  const { body } = await challenge(t, signed.client, factor!.id);
  const credential = await authenticator.create(body.webauthn.credential_options.publicKey, ORIGIN);
  const { error } = await verify(signed.client, factor!.id, body.id, 'create', credential);
  if (error) throw error;
  return { ...signed, authenticator, factor: factor!, credential };
}

describe('WebAuthn factors switched off (the default)', () => {
  const t = useEmulator();

  it('refuses to enroll with mfa_webauthn_enroll_not_enabled', async () => {
    const { client } = await signedIn(t);
    const { error } = await client.auth.mfa.enroll({ factorType: 'webauthn' } as never);
    expect(error).toMatchObject({ status: 422, code: 'mfa_webauthn_enroll_not_enabled', message: 'MFA enroll is disabled for WebAuthn' });
  });
});

describe('WebAuthn multi-factor authentication', () => {
  const clock = pausableClock();
  const t = useEmulator({ config: { ...ON, passkeyEnabled: true }, clock });

  it('the first challenge is a registration with the configured rp, the user by email and an empty authenticatorSelection', async () => {
    const { client, email, user } = await signedIn(t);
    const { data: factor, error } = await client.auth.mfa.enroll({ factorType: 'webauthn', friendlyName: 'Key' } as never);
    expect(error).toBeNull();
    expect(factor).toEqual({ id: expect.any(String), type: 'webauthn', friendly_name: 'Key' });
    clock.pause(); // so the expiry is exact, however slow the machine
    const { status, body } = await challenge(t, client, factor!.id);
    expect(status).toBe(200);
    expect(body.expires_at).toBe(clock.nowSeconds() + 5 * 60);
    expect(body).toEqual({
      id: expect.any(String),
      type: 'webauthn',
      expires_at: body.expires_at,
      webauthn: {
        type: 'create',
        credential_options: {
          publicKey: {
            rp: { name: 'authlab', id: 'localhost' },
            user: { name: email, displayName: email, id: b64url(user.id) },
            challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
            pubKeyCredParams: expect.arrayContaining([{ type: 'public-key', alg: -7 }]),
            timeout: 300000,
            authenticatorSelection: {},
          },
        },
      },
    });
  });

  it('verifying the registration lifts the session to aal2 with mfa/webauthn and stores the authenticator', async () => {
    const { client, factor } = await mfaUser(t);
    const { data: aal } = await client.auth.mfa.getAuthenticatorAssuranceLevel();
    expect(aal).toMatchObject({ currentLevel: 'aal2', nextLevel: 'aal2' });
    expect(aal!.currentAuthenticationMethods.map((m) => (typeof m === 'string' ? m : m.method))).toEqual(['mfa/webauthn', 'password']);
    const { data } = await client.auth.mfa.listFactors();
    expect(data!.webauthn).toEqual([
      expect.objectContaining({
        id: factor.id,
        factor_type: 'webauthn',
        status: 'verified',
        web_authn_aaguid: '00000000-0000-0000-0000-000000000000',
        last_webauthn_challenge_data: expect.objectContaining({ type: 'create' }),
      }),
    ]);
  });

  it('later challenges are logins allowing the user\'s credentials, and verify from a fresh aal1 session', async () => {
    const { email, factor, authenticator, credential } = await mfaUser(t);
    const client = t.client();
    await client.auth.signInWithPassword({ email, password: PASSWORD });
    const { body } = await challenge(t, client, factor.id);
    expect(body.webauthn).toEqual({
      type: 'request',
      credential_options: {
        publicKey: {
          challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
          timeout: 300000,
          rpId: 'localhost',
          allowCredentials: [{ type: 'public-key', id: credential.id, transports: ['internal'] }],
        },
      },
    });
    const { error } = await verify(client, factor.id, body.id, 'request', await authenticator.get(body.webauthn.credential_options.publicKey, ORIGIN));
    expect(error).toBeNull();
    expect((await client.auth.mfa.getAuthenticatorAssuranceLevel()).data!.currentLevel).toBe('aal2');
  });

  it('an unverified factor verified by a login ("request") keeps the credential the assertion matched, as GoTrue saves it', async () => {
    const { client, factor, authenticator, credential } = await mfaUser(t);
    const { data: second } = await client.auth.mfa.enroll({ factorType: 'webauthn', friendlyName: 'Same key' } as never);
    const { body } = await challenge(t, client, second!.id);
    expect(body.webauthn.type).toBe('create');
    // the existing authenticator signs the registration challenge instead of making a new credential
    const options = { rpId: 'localhost', challenge: body.webauthn.credential_options.publicKey.challenge };
    const { error } = await verify(client, second!.id, body.id, 'request', await authenticator.get(options, ORIGIN));
    expect(error).toBeNull();

    const { data } = await client.auth.mfa.listFactors();
    expect(data!.webauthn.find((f) => f.id === second!.id)).toMatchObject({
      status: 'verified', web_authn_aaguid: '00000000-0000-0000-0000-000000000000', last_webauthn_challenge_data: expect.objectContaining({ type: 'request' }),
    });
    const [row] = await t.emulator.db.query<{ web_authn_credential: { id: string; authenticator: { signCount: number }; flags: object } }>(
      'select web_authn_credential from auth.mfa_factors where id = $1', [second!.id],
    );
    // ValidateLogin's copy: the same credential id, the sign count of this assertion, its flags
    expect(row!.web_authn_credential).toMatchObject({
      id: Buffer.from(credential.id, 'base64url').toString('base64'),
      authenticator: { signCount: 1, cloneWarning: false },
      flags: { userPresent: true, userVerified: true, backupEligible: false, backupState: false },
    });
    // both factors now hold that credential, so a login challenge allows it twice (User.WebAuthnCredentials)
    const next = await challenge(t, client, factor.id);
    expect(next.body.webauthn.credential_options.publicKey.allowCredentials.map((c: { id: string }) => c.id)).toEqual([credential.id, credential.id]);
  });

  it('a second factor\'s registration excludes the first one\'s credential, with GoTrue\'s usb/nfc transports', async () => {
    const { client, credential } = await mfaUser(t);
    const { data: second } = await client.auth.mfa.enroll({ factorType: 'webauthn', friendlyName: 'Backup key' } as never);
    const { body } = await challenge(t, client, second!.id);
    expect(body.webauthn.credential_options.publicKey.excludeCredentials).toEqual([
      { type: 'public-key', id: credential.id, transports: ['usb', 'nfc'] },
    ]);
  });

  it('an assertion from the wrong origin fails with GoTrue\'s 500, and the challenge stays usable', async () => {
    const { client, factor, authenticator } = await mfaUser(t);
    const { body } = await challenge(t, client, factor.id);
    const options = body.webauthn.credential_options.publicKey;
    const { error } = await verify(client, factor.id, body.id, 'request', await authenticator.get(options, 'http://evil.test'));
    // supabase-js sees a 500 as a retryable fetch error, as it would from GoTrue
    expect(error).toMatchObject({ name: 'AuthRetryableFetchError', status: 500, message: 'Failed to validate WebAuthn MFA response' });
    const retry = await verify(client, factor.id, body.id, 'request', await authenticator.get(options, ORIGIN));
    expect(retry.error).toBeNull();
  });

  it('a challenge expires after the MFA challenge expiry, on the emulator clock', async () => {
    const { client, factor, authenticator } = await mfaUser(t);
    const { body } = await challenge(t, client, factor.id);
    t.emulator.clock.advance(5 * 60 + 1);
    const { error } = await verify(client, factor.id, body.id, 'request', await authenticator.get(body.webauthn.credential_options.publicKey, ORIGIN));
    expect(error).toMatchObject({ status: 422, code: 'mfa_challenge_expired' });
  });

  it('checks the webauthn parameters of verify before the challenge', async () => {
    const { client, factor } = await mfaUser(t);
    const post = async (json: unknown) =>
      (await t.auth(`/factors/${factor.id}/verify`, { method: 'POST', headers: { authorization: `Bearer ${await token(client)}` }, json })).json();
    expect(await post({ challenge_id: factor.id })).toMatchObject({ code: 400, error_code: 'validation_failed', msg: 'WebAuthn config required' });
    expect(await post({ webauthn: { type: 'sign' } })).toMatchObject({ msg: 'WebAuthn type must be create or request' });
    expect(await post({ webauthn: { type: 'request' } })).toMatchObject({ msg: 'credential_response required' });
    const { body } = await challenge(t, client, factor.id);
    expect(await post({ challenge_id: body.id, webauthn: { type: 'request', credential_response: { id: 'x' } } })).toMatchObject({
      code: 400, error_code: 'validation_failed', msg: 'Invalid credential_response',
    });
  });

  it('passkey management needs aal2 once the user has a verified factor', async () => {
    const { email, client: aal2 } = await mfaUser(t);
    const client = t.client();
    await client.auth.signInWithPassword({ email, password: PASSWORD });
    const { error } = await client.auth.passkey.startRegistration();
    expect(error).toMatchObject({ status: 403, code: 'insufficient_aal', message: 'AAL2 session is required to manage passkeys when MFA is enabled' });
    expect((await aal2.auth.passkey.startRegistration()).error).toBeNull();
  });
});

describe('WebAuthn factors that can enroll but not verify', () => {
  const t = useEmulator({ config: { ...ON, mfaWebAuthnVerifyEnabled: false } });

  it('challenge says verify is off; verify answers with the enroll code, as GoTrue does', async () => {
    const { client } = await signedIn(t);
    const { data: factor } = await client.auth.mfa.enroll({ factorType: 'webauthn' } as never);
    const { status, body } = await challenge(t, client, factor!.id);
    expect(status).toBe(422);
    expect(body).toMatchObject({ error_code: 'mfa_webauthn_verify_not_enabled', msg: 'MFA verification is disabled for WebAuthn' });
    const res = await t.auth(`/factors/${factor!.id}/verify`, {
      method: 'POST', headers: { authorization: `Bearer ${await token(client)}` }, json: { challenge_id: factor!.id },
    });
    expect(await res.json()).toMatchObject({ code: 422, error_code: 'mfa_webauthn_enroll_not_enabled', msg: 'MFA verification is disabled for WebAuthn' });
  });
});
