import { describe, expect, it } from 'vitest';
import { useEmulator, type TestServer } from './support/emulator.js';

const REDIRECT = 'http://localhost:4000/callback';

const admin = (t: TestServer) => t.client(t.emulator.keys.serviceRole).auth.admin.oauth;

/** Raw admin call with the service_role key, for what supabase-js does not expose. */
const adminFetch = (t: TestServer, path: string, init: RequestInit & { json?: unknown } = {}) =>
  t.auth(path, {
    ...init,
    headers: { apikey: t.emulator.keys.serviceRole, authorization: `Bearer ${t.emulator.keys.serviceRole}`, ...init.headers },
  });

describe('OAuth server: client management through supabase-js', () => {
  const t = useEmulator({ config: { oauthServerEnabled: true } });

  it('registers a confidential client with a secret shown once, stored only as a SHA-256 hash', async () => {
    const { data, error } = await admin(t).createClient({ client_name: 'Partner App', redirect_uris: [REDIRECT] });
    expect(error).toBeNull();
    expect(Object.keys(data!)).toEqual([
      'client_id', 'client_secret', 'client_type', 'redirect_uris', 'token_endpoint_auth_method', 'grant_types',
      'response_types', 'client_name', 'registration_type', 'created_at', 'updated_at',
    ]);
    expect(data).toMatchObject({
      client_type: 'confidential', token_endpoint_auth_method: 'client_secret_basic', registration_type: 'manual',
      grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'], redirect_uris: [REDIRECT],
    });
    expect(data!.client_secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [row] = await t.emulator.db.query<{ client_secret_hash: string }>(
      'select client_secret_hash from auth.oauth_clients where id = $1', [data!.client_id],
    );
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(data!.client_secret!)));
    expect(row!.client_secret_hash).toBe(Buffer.from(digest).toString('base64url'));
    expect(row!.client_secret_hash).not.toContain(data!.client_secret!);

    const got = await admin(t).getClient(data!.client_id);
    expect(got.data).not.toHaveProperty('client_secret');
    expect(got.data).toMatchObject({ client_id: data!.client_id, client_name: 'Partner App' });
  });

  it('registers a public client without a secret, its type inferred from auth method none', async () => {
    const { data } = await admin(t).createClient({ client_name: 'CLI', redirect_uris: [REDIRECT], token_endpoint_auth_method: 'none' });
    expect(data).toMatchObject({ client_type: 'public', token_endpoint_auth_method: 'none' });
    expect(data).not.toHaveProperty('client_secret');
    const regenerated = await admin(t).regenerateClientSecret(data!.client_id);
    expect(regenerated.error).toMatchObject({ status: 400, code: 'validation_failed', message: 'Cannot regenerate secret for public client' });
  });

  it('lists live clients newest first and answers {} when there are none', async () => {
    const empty = await adminFetch(t, '/admin/oauth/clients');
    expect(await empty.text()).toBe('{}');
    const first = await admin(t).createClient({ client_name: 'one', redirect_uris: [REDIRECT] });
    t.emulator.clock.advance(1);
    const second = await admin(t).createClient({ client_name: 'two', redirect_uris: [REDIRECT] });
    const { data, error } = await admin(t).listClients();
    expect(error).toBeNull();
    expect(data.clients.map((c) => c.client_id)).toEqual([second.data!.client_id, first.data!.client_id]);
  });

  it('updates only the given fields and refuses an empty update', async () => {
    const { data: created } = await admin(t).createClient({ client_name: 'old', redirect_uris: [REDIRECT] });
    const { data, error } = await admin(t).updateClient(created!.client_id, { client_name: 'new', token_endpoint_auth_method: 'client_secret_post' });
    expect(error).toBeNull();
    expect(data).toMatchObject({ client_name: 'new', redirect_uris: [REDIRECT], token_endpoint_auth_method: 'client_secret_post' });
    const none = await admin(t).updateClient(created!.client_id, {});
    expect(none.error).toMatchObject({ status: 400, code: 'validation_failed', message: 'No fields provided for update' });
    const wrong = await admin(t).updateClient(created!.client_id, { token_endpoint_auth_method: 'none' });
    expect(wrong.error?.message).toBe(
      "token_endpoint_auth_method 'none' is not valid for client_type 'confidential'; valid methods: [client_secret_basic client_secret_post]",
    );
  });

  it('regenerates a secret and soft-deletes a client, which is then gone everywhere', async () => {
    const { data: created } = await admin(t).createClient({ client_name: 'soon gone', redirect_uris: [REDIRECT] });
    const { data } = await admin(t).regenerateClientSecret(created!.client_id);
    expect(data!.client_secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(data!.client_secret).not.toBe(created!.client_secret);
    expect((await admin(t).deleteClient(created!.client_id)).error).toBeNull();
    const gone = await admin(t).getClient(created!.client_id);
    expect(gone.error).toMatchObject({ status: 404, code: 'oauth_client_not_found', message: 'OAuth client not found' });
    const [row] = await t.emulator.db.query<{ deleted_at: Date | null }>('select deleted_at from auth.oauth_clients where id = $1', [created!.client_id]);
    expect(row!.deleted_at).toBeInstanceOf(Date);
  });

  it('refuses bad registrations with GoTrue\'s status-prefixed messages', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{}, '400: redirect_uris is required'],
      [{ redirect_uris: ['http://example.com/cb'] }, "400: invalid redirect_uri 'http://example.com/cb': HTTP scheme only allowed for localhost"],
      [{ redirect_uris: ['javascript://x/alert'] }, "400: invalid redirect_uri 'javascript://x/alert': scheme 'javascript' is not allowed for security reasons"],
      [{ redirect_uris: ['https://app.example/cb#x'] }, "400: invalid redirect_uri 'https://app.example/cb#x': fragment not allowed in redirect URI"],
      [{ redirect_uris: [REDIRECT], grant_types: ['client_credentials'] }, "400: grant_types must only contain 'authorization_code' and/or 'refresh_token'"],
      [
        { redirect_uris: [REDIRECT], client_type: 'public', token_endpoint_auth_method: 'client_secret_post' },
        "400: client_type 'public' is inconsistent with token_endpoint_auth_method 'client_secret_post' (expected client_type 'confidential')",
      ],
    ];
    for (const [body, message] of cases) {
      const res = await adminFetch(t, '/admin/oauth/clients', { method: 'POST', json: body });
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ code: 400, error_code: 'validation_failed', msg: message });
    }
    const bad = await adminFetch(t, '/admin/oauth/clients', { method: 'POST', json: { redirect_uris: 'not-a-list' } });
    expect(await bad.json()).toEqual({ code: 400, error_code: 'bad_json', msg: 'Invalid JSON body' });
  });

  it('keeps client management for admins only', async () => {
    const res = await t.auth('/admin/oauth/clients');
    expect(res.status).toBe(401);
    const anon = await t.client().auth.admin.oauth.listClients();
    expect(anon.error).toMatchObject({ status: 403, code: 'not_admin' });
  });

  it('refuses dynamic registration while it is not allowed', async () => {
    const res = await fetch(`${t.url}/auth/v1/oauth/clients/register`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ redirect_uris: [REDIRECT] }),
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({
      code: 403, error_code: 'oauth_dynamic_client_registration_disabled', msg: 'Dynamic client registration is not enabled',
    });
    const discovery = await (await fetch(`${t.url}/auth/v1/.well-known/oauth-authorization-server`)).json();
    expect(discovery).not.toHaveProperty('registration_endpoint');
  });
});

