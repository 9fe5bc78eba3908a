import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { useEmulator } from './support/emulator.js';
import { approvedCode, authorize, CLIENT_REDIRECT, pkcePair, registerClient, signedInUser, tokenRequest } from './support/oauth-server.js';

const SITE = 'http://localhost:3000';

describe('OAuth server: authorization code with PKCE through the consent page', () => {
  const t = useEmulator({ config: { oauthServerEnabled: true, signingKeys: 'generate', siteUrl: SITE } });

  it('sends the person to the app\'s consent page, which reads the request with supabase-js', async () => {
    const client = await registerClient(t, { client_type: 'public', client_uri: 'https://partner.example' });
    const user = await signedInUser(t);
    const { challenge } = await pkcePair();
    const started = await authorize(t, {
      client_id: client.client_id, redirect_uri: CLIENT_REDIRECT, scope: 'openid email', state: 's1',
      code_challenge: challenge, code_challenge_method: 'S256',
    });
    expect(started.status).toBe(302);
    const consentPage = new URL(started.location);
    expect(`${consentPage.origin}${consentPage.pathname}`).toBe(`${SITE}/oauth/consent`);
    const authorizationId = consentPage.searchParams.get('authorization_id')!;
    expect(authorizationId).toMatch(/^[a-z2-7]{32}$/);

    const { data, error } = await user.client.auth.oauth.getAuthorizationDetails(authorizationId);
    expect(error).toBeNull();
    expect(data).toEqual({
      authorization_id: authorizationId,
      redirect_uri: CLIENT_REDIRECT,
      client: { id: client.client_id, name: 'Partner App', uri: 'https://partner.example' },
      user: { id: user.id, email: user.email },
      scope: 'openid email',
    });
  });

  it('exchanges the approved code for tokens, an id_token the JWKS verifies, and refreshes them', async () => {
    const client = await registerClient(t, { client_type: 'public' });
    const user = await signedInUser(t, { name: 'Ada Lovelace', avatar_url: 'https://img.example/ada.png' });
    const { code, verifier, redirect } = await approvedCode(t, user.client, client.client_id, {
      scope: 'openid email profile', nonce: 'n-0S6_WzA2Mj',
    });
    expect(new URL(redirect).searchParams.get('state')).toBe('xyz');

    const exchanged = await tokenRequest(t, {
      grant_type: 'authorization_code', code, code_verifier: verifier, client_id: client.client_id, redirect_uri: CLIENT_REDIRECT,
    });
    expect(exchanged.status).toBe(200);
    // a Go map on the wire: alphabetical, and no user object
    expect(Object.keys(exchanged.body)).toEqual(['access_token', 'expires_in', 'id_token', 'refresh_token', 'token_type']);
    expect(exchanged.body).toMatchObject({ token_type: 'bearer' });
    // the hour, less any second the clock (which follows real time) ticked over during the request
    expect(exchanged.body.expires_in).toBeGreaterThanOrEqual(3599);
    expect(exchanged.body.expires_in).toBeLessThanOrEqual(3600);

    const access = decodeJwt(exchanged.body.access_token as string);
    expect(access).toMatchObject({
      sub: user.id, aud: 'authenticated', role: 'authenticated', client_id: client.client_id, scope: 'openid email profile',
      amr: [{ method: 'oauth_provider/authorization_code' }],
    });
    expect(Object.keys(access).slice(-3)).toEqual(['is_anonymous', 'client_id', 'scope']);

    const issuer = `${t.url}/auth/v1`;
    const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as { jwks_uri: string };
    const { payload, protectedHeader } = await jwtVerify(exchanged.body.id_token as string, createRemoteJWKSet(new URL(discovery.jwks_uri)), {
      issuer, audience: client.client_id,
    });
    expect(protectedHeader.alg).toBe('ES256');
    expect(payload).toMatchObject({
      sub: user.id, nonce: 'n-0S6_WzA2Mj', email: user.email, email_verified: true, phone_number_verified: false,
      name: 'Ada Lovelace', picture: 'https://img.example/ada.png', client_id: client.client_id,
    });
    expect(payload.exp! - payload.iat!).toBe(3600);

    // the access token works on the project's own API, and on userinfo
    const info = await fetch(`${issuer}/oauth/userinfo`, { headers: { authorization: `Bearer ${exchanged.body.access_token}` } });
    const userinfo = await info.json();
    expect(Object.keys(userinfo)).toEqual([...Object.keys(userinfo)].sort());
    expect(userinfo).toMatchObject({ sub: user.id, email: user.email, email_verified: true, name: 'Ada Lovelace' });

    t.emulator.clock.advance(60);
    const refreshed = await tokenRequest(t, {
      grant_type: 'refresh_token', refresh_token: exchanged.body.refresh_token as string, client_id: client.client_id,
    });
    expect(refreshed.status).toBe(200);
    expect(Object.keys(refreshed.body)).toEqual(['access_token', 'expires_in', 'refresh_token', 'token_type']);
    expect(refreshed.body.refresh_token).not.toBe(exchanged.body.refresh_token);
    expect(decodeJwt(refreshed.body.access_token as string)).toMatchObject({ client_id: client.client_id, scope: 'openid email profile' });

    // the session belongs to the client: supabase-js's own refresh cannot take it over
    const hijack = await t.auth('/token?grant_type=refresh_token', { method: 'POST', json: { refresh_token: refreshed.body.refresh_token } });
    expect(hijack.status).toBe(400);
    expect(await hijack.json()).toEqual({ error: 'invalid_client', error_description: 'Client authentication required for OAuth session' });
  });

  it('remembers consent: the next request for the same scopes is approved without asking', async () => {
    const client = await registerClient(t, { client_type: 'public' });
    const user = await signedInUser(t);
    await approvedCode(t, user.client, client.client_id, { scope: 'email' });
    const { challenge } = await pkcePair();
    const again = await authorize(t, {
      client_id: client.client_id, redirect_uri: CLIENT_REDIRECT, scope: 'email', state: 'two', code_challenge: challenge, code_challenge_method: 'S256',
    });
    const id = new URL(again.location).searchParams.get('authorization_id')!;
    const { data } = await user.client.auth.oauth.getAuthorizationDetails(id);
    const redirect = new URL((data as { redirect_url: string }).redirect_url);
    expect(redirect.searchParams.get('code')).toMatch(/^[0-9a-f-]{36}$/);
    expect(redirect.searchParams.get('state')).toBe('two');

    const grants = await user.client.auth.oauth.listGrants();
    expect(grants.data).toEqual([{ client: { id: client.client_id, name: 'Partner App' }, scopes: ['email'], granted_at: expect.any(String) }]);
  });

  it('revoking a grant ends the client\'s sessions: its refresh token stops working', async () => {
    const client = await registerClient(t, { client_type: 'public' });
    const user = await signedInUser(t);
    const { code, verifier } = await approvedCode(t, user.client, client.client_id);
    const tokens = await tokenRequest(t, { grant_type: 'authorization_code', code, code_verifier: verifier, client_id: client.client_id });
    expect((await user.client.auth.oauth.revokeGrant({ clientId: client.client_id })).error).toBeNull();
    expect((await user.client.auth.oauth.listGrants()).data).toEqual([]);
    const refresh = await tokenRequest(t, { grant_type: 'refresh_token', refresh_token: tokens.body.refresh_token as string, client_id: client.client_id });
    expect(refresh.status).toBe(400);
    // the session's refresh tokens went with it (refresh_tokens.session_id cascades)
    expect(refresh.body).toMatchObject({ error_code: 'refresh_token_not_found' });
    const again = await user.client.auth.oauth.revokeGrant({ clientId: client.client_id });
    expect(again.error).toMatchObject({ status: 404, code: 'oauth_consent_not_found', message: 'No active grant found for this client' });
    // the person's own session is untouched
    expect((await user.client.auth.getUser()).error).toBeNull();
  });

  it('denying sends the client access_denied with its state, and the request is spent', async () => {
    const client = await registerClient(t, { client_type: 'public' });
    const user = await signedInUser(t);
    const { challenge } = await pkcePair();
    const started = await authorize(t, {
      client_id: client.client_id, redirect_uri: `${CLIENT_REDIRECT}?keep=1`, state: 'st', code_challenge: challenge, code_challenge_method: 'S256',
    });
    // a redirect URI is matched exactly: with a query it is another URI
    expect(started).toMatchObject({ status: 400, body: { code: 400, error_code: 'validation_failed', msg: 'invalid redirect_uri' } });
    const ok = await authorize(t, { client_id: client.client_id, redirect_uri: CLIENT_REDIRECT, state: 'st', code_challenge: challenge, code_challenge_method: 'S256' });
    const id = new URL(ok.location).searchParams.get('authorization_id')!;
    await user.client.auth.oauth.getAuthorizationDetails(id);
    const { data } = await user.client.auth.oauth.denyAuthorization(id);
    expect(data!.redirect_url).toBe(`${CLIENT_REDIRECT}?error=access_denied&error_description=User+denied+the+request&state=st`);
    const after = await user.client.auth.oauth.approveAuthorization(id);
    expect(after.error).toMatchObject({ status: 400, code: 'validation_failed', message: 'authorization request is no longer pending' });
  });

  it('hides a request from other users and refuses calls from origins redirects may not go to', async () => {
    const client = await registerClient(t, { client_type: 'public' });
    const owner = await signedInUser(t);
    const other = await signedInUser(t);
    const { challenge } = await pkcePair();
    const started = await authorize(t, { client_id: client.client_id, redirect_uri: CLIENT_REDIRECT, code_challenge: challenge, code_challenge_method: 'plain' });
    const id = new URL(started.location).searchParams.get('authorization_id')!;
    await owner.client.auth.oauth.getAuthorizationDetails(id);
    const stolen = await other.client.auth.oauth.getAuthorizationDetails(id);
    expect(stolen.error).toMatchObject({ status: 404, code: 'oauth_authorization_not_found', message: 'authorization not found' });

    const { data } = await owner.client.auth.getSession();
    const res = await t.auth(`/oauth/authorizations/${id}`, {
      headers: { authorization: `Bearer ${data.session!.access_token}`, origin: 'https://evil.example' },
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ code: 400, error_code: 'validation_failed', msg: 'unauthorized request origin' });
  });
});
