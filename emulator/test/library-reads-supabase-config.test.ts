import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@supabase/supabase-js';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createEmulator } from '../src/index.js';
import { loadSupabaseConfig, startEmulator } from '../src/node.js';

/**
 * createEmulator() and startEmulator() read the app's supabase/config.toml as the CLI does: the one
 * `workdir` names, else ./supabase/config.toml of the working directory; `config` beats it.
 */

const scratch: string[] = [];
afterAll(() => scratch.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function project(toml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'authlab-library-'));
  scratch.push(dir);
  mkdirSync(join(dir, 'supabase'));
  writeFileSync(join(dir, 'supabase', 'config.toml'), toml);
  return dir;
}

const APP = `
[auth]
site_url = "http://localhost:3000"
minimum_password_length = 10

[auth.email]
enable_confirmations = true

[auth.external.github]
enabled = true
client_id = "gh-client"
secret = "env(AUTHLAB_TEST_GITHUB_SECRET)"
`;

const signUp = (emulator: { fetch: (r: Request) => Promise<Response>; keys: { anon: string } }, password: string) =>
  emulator.fetch(
    new Request('http://127.0.0.1:54321/auth/v1/signup', {
      method: 'POST',
      headers: { apikey: emulator.keys.anon, 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'toml@example.com', password }),
    }),
  );

describe("the app's supabase/config.toml in a test suite", () => {
  it('startEmulator({ workdir }) applies it: supabase-js meets its password rule, confirmation mail and site URL', async () => {
    process.env.AUTHLAB_TEST_GITHUB_SECRET = 'from-the-shell';
    const authlab = await startEmulator({ workdir: project(APP), config: { bcryptCost: 4 } });
    try {
      const supabase = createClient(authlab.url, authlab.anonKey, {
        auth: { persistSession: false, autoRefreshToken: false },
        realtime: { transport: WebSocket as never },
      });
      const short = await supabase.auth.signUp({ email: 'toml@example.com', password: 'secret-12' });
      expect(short.error?.code).toBe('weak_password');
      const ok = await supabase.auth.signUp({ email: 'toml@example.com', password: 'secret-12345' });
      expect(ok.error).toBeNull();
      expect(ok.data.session).toBeNull(); // enable_confirmations = true
      const mail = (await authlab.inbox.latest('toml@example.com'))!;
      expect(mail.type).toBe('signup');
      // with no redirect_to, the link lands on the project's site URL
      expect((await authlab.inbox.follow(mail)).redirectTo).toMatch(/^http:\/\/localhost:3000\/?#access_token=/);
      // env(...) in config.toml resolved from the process environment, as the Supabase CLI does
      expect(authlab.config.externalGithubSecret).toBe('from-the-shell');
      expect(authlab.supabaseConfig?.report.applied).toContain('auth.minimum_password_length -> GOTRUE_PASSWORD_MIN_LENGTH=10');
    } finally {
      delete process.env.AUTHLAB_TEST_GITHUB_SECRET;
      await authlab.stop();
    }
  });

  it('createEmulator() reads ./supabase/config.toml of the working directory, and workdir: false does not', async () => {
    const cwd = process.cwd();
    process.chdir(project('[auth]\nminimum_password_length = 12\n'));
    try {
      const found = await createEmulator({ config: { bcryptCost: 4 } });
      const ignored = await createEmulator({ config: { bcryptCost: 4 }, workdir: false });
      try {
        const refused = await signUp(found, 'eleven-char');
        expect(refused.status).toBe(422);
        expect((await refused.json()).error_code).toBe('weak_password');
        expect((await signUp(ignored, 'eleven-char')).status).toBe(200);
      } finally {
        await found.close();
        await ignored.close();
      }
    } finally {
      process.chdir(cwd);
    }
  });

  it('config and the env given beat config.toml, and GoTrue settings in the shell are not read unasked', async () => {
    process.env.GOTRUE_PASSWORD_MIN_LENGTH = '20';
    const dir = project(APP.replace('env(AUTHLAB_TEST_GITHUB_SECRET)', 'inline-secret'));
    try {
      const byConfig = await createEmulator({ workdir: dir, config: { bcryptCost: 4, passwordMinLength: 8 } });
      const byEnv = await createEmulator({ workdir: dir, env: { GOTRUE_PASSWORD_MIN_LENGTH: '9' }, config: { bcryptCost: 4 } });
      const byFile = await createEmulator({ workdir: dir, config: { bcryptCost: 4 } });
      try {
        expect(byConfig.config.passwordMinLength).toBe(8);
        expect(byEnv.config.passwordMinLength).toBe(9);
        expect(byFile.config.passwordMinLength).toBe(10); // not the shell's 20
        expect((await signUp(byConfig, 'eight-ch')).status).toBe(200);
      } finally {
        await Promise.all([byConfig.close(), byEnv.close(), byFile.close()]);
      }
    } finally {
      delete process.env.GOTRUE_PASSWORD_MIN_LENGTH;
    }
  });

  it('the loader is exported from authlab/node and names what it applied and what it does not know', () => {
    const read = loadSupabaseConfig(project('[auth]\njwt_expiry = 600\nsite_urll = "x"\n'), {});
    expect(read.config.jwtExp).toBe(600);
    expect(read.report.applied).toContain('auth.jwt_expiry -> GOTRUE_JWT_EXP=600');
    expect(read.report.unknown.join('\n')).toContain('site_urll');
  });
});
