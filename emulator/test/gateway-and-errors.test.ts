import { GoTrueClient } from '@supabase/auth-js';
import { describe, expect, it, vi } from 'vitest';
import { uniqueEmail, useEmulator } from './support/emulator.js';

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('AUTHLAB_REQUIRE_API_KEY=true, as a hosted project\'s gateway', () => {
  const t = useEmulator({ env: { AUTHLAB_REQUIRE_API_KEY: 'true' } });

  it('refuses a request without an apikey with 401 and a clear message', async () => {
    const res = await fetch(`${t.url}/auth/v1/settings`);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ message: 'No API key found in request', hint: 'No `apikey` request header or url param was found.' });
  });

  it('refuses an apikey that is not one of the project\'s keys', async () => {
    const forged = `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url({ role: 'anon' })}.c2lnbmF0dXJl`;
    for (const key of ['nonsense', forged, 'sb_publishable_wrong']) {
      const res = await fetch(`${t.url}/auth/v1/settings`, { headers: { apikey: key } });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ message: 'Invalid API key', hint: 'Double check your Supabase `anon` or `service_role` API key.' });
    }
  });

  it('still serves the project\'s keys, as a header or a query parameter', async () => {
    expect((await t.auth('/settings')).status).toBe(200);
    expect((await fetch(`${t.url}/auth/v1/health?apikey=${t.emulator.keys.publishable}`)).status).toBe(200);
  });
});

