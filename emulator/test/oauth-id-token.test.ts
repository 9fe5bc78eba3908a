import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useEmulator, type TestServer } from './support/emulator.js';

const CALLBACK = 'http://127.0.0.1:8765/callback';

/** An id_token from the fake provider, as a native Google sign-in SDK would hand one to the app. */
async function idTokenFrom(t: TestServer, provider: string, email: string, nonce: string): Promise<string> {
  const authorize = new URL(`${t.url}/_/idp/${provider}/authorize`);
  for (const [k, v] of Object.entries({ response_type: 'code', client_id: `authlab-${provider}`, redirect_uri: CALLBACK, scope: 'openid email', login_hint: email, nonce })) {
    if (v) authorize.searchParams.set(k, v);
  }
  const back = await fetch(authorize, { redirect: 'manual' });
  const code = new URL(back.headers.get('location')!).searchParams.get('code')!;
  const res = await fetch(`${t.url}/_/idp/${provider}/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: CALLBACK, client_id: `authlab-${provider}`, client_secret: `authlab-${provider}-secret` }),
  });
  return ((await res.json()) as { id_token: string }).id_token;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

describe('POST /token?grant_type=id_token', () => {
  const t = useEmulator({ config: { externalGoogleEnabled: true } });

  it('signs in with an id_token whose nonce is the hash of the raw nonce (supabase-js signInWithIdToken)', async () => {
    const token = await idTokenFrom(t, 'google', 'nonce@example.com', sha256('raw-nonce'));
    const { data, error } = await t.client().auth.signInWithIdToken({ provider: 'google', token, nonce: 'raw-nonce' });
    expect(error).toBeNull();
    expect(data.user).toMatchObject({ email: 'nonce@example.com', app_metadata: { provider: 'google', providers: ['google'] } });
  });

  it('refuses a nonce mismatch, a missing nonce and a forged token with GoTrue\'s OAuth errors', async () => {
    const token = await idTokenFrom(t, 'google', 'nonce2@example.com', sha256('raw-nonce'));
    const grant = (body: unknown) => t.auth('/token?grant_type=id_token', { method: 'POST', json: body });
    const mismatch = await grant({ provider: 'google', id_token: token, nonce: 'other' });
    expect(mismatch.status).toBe(400);
    expect(await mismatch.json()).toEqual({ error: 'invalid nonce', error_description: 'Nonces mismatch' });
    const missing = await grant({ provider: 'google', id_token: token });
    expect(await missing.json()).toEqual({
      error: 'invalid request', error_description: 'Passed nonce and nonce in id_token should either both exist or not.',
    });
    const forged = await grant({ provider: 'google', id_token: `${token.slice(0, -4)}AAAA`, nonce: 'raw-nonce' });
    expect(await forged.json()).toEqual({ error: 'invalid request', error_description: 'Bad ID token' });
  });

  it('refuses a disabled provider and an unknown one', async () => {
    const token = await idTokenFrom(t, 'apple', 'a@example.com', '');
    const disabled = await t.auth('/token?grant_type=id_token', { method: 'POST', json: { provider: 'apple', id_token: token } });
    expect(await disabled.json()).toMatchObject({ error_code: 'provider_disabled' });
    const unknown = await t.auth('/token?grant_type=id_token', { method: 'POST', json: { provider: 'github', id_token: token } });
    expect(await unknown.json()).toMatchObject({ error_code: 'validation_failed', msg: 'Custom OIDC provider "github" not allowed' });
  });
});
