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

  it('shows an error page, not a redirect, for an unregistered redirect_uri', async () => {
    const res = await fetch(`${t.url}/_/idp/github/authorize?response_type=code&client_id=authlab-github&redirect_uri=https://evil.example/cb`, { redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('is not registered');
  });
});
