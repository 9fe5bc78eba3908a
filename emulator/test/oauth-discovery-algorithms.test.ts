import { decodeJwt } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, killStrayClis, runCli } from './support/cli.js';
import { useEmulator } from './support/emulator.js';
import { approvedCode, CLIENT_REDIRECT, registerClient, signedInUser, tokenRequest } from './support/oauth-server.js';

const discovery = async (url: string) =>
  (await (await fetch(`${url}/auth/v1/.well-known/oauth-authorization-server`)).json()) as Record<string, unknown>;

describe('OAuth server discovery lists only id_token algorithms a client can verify', () => {
  const hs256 = useEmulator({ config: { oauthServerEnabled: true } });
  const es256 = useEmulator({ config: { oauthServerEnabled: true, signingKeys: 'supabase-cli' } });

  it('none with the HS256 secret alone, whose JWKS is empty', async () => {
    expect(await (await fetch(`${hs256.url}/auth/v1/.well-known/jwks.json`)).json()).toEqual({ keys: [] });
    expect((await discovery(hs256.url)).id_token_signing_alg_values_supported).toEqual([]);
  });

  it('the algorithm of the published key with an asymmetric signing key', async () => {
    const { keys } = (await (await fetch(`${es256.url}/auth/v1/.well-known/jwks.json`)).json()) as { keys: { alg: string }[] };
    expect(keys.map((k) => k.alg)).toEqual(['ES256']);
    expect((await discovery(es256.url)).id_token_signing_alg_values_supported).toEqual(['ES256']);
  });
});

describe('id_token claims, as GoTrue\'s GenerateIDToken sets them', () => {
  const t = useEmulator({ config: { oauthServerEnabled: true, signingKeys: 'generate' } });

  it('has client_id, a name that falls back to the email, phone_number_verified without a phone scope, and no at_hash', async () => {
    const client = await registerClient(t, { client_type: 'public' });
    const user = await signedInUser(t); // no name in user_metadata
    const { code, verifier } = await approvedCode(t, user.client, client.client_id, { scope: 'openid email profile' });
    const { body } = await tokenRequest(t, {
      grant_type: 'authorization_code', code, code_verifier: verifier, client_id: client.client_id, redirect_uri: CLIENT_REDIRECT,
    });
    const claims = decodeJwt(body.id_token as string);
    expect(claims).toMatchObject({ aud: client.client_id, client_id: client.client_id, name: user.email, email: user.email });
    expect(claims.phone_number_verified).toBe(false); // not omitempty in GoTrue, unlike phone_number
    expect(claims).not.toHaveProperty('phone_number');
    expect(claims).not.toHaveProperty('at_hash');
    expect(typeof claims.auth_time).toBe('number');
  });
});

describe('the CLI with the OAuth server on', () => {
  afterEach(killStrayClis);

  it('says at start-up that scope openid needs an asymmetric key', async () => {
    const run = runCli(['--port', String(await freePort())], { GOTRUE_OAUTH_SERVER_ENABLED: 'true' });
    await run.ready;
    expect(run.output()).toContain('issues no id_token (scope openid), as GoTrue; add an asymmetric key with --signing-keys or --generate-keys');
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
  });
});
