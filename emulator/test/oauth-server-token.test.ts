import { describe, expect, it } from 'vitest';
import { useEmulator, type TestServer } from './support/emulator.js';
import { approvedCode, authorize, basic, CLIENT_REDIRECT, pkcePair, registerClient, signedInUser, tokenRequest } from './support/oauth-server.js';

/** A confidential client (client_secret_basic, the default) with one approved code. */
async function confidentialSetup(t: TestServer, extra: Record<string, string> = {}) {
  const client = await registerClient(t);
  const user = await signedInUser(t);
  const approved = await approvedCode(t, user.client, client.client_id, extra);
  return { client: client as { client_id: string; client_secret: string }, ...approved };
}

describe('OAuth server: the token endpoint\'s checks', () => {
  const t = useEmulator({ config: { oauthServerEnabled: true, signingKeys: 'generate' } });

  it('authenticates a confidential client with HTTP Basic and refuses a wrong secret or the wrong method', async () => {
    const { client, code, verifier } = await confidentialSetup(t);
    const wrong = await tokenRequest(t, { grant_type: 'authorization_code', code, code_verifier: verifier }, basic(client.client_id, 'not-the-secret'));
    expect(wrong).toEqual({ status: 400, body: { code: 400, error_code: 'invalid_credentials', msg: 'invalid client credentials' } });
    const posted = await tokenRequest(t, {
      grant_type: 'authorization_code', code, code_verifier: verifier, client_id: client.client_id, client_secret: client.client_secret,
    });
    expect(posted.body.msg).toBe("invalid authentication method: client is registered for 'client_secret_basic' but 'client_secret_post' was used");
    const missing = await tokenRequest(t, { grant_type: 'authorization_code', code, code_verifier: verifier });
    expect(missing.body).toEqual({ code: 400, error_code: 'invalid_credentials', msg: 'Invalid client credentials: client_id is required' });

    const ok = await tokenRequest(t, { grant_type: 'authorization_code', code, code_verifier: verifier }, basic(client.client_id, client.client_secret));
    expect(ok.status).toBe(200);
    // scope email (the default) has no openid: no id_token
    expect(ok.body).not.toHaveProperty('id_token');
  });

  it('keeps the code after a wrong verifier, so the right one still works; a spent code is invalid', async () => {
    const { client, code, verifier } = await confidentialSetup(t);
    const auth = basic(client.client_id, client.client_secret);
    const wrong = await tokenRequest(t, { grant_type: 'authorization_code', code, code_verifier: 'x'.repeat(43) }, auth);
    expect(wrong).toEqual({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'PKCE verification failed: code challenge does not match previously saved code verifier' },
    });
    const none = await tokenRequest(t, { grant_type: 'authorization_code', code }, auth);
    expect(none.body.error_description).toBe('PKCE verification failed: code_verifier is required when PKCE challenge is present');
    expect((await tokenRequest(t, { grant_type: 'authorization_code', code, code_verifier: verifier }, auth)).status).toBe(200);
    const reused = await tokenRequest(t, { grant_type: 'authorization_code', code, code_verifier: verifier }, auth);
    expect(reused).toEqual({ status: 400, body: { error: 'invalid_grant', error_description: 'Invalid authorization code' } });
  });

  it('refuses a redirect_uri other than the code\'s, and a code of another client', async () => {
    const { client, code, verifier } = await confidentialSetup(t);
    const auth = basic(client.client_id, client.client_secret);
    const other = await tokenRequest(t, { grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: 'http://localhost:4000/other' }, auth);
    expect(other.body).toEqual({ error: 'invalid_grant', error_description: 'Invalid redirect_uri' });
    const thief = await registerClient(t, { client_type: 'public' });
    const stolen = await tokenRequest(t, { grant_type: 'authorization_code', code, code_verifier: verifier, client_id: thief.client_id });
    expect(stolen.body).toEqual({ error: 'invalid_grant', error_description: 'Authorization code was not issued for this client' });
  });

  it('lets a code expire with its request, on the emulator clock (10 minutes)', async () => {
    const { client, code, verifier } = await confidentialSetup(t);
    t.emulator.clock.advance(10 * 60 + 1);
    const late = await tokenRequest(t, { grant_type: 'authorization_code', code, code_verifier: verifier }, basic(client.client_id, client.client_secret));
    expect(late.body).toEqual({ error: 'invalid_grant', error_description: 'Authorization code has expired' });
  });

  it('answers grant_type problems in OAuth\'s error shape', async () => {
    const client = await registerClient(t, { client_type: 'public', grant_types: ['authorization_code'] });
    const noGrant = await tokenRequest(t, { client_id: client.client_id });
    expect(noGrant.body).toEqual({ error: 'invalid_request', error_description: 'grant_type is required' });
    const refresh = await tokenRequest(t, { grant_type: 'refresh_token', refresh_token: 'abc', client_id: client.client_id });
    expect(refresh.body).toEqual({ error: 'unsupported_grant_type', error_description: 'Client is not allowed to use grant type: refresh_token' });
    const json = await fetch(`${t.url}/auth/v1/oauth/token`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ grant_type: 'authorization_code', client_id: client.client_id }),
    });
    expect(await json.json()).toEqual({ error: 'invalid_request', error_description: 'code is required for authorization_code grant' });
  });

  it('refuses a session of supabase-js\'s own sign-in at /oauth/token', async () => {
    const client = await registerClient(t, { client_type: 'public' });
    const user = await signedInUser(t);
    const { data } = await user.client.auth.getSession();
    const res = await tokenRequest(t, { grant_type: 'refresh_token', refresh_token: data.session!.refresh_token, client_id: client.client_id });
    expect(res.body).toEqual({ error: 'invalid_client', error_description: 'Client authentication not allowed for non-OAuth session' });
  });

  it('sends request errors back to the client once client and redirect_uri are known good', async () => {
    const client = await registerClient(t, { client_type: 'public' });
    const noPkce = await authorize(t, { client_id: client.client_id, redirect_uri: CLIENT_REDIRECT, state: 'a b' });
    expect(noPkce.location).toBe(
      `${CLIENT_REDIRECT}?error=invalid_request&error_description=PKCE+flow+requires+both+code_challenge+and+code_challenge_method&state=a+b`,
    );
    const { challenge } = await pkcePair();
    const scope = await authorize(t, { client_id: client.client_id, redirect_uri: CLIENT_REDIRECT, scope: 'openid admin', code_challenge: challenge, code_challenge_method: 'S256' });
    expect(new URL(scope.location).searchParams.get('error_description')).toBe('unsupported scope: admin');
    const unknown = await authorize(t, { client_id: crypto.randomUUID(), redirect_uri: CLIENT_REDIRECT });
    expect(unknown).toMatchObject({ status: 400, body: { error_code: 'oauth_client_not_found', msg: 'invalid client_id' } });
    // a nonce longer than the table keeps: GoTrue's error redirect, not a 500
    const long = await authorize(t, {
      client_id: client.client_id, redirect_uri: CLIENT_REDIRECT, code_challenge: challenge, code_challenge_method: 'S256', nonce: 'n'.repeat(300),
    });
    expect(long.status).toBe(302);
    expect(new URL(long.location).searchParams.get('error')).toBe('server_error');
  });
});

describe('OAuth server: id_tokens need an asymmetric signing key', () => {
  const t = useEmulator({ config: { oauthServerEnabled: true } });

  it('fails the openid exchange with GoTrue\'s 500 when only the HS256 secret signs, after spending the code', async () => {
    const client = await registerClient(t, { client_type: 'public' });
    const user = await signedInUser(t);
    const { code, verifier } = await approvedCode(t, user.client, client.client_id, { scope: 'openid' });
    const res = await tokenRequest(t, { grant_type: 'authorization_code', code, code_verifier: verifier, client_id: client.client_id });
    expect(res.status).toBe(500);
    expect(res.body).toMatchObject({ code: 500, error_code: 'unexpected_failure', msg: 'Error generating ID token' });
    const again = await tokenRequest(t, { grant_type: 'authorization_code', code, code_verifier: verifier, client_id: client.client_id });
    expect(again.body).toEqual({ error: 'invalid_grant', error_description: 'Invalid authorization code' });
  });
});
