import { createClient } from '@supabase/supabase-js';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { uniqueEmail, useEmulator, type TestServer } from './support/emulator.js';
import { codeIn, follow, fragment, latestMail, linkIn, mailCount } from './support/mail.js';

const pkceClient = (t: TestServer) =>
  createClient(t.url, t.emulator.keys.anon, {
    auth: { flowType: 'pkce', persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    realtime: { transport: WebSocket as never },
  });

describe('sign-up confirmation mail', () => {
  const t = useEmulator({ config: { mailerAutoconfirm: false, uriAllowList: ['http://localhost:5173/**'] } });

  it('sends GoTrue\'s confirmation mail, whose link signs the user in (implicit flow)', async () => {
    const email = uniqueEmail();
    const { data } = await t.client().auth.signUp({
      email,
      password: 'secret-123',
      options: { emailRedirectTo: 'http://localhost:5173/welcome' },
    });
    expect(data.session).toBeNull();

    const mail = await latestMail(t, email);
    expect(mail.Subject).toBe('Confirm Your Email');
    expect(mail.HTML).toContain('Confirm your email address');
    const link = new URL(linkIn(mail));
    expect(link.pathname).toBe('/auth/v1/verify');
    expect(link.searchParams.get('type')).toBe('signup');
    expect(link.searchParams.get('redirect_to')).toBe('http://localhost:5173/welcome');

    const landing = await follow(link.href);
    expect(landing.origin + landing.pathname).toBe('http://localhost:5173/welcome');
    const params = fragment(landing);
    expect(params).toMatchObject({ token_type: 'bearer', type: 'signup', expires_in: '3600' });
    expect(params).toHaveProperty('sb', '');

    const client = t.client();
    const { data: session, error } = await client.auth.setSession({
      access_token: params.access_token!,
      refresh_token: params.refresh_token!,
    });
    expect(error).toBeNull();
    expect(session.user!.email_confirmed_at).toBeTruthy();
    expect(session.user!.user_metadata.email_verified).toBe(true);
    const claims = JSON.parse(atob(params.access_token!.split('.')[1]!));
    expect(claims.amr[0].method).toBe('otp');
  });

  it('confirms through PKCE: the link carries ?code= and exchangeCodeForSession completes it', async () => {
    const email = uniqueEmail();
    const client = pkceClient(t);
    await client.auth.signUp({ email, password: 'secret-123', options: { emailRedirectTo: 'http://localhost:5173/cb' } });
    const link = linkIn(await latestMail(t, email));
    expect(new URL(link).searchParams.get('token')).toMatch(/^pkce_[0-9a-f]{56}$/);

    const landing = await follow(link);
    const code = landing.searchParams.get('code');
    expect(code).toMatch(/^[0-9a-f-]{36}$/);
    const { data, error } = await client.auth.exchangeCodeForSession(code!);
    expect(error).toBeNull();
    expect(data.session!.user.email).toBe(email);
    const claims = JSON.parse(atob(data.session!.access_token.split('.')[1]!));
    expect(claims.amr[0].method).toBe('email/signup');

    // single use
    const again = await t.auth('/token?grant_type=pkce', { method: 'POST', json: { auth_code: code, code_verifier: 'x'.repeat(43) } });
    expect((await again.json()).error_code).toBe('flow_state_not_found');
  });

  it('refuses a wrong code verifier with bad_code_verifier', async () => {
    const email = uniqueEmail();
    await pkceClient(t).auth.signUp({ email, password: 'secret-123' });
    const code = (await follow(linkIn(await latestMail(t, email)))).searchParams.get('code');
    const res = await t.auth('/token?grant_type=pkce', { method: 'POST', json: { auth_code: code, code_verifier: 'y'.repeat(43) } });
    expect(res.status).toBe(400);
    expect((await res.json()).error_code).toBe('bad_code_verifier');
  });

  it('expires a PKCE code five minutes after the sign-up, as GoTrue measures it', async () => {
    const email = uniqueEmail();
    const client = pkceClient(t);
    await client.auth.signUp({ email, password: 'secret-123' });
    t.emulator.clock.advance(301);
    const code = (await follow(linkIn(await latestMail(t, email)))).searchParams.get('code');
    const { error } = await client.auth.exchangeCodeForSession(code!);
    expect(error).toMatchObject({ status: 422, code: 'flow_state_expired' });
  });

  it('verifies the six-digit code from the same mail with verifyOtp', async () => {
    const email = uniqueEmail();
    await t.client().auth.signUp({ email, password: 'secret-123' });
    const code = codeIn(await latestMail(t, email));
    const { data, error } = await t.client().auth.verifyOtp({ email, token: code, type: 'signup' });
    expect(error).toBeNull();
    expect(data.session!.user.email).toBe(email);
    // the same code cannot be used twice
    const again = await t.client().auth.verifyOtp({ email, token: code, type: 'signup' });
    expect(again.error).toMatchObject({ status: 403, code: 'otp_expired', message: 'Token has expired or is invalid' });
  });

  it('redirects an expired link with error_code=otp_expired', async () => {
    const email = uniqueEmail();
    await t.client().auth.signUp({ email, password: 'secret-123' });
    t.emulator.clock.advance(3601);
    const landing = await follow(linkIn(await latestMail(t, email)));
    expect(fragment(landing)).toMatchObject({
      error: 'access_denied',
      error_code: 'otp_expired',
      error_description: 'Email link is invalid or has expired',
    });
  });

  it('sends a redirect_to that is not allowed to the site URL instead', async () => {
    const email = uniqueEmail();
    await t.client().auth.signUp({ email, password: 'secret-123', options: { emailRedirectTo: 'https://evil.example.com/steal' } });
    const link = new URL(linkIn(await latestMail(t, email)));
    expect(link.searchParams.get('redirect_to')).toBe('http://127.0.0.1:3000');
    expect((await follow(link.href)).origin).toBe('http://127.0.0.1:3000');
  });

  it('resend sends a fresh confirmation, and only after the frequency limit', async () => {
    t.emulator.config.smtpMaxFrequency = 60;
    try {
      const email = uniqueEmail();
      await t.client().auth.signUp({ email, password: 'secret-123' });
      const tooSoon = await t.client().auth.resend({ type: 'signup', email });
      expect(tooSoon.error).toMatchObject({ status: 429, code: 'over_email_send_rate_limit' });
      expect(tooSoon.error!.message).toMatch(/^For security purposes, you can only request this after \d+ seconds\.$/);
      t.emulator.clock.advance(61);
      expect((await t.client().auth.resend({ type: 'signup', email })).error).toBeNull();
      expect(await mailCount(t, email)).toBe(2);
    } finally {
      t.emulator.config.smtpMaxFrequency = 1;
    }
  });
});
