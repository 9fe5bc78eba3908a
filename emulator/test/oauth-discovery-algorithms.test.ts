import { afterEach, describe, expect, it } from 'vitest';
import { freePort, killStrayClis, runCli } from './support/cli.js';
import { useEmulator } from './support/emulator.js';

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