describe('the /auth/v1 gateway', () => {
  const t = useEmulator();

  it('accepts the apikey as a query parameter', async () => {
    const res = await fetch(`${t.url}/auth/v1/health?apikey=${t.emulator.keys.anon}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      version: 'v2.189.0',
      name: 'GoTrue',
      description: 'GoTrue is a user registration and authentication API',
    });
  });

  it('serves supabase-js clients created with the publishable key', async () => {
    const client = t.client(t.emulator.keys.publishable);
    const email = uniqueEmail();
    const { error } = await client.auth.signUp({ email, password: 'secret-123' });
    expect(error).toBeNull();
    expect((await client.auth.signInWithPassword({ email, password: 'secret-123' })).error).toBeNull();
  });

  it('serves bare GoTrue paths without the gateway, as GoTrue itself does', async () => {
    const res = await fetch(`${t.url}/settings`);
    expect(res.status).toBe(200);
    const settings = await res.json();
    expect(settings.external.email).toBe(true);
    expect(settings.mailer_autoconfirm).toBe(true);
  });

  it('answers a browser preflight for the headers supabase-js sends', async () => {
    const res = await fetch(`${t.url}/auth/v1/token?grant_type=password`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'apikey,authorization,content-type,x-client-info,x-supabase-api-version',
      },
    });
    expect(res.status).toBeLessThan(300);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-headers')).toContain('x-supabase-api-version');
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
  });

  it('lets browsers read the API version header that carries error codes', async () => {
    const res = await t.auth('/token?grant_type=password', {
      method: 'POST',
      headers: { origin: 'http://localhost:5173', 'x-supabase-api-version': '2024-01-01' },
      json: { email: uniqueEmail(), password: 'whatever-1' },
    });
    expect(res.headers.get('access-control-expose-headers')).toMatch(/X-Supabase-Api-Version/i);
    expect(res.headers.get('x-supabase-api-version')).toBe('2024-01-01');
    expect(res.headers.get('x-sb-error-code')).toBe('invalid_credentials');
    expect(await res.json()).toEqual({ code: 'invalid_credentials', message: 'Invalid login credentials' });
  });
});

describe('bad input', () => {
  const t = useEmulator();

  it('answers malformed JSON with 400 bad_json and writes nothing', async () => {
    const res = await t.auth('/signup', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"email": "a@b.co", ' });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error_code).toBe('bad_json');
    expect(body.msg).toMatch(/^Could not parse request body as JSON: /);
    expect(await t.emulator.db.query('select 1 from auth.users')).toHaveLength(0);
  });

  it('answers fields of the wrong type with bad_json naming the field', async () => {
    const res = await t.auth('/signup', { method: 'POST', json: { email: 42, password: 'secret-123' } });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error_code).toBe('bad_json');
    expect(body.msg).toContain('email');
  });

  it('refuses a body over 1 MiB with 413', async () => {
    const res = await t.auth('/signup', {
      method: 'POST',
      json: { email: uniqueEmail(), password: 'secret-123', data: { blob: 'x'.repeat(1024 * 1024) } },
    });
    expect(res.status).toBe(413);
    expect((await res.json()).error_code).toBe('request_entity_too_large');
    expect(await t.emulator.db.query('select 1 from auth.users')).toHaveLength(0);
  });

  it('refuses tokens signed with alg none or with the wrong key', async () => {
    const client = t.client();
    const { data } = await client.auth.signUp({ email: uniqueEmail(), password: 'secret-123' });
    const [, payload] = data.session!.access_token.split('.');
    const unsigned = `${b64url({ alg: 'none', typ: 'JWT' })}.${payload}.`;
    const otherKey = data.session!.access_token.slice(0, -4) + 'AAAA';
    for (const token of [unsigned, otherKey, 'not.a.jwt']) {
      const res = await t.auth('/user', { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(403);
      expect((await res.json()).error_code).toBe('bad_jwt');
    }
  });

  it('answers an unknown path with GoTrue\'s plain 404', async () => {
    const res = await t.auth('/nothing-here');
    expect(res.status).toBe(404);
    // Go's http.NotFound: plain text, not GoTrue's JSON error shape (trimmed: Go ends it with a newline)
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect((await res.text()).trim()).toBe('404 page not found');
  });
});

describe('by default, as the Supabase CLI\'s own gateway (no key check on /auth/v1)', () => {
  const t = useEmulator();

  it('lets requests without an apikey, or with one that is not the project\'s, through to GoTrue, and says so once in the log', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const settings = await fetch(`${t.url}/auth/v1/settings`);
      expect(settings.status).toBe(200);
      expect((await settings.json()).external.email).toBe(true);
      expect((await fetch(`${t.url}/auth/v1/settings`, { headers: { apikey: 'nonsense' } })).status).toBe(200);
      // a bare GoTrueClient (no apikey header) signs up and in
      const email = uniqueEmail();
      const auth = new GoTrueClient({ url: `${t.url}/auth/v1`, persistSession: false, autoRefreshToken: false });
      expect((await auth.signUp({ email, password: 'secret-123' })).error).toBeNull();
      expect((await auth.signInWithPassword({ email, password: 'secret-123' })).data.session).not.toBeNull();
      // the key still means what it means: no key is no role, so admin routes stay closed, as GoTrue answers
      const admin = await fetch(`${t.url}/auth/v1/admin/users`);
      expect(admin.status).toBe(401);
      expect(await admin.json()).toMatchObject({ code: 401, error_code: 'no_authorization' });
      const lines = warn.mock.calls.map((call) => String(call[0]));
      expect(lines.filter((l) => l.includes('without an apikey'))).toEqual([
        expect.stringContaining('authlab: GET /auth/v1/settings came without an apikey. The Supabase CLI lets that through'),
      ]);
      expect(lines[0]).toContain('AUTHLAB_REQUIRE_API_KEY=true');
    } finally {
      warn.mockRestore();
    }
  });
});

describe('AUTHLAB_EXTERNAL_ALL_ENABLED', () => {
  const t = useEmulator({ env: { AUTHLAB_EXTERNAL_ALL_ENABLED: 'true' } });

  it('turns every OAuth provider on in /settings, each served by the fake identity provider', async () => {
    const settings = await (await t.auth('/settings')).json();
    for (const provider of ['github', 'google', 'apple', 'azure', 'discord', 'gitlab', 'slack_oidc', 'twitch']) {
      expect(settings.external[provider], provider).toBe(true);
    }
    const authorize = await fetch(`${t.url}/auth/v1/authorize?provider=gitlab`, { redirect: 'manual' });
    expect(authorize.status).toBe(302);
    expect(new URL(authorize.headers.get('location')!).pathname).toContain('/_/idp/');
  });
});
