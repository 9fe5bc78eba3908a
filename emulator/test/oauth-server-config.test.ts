import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../src/config.js';
import { loadSupabaseConfig } from '../src/supabase-config.js';
import { useEmulator } from './support/emulator.js';
import { approvedCode, authorize, CLIENT_REDIRECT, pkcePair, registerClient, signedInUser } from './support/oauth-server.js';

const fixture = (name: string) => join(dirname(fileURLToPath(import.meta.url)), 'fixtures', name);
const scratch: string[] = [];
afterAll(() => scratch.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function project(toml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'authlab-oauth-server-'));
  scratch.push(dir);
  mkdirSync(join(dir, 'supabase'));
  writeFileSync(join(dir, 'supabase', 'config.toml'), toml);
  return dir;
}

describe('[auth.oauth_server] in supabase/config.toml', () => {
  it('passes the three keys on when enabled, as the CLI does', () => {
    const { config, report } = loadSupabaseConfig(fixture('cli-testdata'), {
      AUTH_CALLBACK_URL: 'http://localhost:3000/cb', AZURE_CLIENT_ID: 'azure-client', AZURE_SECRET: 'azure-secret',
    });
    expect(config).toMatchObject({ oauthServerEnabled: true, oauthServerAuthorizationPath: '/oauth/consent', oauthServerAllowDynamicRegistration: true });
    expect(report.applied).toContain('auth.oauth_server.enabled -> GOTRUE_OAUTH_SERVER_ENABLED=true');
    expect(report.unsupported.join('\n')).not.toMatch(/oauth_server/);
  });

  it('passes nothing while disabled, and an empty path when enabled without one', () => {
    const off = loadSupabaseConfig(project('[auth.oauth_server]\nenabled = false\nallow_dynamic_registration = true\n'), {});
    expect(resolveConfig(off.config)).toMatchObject({ oauthServerEnabled: false, oauthServerAllowDynamicRegistration: false });
    const bare = loadSupabaseConfig(project('[auth.oauth_server]\nenabled = true\n'), {});
    expect(bare.config).toMatchObject({ oauthServerEnabled: true, oauthServerAuthorizationPath: '' });
  });
});

describe('OAuth server without a consent path', () => {
  const t = useEmulator({ config: { oauthServerEnabled: true, oauthServerAuthorizationPath: '' } });

  it('sends the client a server_error, as GoTrue does', async () => {
    const client = await registerClient(t, { client_type: 'public' });
    const { challenge } = await pkcePair();
    const res = await authorize(t, { client_id: client.client_id, redirect_uri: CLIENT_REDIRECT, code_challenge: challenge, code_challenge_method: 'S256' });
    expect(res.location).toBe(`${CLIENT_REDIRECT}?error=server_error&error_description=oauth+authorization+path+not+configured`);
  });
});

describe('OAuth server state and reset', () => {
  const t = useEmulator({ config: { oauthServerEnabled: true } });

  it('empties clients, requests and consents on reset', async () => {
    const client = await registerClient(t, { client_type: 'public' });
    const user = await signedInUser(t);
    await approvedCode(t, user.client, client.client_id);
    const count = async () =>
      (await t.emulator.db.query<{ n: number }>(
        `select (select count(*) from auth.oauth_clients) + (select count(*) from auth.oauth_authorizations)
           + (select count(*) from auth.oauth_consents) as n`,
      ))[0]!.n;
    expect(Number(await count())).toBe(3);
    await t.emulator.reset();
    expect(Number(await count())).toBe(0);
  });
});
