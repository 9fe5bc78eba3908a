import { createClient } from '@supabase/supabase-js';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { useEmulator, type TestServer } from './support/emulator.js';

// A Solana sign-in message as a wallet would sign it (SIWS); the signature is 64 zero bytes. Neither is
// ever verified here: with Web3 off GoTrue refuses before looking at them.
const SIWS_MESSAGE = [
  'localhost:5173 wants you to sign in with your Solana account:',
  '5ZWj7a1f8tWkjBESHKgrLmXshuXxqeY9SYcfbshpAqPG',
  '',
  'Version: 1',
  'URI: http://localhost:5173/',
  'Issued At: 2025-01-01T00:00:00.000Z',
].join('\n');
const SIWE_MESSAGE = [
  'localhost:5173 wants you to sign in with your Ethereum account:',
  '0x0000000000000000000000000000000000000001',
  '',
  'URI: http://localhost:5173/',
  'Version: 1',
  'Chain ID: 1',
  'Nonce: abcdefgh12345678',
  'Issued At: 2025-01-01T00:00:00.000Z',
].join('\n');

const pkceClient = (t: TestServer) =>
  createClient(t.url, t.emulator.keys.anon, {
    auth: { flowType: 'pkce', persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    realtime: { transport: WebSocket as never },
  });

const serviceRole = (t: TestServer) => ({
  apikey: t.emulator.keys.serviceRole,
  authorization: `Bearer ${t.emulator.keys.serviceRole}`,
});

describe('SAML SSO on a local stack (always off)', () => {
  const t = useEmulator();

  it('reports SAML off in /settings as GoTrue does, with no Web3 field', async () => {
    const res = await t.auth('/settings');
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ saml_enabled: false, saml_private_key_next_configured: false });
    // GoTrue's /settings has no Web3 entry at all, whether it is on or off
    expect(JSON.stringify(body)).not.toMatch(/web3|solana|ethereum/);
  });

  it('gives signInWithSSO({ domain }) a 404 saml_provider_disabled', async () => {
    const { data, error } = await t.client().auth.signInWithSSO({ domain: 'example.com' });
    expect(data).toBeNull();
    expect(error).toMatchObject({ name: 'AuthApiError', status: 404, code: 'saml_provider_disabled', message: 'SAML 2.0 is disabled' });
  });

  it('gives signInWithSSO({ providerId }) under PKCE the same error', async () => {
    const { error } = await pkceClient(t).auth.signInWithSSO({
      providerId: '11111111-2222-3333-4444-555555555555',
      options: { redirectTo: 'http://127.0.0.1:3000/after-sso' },
    });
    expect(error).toMatchObject({ status: 404, code: 'saml_provider_disabled', message: 'SAML 2.0 is disabled' });
  });

  it('answers the SAML metadata and ACS endpoints, and any other /sso path or method, the same way', async () => {
    const requests: [string, string][] = [
      ['GET', '/sso/saml/metadata'],
      ['GET', '/sso/saml/metadata?download=true'],
      ['POST', '/sso/saml/acs'],
      ['GET', '/sso'],
      ['POST', '/sso/unknown'],
    ];
    for (const [method, path] of requests) {
      const res = await t.auth(path, { method });
      expect([method, path, res.status]).toEqual([method, path, 404]);
      expect(res.headers.get('x-sb-error-code')).toBe('saml_provider_disabled');
      expect(await res.json()).toEqual({ code: 404, error_code: 'saml_provider_disabled', msg: 'SAML 2.0 is disabled' });
    }
  });

  it('lists no SSO providers to the service role, and refuses the anon key', async () => {
    const list = await t.auth('/admin/sso/providers', { headers: serviceRole(t) });
    expect(list.status).toBe(200);
    expect(await list.json()).toEqual({ items: [] });
    const anon = await t.auth('/admin/sso/providers', { headers: { authorization: `Bearer ${t.emulator.keys.anon}` } });
    expect(anon.status).toBe(403);
    expect(anon.headers.get('x-sb-error-code')).toBe('not_admin');
  });

  it('answers 404 sso_provider_not_found for any provider id, by id or resource_ id', async () => {
    for (const id of ['11111111-2222-3333-4444-555555555555', 'not-a-uuid', 'resource_my-idp']) {
      for (const method of ['GET', 'PUT', 'DELETE']) {
        const res = await t.auth(`/admin/sso/providers/${id}`, { method, headers: serviceRole(t), json: method === 'PUT' ? {} : undefined });
        expect([id, method, res.status]).toEqual([id, method, 404]);
        expect(await res.json()).toEqual({ code: 404, error_code: 'sso_provider_not_found', msg: 'SSO Identity Provider not found' });
      }
    }
  });

  it('checks a new provider\'s parameters in GoTrue\'s order and words', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ type: 'oidc', metadata_url: 'https://idp.example.com/metadata' }, "Only 'saml' supported for SSO provider type"],
      [{ type: 'saml', metadata_url: 'https://idp.example.com/m', metadata_xml: '<x/>' }, 'Only one of metadata_xml or metadata_url needs to be set'],
      [{ type: 'saml', domains: ['example.com'] }, 'Either metadata_xml or metadata_url must be set'],
      [{ type: 'saml', metadata_url: 'idp.example.com/metadata' }, 'metadata_url is not a valid URL'],
      [{ type: 'saml', metadata_url: 'http://idp.example.com/metadata' }, 'metadata_url is not a HTTPS URL'],
      [
        { type: 'saml', metadata_xml: '<x/>', name_id_format: 'email' },
        'name_id_format must be unspecified or one of urn:oasis:names:tc:SAML:2.0:nameid-format:persistent, ' +
          'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress, urn:oasis:names:tc:SAML:2.0:nameid-format:transient, ' +
          'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified',
      ],
    ];
    for (const [json, msg] of cases) {
      const res = await t.auth('/admin/sso/providers', { method: 'POST', headers: serviceRole(t), json });
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ code: 400, error_code: 'validation_failed', msg });
    }
  });

  it('says plainly that storing a valid provider is not emulated, rather than pretending', async () => {
    const res = await t.auth('/admin/sso/providers', {
      method: 'POST',
      headers: serviceRole(t),
      json: { type: 'saml', metadata_url: 'https://idp.example.com/metadata', domains: ['example.com'] },
    });
    expect(res.status).toBe(422);
    expect(res.headers.get('x-sb-error-code')).toBe('not_emulated');
    expect(((await res.json()) as { msg: string }).msg).toMatch(/^authlab: SAML identity providers are not emulated/);
  });
});

