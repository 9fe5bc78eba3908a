import { createClient } from '@supabase/supabase-js';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { uniqueEmail, useEmulator, type TestServer } from './support/emulator.js';

const APP = 'http://localhost:5173/auth/done';

/** One redirect hop, without following it. */
async function hop(url: string, init: RequestInit = {}): Promise<{ status: number; location: string }> {
  const res = await fetch(url, { ...init, redirect: 'manual' });
  return { status: res.status, location: res.headers.get('location') ?? '' };
}

/** /authorize -> provider (login_hint skips the page) -> /callback -> the app: the URL the app lands on. */
async function signInThroughProvider(start: string, loginHint: string): Promise<URL> {
  const toProvider = await hop(start);
  expect(toProvider.status).toBe(302);
  const providerUrl = new URL(toProvider.location);
  providerUrl.searchParams.set('login_hint', loginHint);
  const toCallback = await hop(providerUrl.href);
  expect(toCallback.status).toBe(302);
  const toApp = await hop(toCallback.location);
  expect(toApp.status).toBe(302);
  return new URL(toApp.location);
}

const fragmentOf = (u: URL) => Object.fromEntries(new URLSearchParams(u.hash.slice(1)));

/** The consent page's form, posted as a person would fill it in. */
async function consent(providerUrl: string, account: Record<string, string>, decision = 'allow') {
  const u = new URL(providerUrl);
  const form = new URLSearchParams({ ...Object.fromEntries(u.searchParams), ...account, decision });
  return hop(`${u.origin}${u.pathname}`, { method: 'POST', body: form });
}

