import * as oidc from 'openid-client';
import { describe, expect, it } from 'vitest';
import { useEmulator } from './support/emulator.js';

const CALLBACK = 'http://127.0.0.1:8765/callback';

describe('the fake identity provider, seen by an OpenID Connect client library', () => {
  const t = useEmulator();

  it('completes discovery, the code flow with PKCE, id_token validation and userinfo (openid-client)', async () => {
    const issuer = new URL(`${t.url}/_/idp/google`);
    const config = await oidc.discovery(issuer, 'authlab-google', { redirect_uris: [CALLBACK] }, oidc.ClientSecretBasic('authlab-google-secret'), {
      execute: [oidc.allowInsecureRequests],
    });
    expect(config.serverMetadata().issuer).toBe(issuer.href);

    const verifier = oidc.randomPKCECodeVerifier();
    const nonce = oidc.randomNonce();
    const state = oidc.randomState();
    const authUrl = oidc.buildAuthorizationUrl(config, {
      redirect_uri: CALLBACK, scope: 'openid email profile', code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256', nonce, state, login_hint: 'ada@example.com',
    });
    const toApp = await fetch(authUrl, { redirect: 'manual' });
    expect(toApp.status).toBe(302);

    const tokens = await oidc.authorizationCodeGrant(config, new URL(toApp.headers.get('location')!), {
      pkceCodeVerifier: verifier, expectedNonce: nonce, expectedState: state, idTokenExpected: true,
    });
    const claims = tokens.claims()!;
    expect(claims).toMatchObject({ iss: issuer.href, aud: 'authlab-google', email: 'ada@example.com', email_verified: true, name: 'Ada Lovelace', nonce });
    const info = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
    expect(info).toMatchObject({ sub: claims.sub, email: 'ada@example.com' });
  });

  it('refuses a wrong client secret and a wrong PKCE verifier', async () => {
    const start = await fetch(
      `${t.url}/_/idp/github/authorize?response_type=code&client_id=authlab-github&redirect_uri=${encodeURIComponent(CALLBACK)}` +
        `&code_challenge=${'a'.repeat(43)}&code_challenge_method=S256&login_hint=ada@example.com`,
      { redirect: 'manual' },
    );
    const code = new URL(start.headers.get('location')!).searchParams.get('code')!;
    const token = (secret: string, verifier: string) =>
      fetch(`${t.url}/_/idp/github/token`, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'authorization_code', code, redirect_uri: CALLBACK, client_id: 'authlab-github', client_secret: secret, code_verifier: verifier,
        }),
      });
    const badClient = await token('nope', 'x'.repeat(43));
    expect(badClient.status).toBe(401);
    expect(await badClient.json()).toMatchObject({ error: 'invalid_client' });
    const badVerifier = await token('authlab-github-secret', 'x'.repeat(43));
    expect(await badVerifier.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('forgets its codes and tokens on emulator.reset(), so a code from before a reset is refused after it', async () => {
    const start = () =>
      fetch(
        `${t.url}/_/idp/github/authorize?response_type=code&client_id=authlab-github&redirect_uri=${encodeURIComponent(CALLBACK)}` +
          '&login_hint=ada@example.com',
        { redirect: 'manual' },
      );
    const codeOf = async (res: Response) => new URL(res.headers.get('location')!).searchParams.get('code')!;
    const exchange = (body: Record<string, string>) =>
      fetch(`${t.url}/_/idp/github/token`, {
        method: 'POST', body: new URLSearchParams({ client_id: 'authlab-github', client_secret: 'authlab-github-secret', ...body }),
      });
    const userinfo = (accessToken: string) => fetch(`${t.url}/_/idp/github/userinfo`, { headers: { authorization: `Bearer ${accessToken}` } });

    const tokens = await (await exchange({ grant_type: 'authorization_code', code: await codeOf(await start()), redirect_uri: CALLBACK })).json();
    expect((await userinfo(tokens.access_token)).status).toBe(200);
    const pending = await codeOf(await start());

    await t.emulator.reset();
    const late = await exchange({ grant_type: 'authorization_code', code: pending, redirect_uri: CALLBACK });
    expect(late.status).toBe(400);
    expect(await late.json()).toMatchObject({ error: 'invalid_grant' });
    expect((await exchange({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token })).status).toBe(400);
    expect((await userinfo(tokens.access_token)).status).toBe(401);
    // a new code after the reset works as before
    expect((await exchange({ grant_type: 'authorization_code', code: await codeOf(await start()), redirect_uri: CALLBACK })).status).toBe(200);
  });

  it('forgets a pending code on POST /_/control/reset, as on emulator.reset()', async () => {
    const authorize = await fetch(
      `${t.url}/_/idp/github/authorize?response_type=code&client_id=authlab-github&redirect_uri=${encodeURIComponent(CALLBACK)}` +
        '&login_hint=alan@example.com',
      { redirect: 'manual' },
    );
    const code = new URL(authorize.headers.get('location')!).searchParams.get('code')!;
    const reset = await fetch(`${t.url}/_/control/reset`, { method: 'POST', headers: { authorization: `Bearer ${t.emulator.keys.serviceRole}` } });
    expect(reset.status).toBe(204);
    const late = await fetch(`${t.url}/_/idp/github/token`, {
      method: 'POST',
      body: new URLSearchParams({
        client_id: 'authlab-github', client_secret: 'authlab-github-secret', grant_type: 'authorization_code', code, redirect_uri: CALLBACK,
      }),
    });
    expect(late.status).toBe(400);
    expect(await late.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('shows an error page, not a redirect, for an unregistered redirect_uri', async () => {
    const res = await fetch(`${t.url}/_/idp/github/authorize?response_type=code&client_id=authlab-github&redirect_uri=https://evil.example/cb`, { redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('is not registered');
  });
});