describe('OAuth server: dynamic client registration when allowed', () => {
  const t = useEmulator({ config: { oauthServerEnabled: true, oauthServerAllowDynamicRegistration: true } });

  it('registers anyone\'s client, without an apikey, and advertises the endpoint', async () => {
    const discovery = (await (await fetch(`${t.url}/auth/v1/.well-known/oauth-authorization-server`)).json()) as Record<string, unknown>;
    expect(discovery.registration_endpoint).toBe(`${t.url}/auth/v1/oauth/clients/register`);
    expect(discovery.scopes_supported).toEqual(['openid', 'profile', 'email', 'phone', 'offline_access']);
    const res = await fetch(discovery.registration_endpoint as string, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_name: 'MCP client', redirect_uris: ['http://127.0.0.1:8976/cb'], token_endpoint_auth_method: 'none' }),
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ registration_type: 'dynamic', client_type: 'public', token_endpoint_auth_method: 'none' });
  });
});

describe('OAuth server: dynamic client registration rate limit', () => {
  const t = useEmulator({
    config: { oauthServerEnabled: true, oauthServerAllowDynamicRegistration: true, rateLimitHeader: 'x-test-ip', rateLimitOauthDynamicClientRegister: 2 },
  });
  const register = (ip: string) =>
    fetch(`${t.url}/auth/v1/oauth/clients/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-test-ip': ip },
      body: JSON.stringify({ redirect_uris: [REDIRECT], token_endpoint_auth_method: 'none' }),
    });

  it('refuses registrations past the per-IP burst with 429 over_request_rate_limit, and refills at the set pace', async () => {
    // as GoTrue: 30 at once whatever the setting, then the setting's pace (2 per 5 minutes)
    for (let i = 0; i < 30; i++) expect((await register('10.0.0.1')).status).toBe(201);
    const limited = await register('10.0.0.1');
    expect(limited.status).toBe(429);
    expect(await limited.json()).toEqual({ code: 429, error_code: 'over_request_rate_limit', msg: 'Request rate limit reached' });
    // another client IP has its own allowance
    expect((await register('10.0.0.2')).status).toBe(201);
    t.emulator.clock.advance(150);
    expect((await register('10.0.0.1')).status).toBe(201);
    expect((await register('10.0.0.1')).status).toBe(429);
  });
});

describe('OAuth server: off, as in a fresh local project', () => {
  const t = useEmulator();

  it('answers 404 feature_disabled on every OAuth server route, and /settings does not mention it', async () => {
    const routes: [string, string][] = [
      ['GET', '/admin/oauth/clients'], ['POST', '/oauth/clients/register'], ['POST', '/oauth/token'],
      ['GET', '/oauth/authorize?client_id=x&redirect_uri=y'], ['GET', '/.well-known/oauth-authorization-server'],
    ];
    for (const [method, path] of routes) {
      const res = await adminFetch(t, path, { method });
      expect([method, path, res.status, await res.json()]).toEqual([
        method, path, 404, { code: 404, error_code: 'feature_disabled', msg: 'OAuth server is disabled' },
      ]);
    }
    const { error } = await admin(t).listClients();
    expect(error).toMatchObject({ status: 404, code: 'feature_disabled', message: 'OAuth server is disabled' });
    const settings = await (await t.auth('/settings')).text();
    expect(settings).not.toMatch(/oauth_server/);
    // discovery itself stays, as GoTrue serves openid-configuration regardless
    expect((await fetch(`${t.url}/auth/v1/.well-known/openid-configuration`)).status).toBe(200);
  });
});