describe('Web3 sign-in with the CLI default ([auth.web3.*] enabled = false)', () => {
  const t = useEmulator();

  it('refuses signInWithWeb3 for Solana with 422 web3_provider_disabled', async () => {
    const { data, error } = await t.client().auth.signInWithWeb3({
      chain: 'solana',
      message: SIWS_MESSAGE,
      signature: new Uint8Array(64),
    });
    expect(data).toEqual({ user: null, session: null });
    expect(error).toMatchObject({ name: 'AuthApiError', status: 422, code: 'web3_provider_disabled', message: 'Web3 provider is disabled' });
  });

  it('refuses signInWithWeb3 for Ethereum the same way', async () => {
    const { error } = await t.client().auth.signInWithWeb3({ chain: 'ethereum', message: SIWE_MESSAGE, signature: '0x00' });
    expect(error).toMatchObject({ status: 422, code: 'web3_provider_disabled', message: 'Web3 provider is disabled' });
  });

  it('answers before reading the body, so even bad JSON or an unknown chain gets "disabled"', async () => {
    for (const body of ['{not json', JSON.stringify({ chain: 'bitcoin' })]) {
      const res = await t.auth('/token?grant_type=web3', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect(res.status).toBe(422);
      expect(await res.json()).toEqual({ code: 422, error_code: 'web3_provider_disabled', msg: 'Web3 provider is disabled' });
    }
  });
});

describe('Web3 sign-in rate limit', () => {
  const t = useEmulator({ config: { rateLimitHeader: 'x-test-ip', rateLimitWeb3: 2, rateLimitTokenRefresh: 100 } });

  it('counts web3 sign-ins against their own per-IP limit, before the "disabled" answer', async () => {
    const send = (grant: string) =>
      t.auth(`/token?grant_type=${grant}`, { method: 'POST', headers: { 'x-test-ip': '10.0.0.7' }, json: {} });
    // GoTrue's burst of 30, then the limit of 2 per 5 minutes
    for (let i = 0; i < 30; i++) expect((await send('web3')).status).toBe(422);
    const limited = await send('web3');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('x-sb-error-code')).toBe('over_request_rate_limit');
    // the password grant draws on the token limiter, which still has room
    expect((await send('password')).status).toBe(400);
  });
});

describe('Web3 sign-in with one chain switched on', () => {
  const t = useEmulator({ config: { externalWeb3SolanaEnabled: true } });

  it('names the chain that is off, as GoTrue does', async () => {
    const { error } = await t.client().auth.signInWithWeb3({ chain: 'ethereum', message: SIWE_MESSAGE, signature: '0x00' });
    expect(error).toMatchObject({ status: 422, code: 'web3_provider_disabled', message: 'Ethereum Web3 provider is disabled' });
  });

  it('refuses an unknown chain with 400 web3_unsupported_chain', async () => {
    const res = await t.auth('/token?grant_type=web3', { method: 'POST', json: { chain: 'bitcoin', message: 'x', signature: 'y' } });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ code: 400, error_code: 'web3_unsupported_chain', msg: 'Unsupported chain' });
  });

  it('does not fake a signature check for the chain that is on', async () => {
    const { error } = await t.client().auth.signInWithWeb3({ chain: 'solana', message: SIWS_MESSAGE, signature: new Uint8Array(64) });
    expect(error).toMatchObject({ name: 'AuthApiError', status: 422, code: 'not_emulated' });
    expect(error?.message).toMatch(/cannot verify wallet signatures/);
  });
});