const pkceClient = (t: TestServer) =>
  createClient(t.url, t.emulator.keys.anon, {
    auth: { flowType: 'pkce', persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    realtime: { transport: WebSocket as never },
  });

describe('OAuth sign-in through the fake provider', () => {
  const t = useEmulator({
    config: { externalGithubEnabled: true, externalGoogleEnabled: true, uriAllowList: ['http://localhost:5173/**'] },
  });

  it('redirects /authorize to the provider with GoTrue\'s parameters and a flow-state id as state', async () => {
    const res = await hop(`${t.url}/auth/v1/authorize?provider=github&redirect_to=${encodeURIComponent(APP)}&scopes=repo`);
    expect(res.status).toBe(302);
    const u = new URL(res.location);
    expect(`${u.origin}${u.pathname}`).toBe(`${t.url}/_/idp/github/authorize`);
    expect(Object.fromEntries(u.searchParams)).toMatchObject({
      client_id: 'authlab-github', redirect_uri: `${t.url}/auth/v1/callback`, response_type: 'code', scope: 'user:email repo',
      redirect_to: APP,
    });
    const [flow] = await t.emulator.db.query<{ referrer: string; code_challenge: string | null; authentication_method: string }>(
      'select * from auth.flow_state where id = $1', [u.searchParams.get('state')],
    );
    expect(flow).toMatchObject({ referrer: APP, code_challenge: null, authentication_method: 'oauth' });
  });

  it('answers 400 validation_failed for a disabled or unknown provider', async () => {
    const disabled = await t.auth('/authorize?provider=gitlab');
    expect(disabled.status).toBe(400);
    expect(await disabled.json()).toMatchObject({ error_code: 'validation_failed', msg: 'Unsupported provider: provider is not enabled' });
    const unknown = await t.auth('/authorize?provider=myspace');
    expect(await unknown.json()).toMatchObject({ msg: 'Unsupported provider: Provider myspace could not be found' });
  });

  it('signs a new user in with the session and provider tokens in the fragment (implicit)', async () => {
    const email = uniqueEmail('octo');
    const landing = await signInThroughProvider(`${t.url}/auth/v1/authorize?provider=github&redirect_to=${encodeURIComponent(APP)}`, email);
    expect(`${landing.origin}${landing.pathname}`).toBe(APP);
    const params = fragmentOf(landing);
    expect(params).toMatchObject({ token_type: 'bearer', expires_in: '3600', sb: '' });
    expect(params.provider_token).toMatch(/^at_/);
    expect(params.provider_refresh_token).toMatch(/^rt_/);
    const { data } = await t.client().auth.getUser(params.access_token);
    expect(data.user).toMatchObject({ email, app_metadata: { provider: 'github', providers: ['github'] } });
    expect(data.user!.email_confirmed_at).toBeTruthy();
    const identity = data.user!.identities![0]!;
    expect(identity.provider).toBe('github');
    expect(identity.identity_data).toMatchObject({
      iss: 'https://api.github.com', email, email_verified: true, phone_verified: false,
      user_name: email.split('@')[0], provider_id: identity.id, sub: identity.id,
    });
    expect(await t.emulator.db.query('select * from auth.flow_state')).toHaveLength(0);
  });

  it('signs in with PKCE through supabase-js, and the code exchange returns provider_token', async () => {
    const client = pkceClient(t);
    const { data } = await client.auth.signInWithOAuth({
      provider: 'google', options: { redirectTo: APP, skipBrowserRedirect: true, queryParams: { login_hint: 'grace@example.com' } },
    });
    const toProvider = await hop(data.url!);
    const toCallback = await hop(toProvider.location);
    const landing = new URL((await hop(toCallback.location)).location);
    const code = landing.searchParams.get('code')!;
    expect(code).toMatch(/^[0-9a-f-]{36}$/);
    const { data: exchanged, error } = await client.auth.exchangeCodeForSession(code);
    expect(error).toBeNull();
    expect(exchanged.session!.provider_token).toMatch(/^at_/);
    expect(exchanged.user!.app_metadata.provider).toBe('google');
    expect(exchanged.user!.identities![0]!.identity_data).toMatchObject({ iss: 'https://accounts.google.com', email: 'grace@example.com' });
    // single use: the state cannot be replayed
    const replay = await hop(toCallback.location);
    expect(new URL(replay.location).searchParams.get('error_code')).toBe('bad_oauth_state');
  });

  it('refuses a tampered, missing or expired state with a 303 to SITE_URL', async () => {
    const bad = await hop(`${t.url}/auth/v1/callback?code=x&state=not-a-uuid`);
    expect(bad.status).toBe(303);
    const u = new URL(bad.location);
    expect(`${u.origin}${u.pathname}`).toBe('http://127.0.0.1:3000/');
    expect(Object.fromEntries(u.searchParams)).toEqual({
      error: 'invalid_request', error_code: 'bad_oauth_state', error_description: 'OAuth state parameter is invalid',
    });
    const missing = new URL((await hop(`${t.url}/auth/v1/callback?code=x`)).location);
    expect(missing.searchParams.get('error_code')).toBe('bad_oauth_callback');
    const unknown = new URL((await hop(`${t.url}/auth/v1/callback?code=x&state=${crypto.randomUUID()}`)).location);
    expect(unknown.searchParams.get('error_description')).toBe('OAuth state not found or expired');

    const start = await hop(`${t.url}/auth/v1/authorize?provider=github&redirect_to=${encodeURIComponent(APP)}`);
    const state = new URL(start.location).searchParams.get('state')!;
    t.emulator.clock.advance(301);
    const expired = new URL((await hop(`${t.url}/auth/v1/callback?code=x&state=${state}`)).location);
    expect(expired.searchParams.get('error_description')).toBe('OAuth state has expired');
  });

  it('falls back to SITE_URL for a redirect_to that is not allowed', async () => {
    const landing = await signInThroughProvider(`${t.url}/auth/v1/authorize?provider=github&redirect_to=https://evil.example/x`, uniqueEmail());
    expect(`${landing.origin}${landing.pathname}`).toBe('http://127.0.0.1:3000/');
    expect(fragmentOf(landing).access_token).toBeTruthy();
  });

  it('accepts custom schemes from the allow list and loopback ports for desktop apps', async () => {
    const loopback = await signInThroughProvider(`${t.url}/auth/v1/authorize?provider=github&redirect_to=${encodeURIComponent('http://127.0.0.1:49152/cb')}`, uniqueEmail());
    expect(loopback.href.startsWith('http://127.0.0.1:49152/cb#access_token=')).toBe(true);
  });

  it('sends the person back with access_denied when they cancel on the consent page', async () => {
    const start = await hop(`${t.url}/auth/v1/authorize?provider=github&redirect_to=${encodeURIComponent(APP)}`);
    const page = await fetch(start.location);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'none'");
    expect(await page.text()).toContain('Sign in with GitHub');
    const back = await consent(start.location, {}, 'deny');
    const landing = new URL((await hop(back.location)).location);
    expect(`${landing.origin}${landing.pathname}`).toBe(APP);
    expect(landing.searchParams.get('error')).toBe('access_denied');
    expect(landing.searchParams.get('error_description')).toBe('The user denied the request');
    expect(fragmentOf(landing)).toMatchObject({ error: 'access_denied', sb: '' });
  });

  it('links a verified provider email to the existing user', async () => {
    const email = uniqueEmail('ada');
    const { data: signUp } = await t.client().auth.signUp({ email, password: 'secret-123' });
    const landing = await signInThroughProvider(`${t.url}/auth/v1/authorize?provider=github&redirect_to=${encodeURIComponent(APP)}`, email);
    const { data } = await t.client().auth.getUser(fragmentOf(landing).access_token);
    expect(data.user!.id).toBe(signUp.user!.id);
    expect(data.user!.app_metadata).toMatchObject({ provider: 'email', providers: ['email', 'github'] });
  });

  it('escapes what a person typed when the consent page shows it again', async () => {
    const start = await hop(`${t.url}/auth/v1/authorize?provider=github&redirect_to=${encodeURIComponent(APP)}`);
    await consent(start.location, { email: 'x@example.com', name: '<script>alert(1)</script>', email_verified: 'true' });
    const again = await hop(`${t.url}/auth/v1/authorize?provider=github`);
    const html = await (await fetch(again.location)).text();
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('OAuth sign-in with email confirmations on', () => {
  const t = useEmulator({ config: { externalGithubEnabled: true, mailerAutoconfirm: false, uriAllowList: ['http://localhost:5173/**'] } });

  it('refuses an unverified provider email with provider_email_needs_verification and sends a confirmation', async () => {
    const start = await hop(`${t.url}/auth/v1/authorize?provider=github&redirect_to=${encodeURIComponent(APP)}`);
    const email = uniqueEmail('unverified');
    const back = await consent(start.location, { email, name: 'U', email_verified: 'false' });
    const landing = new URL((await hop(back.location)).location);
    expect(Object.fromEntries(landing.searchParams)).toEqual({
      error: 'access_denied', error_code: 'provider_email_needs_verification',
      error_description: 'Unverified email with github. A confirmation email has been sent to your github email',
    });
    const [user] = await t.emulator.db.query<{ email: string; email_confirmed_at: Date | null }>('select * from auth.users where email = $1', [email]);
    expect(user).toMatchObject({ email, email_confirmed_at: null });
  });
});

describe('identities', () => {
  const t = useEmulator({ config: { externalGithubEnabled: true, securityManualLinkingEnabled: true } });

  it('links a second identity with linkIdentity, refuses to unlink the last one, unlinks the other', async () => {
    const client = t.client();
    const email = uniqueEmail('link');
    await client.auth.signUp({ email, password: 'secret-123' });
    const { data: linked, error } = await client.auth.linkIdentity({ provider: 'github', options: { skipBrowserRedirect: true } });
    expect(error).toBeNull();
    const toCallback = await hop(`${linked.url}&login_hint=${encodeURIComponent('other@example.com')}`);
    const landing = new URL((await hop(toCallback.location)).location);
    const session = fragmentOf(landing);
    expect(session.access_token).toBeTruthy();

    const { data: identities } = await client.auth.getUserIdentities();
    expect(identities!.identities.map((i) => i.provider)).toEqual(['email', 'github']);
    const github = identities!.identities.find((i) => i.provider === 'github')!;
    const { error: unlinkError } = await client.auth.unlinkIdentity(github);
    expect(unlinkError).toBeNull();
    const { data: after } = await client.auth.refreshSession();
    expect(after.user!.app_metadata.providers).toEqual(['email']);
    const last = after.user!.identities![0]!;
    const res = await t.auth(`/user/identities/${last.identity_id}`, {
      method: 'DELETE', headers: { authorization: `Bearer ${after.session!.access_token}` },
    });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ error_code: 'single_identity_not_deletable', msg: 'User must have at least 1 identity after unlinking' });
  });
});

describe('identities with manual linking off (the default)', () => {
  const t = useEmulator({ config: { externalGithubEnabled: true } });

  it('answers 404 manual_linking_disabled', async () => {
    const client = t.client();
    const { data } = await client.auth.signUp({ email: uniqueEmail(), password: 'secret-123' });
    const res = await t.auth('/user/identities/authorize?provider=github&skip_http_redirect=true', {
      headers: { authorization: `Bearer ${data.session!.access_token}` },
    });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error_code: 'manual_linking_disabled', msg: 'Manual linking is disabled' });
  });
});
