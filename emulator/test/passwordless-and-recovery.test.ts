import { describe, expect, it } from 'vitest';
import { uniqueEmail, useEmulator, type TestServer } from './support/emulator.js';
import { codeIn, follow, fragment, latestMail, latestSms, linkIn } from './support/mail.js';
import { TWILIO } from './support/sms-provider.js';

async function existingUser(t: TestServer) {
  const email = uniqueEmail();
  await t.client().auth.signUp({ email, password: 'secret-123' });
  return email;
}

describe('signInWithOtp by email (autoconfirm, the local default)', () => {
  const t = useEmulator({ config: { uriAllowList: ['http://localhost:5173/**'] } });

  it('mails a magic link that signs a known user in', async () => {
    const email = await existingUser(t);
    const { error } = await t.client().auth.signInWithOtp({ email, options: { emailRedirectTo: 'http://localhost:5173/in' } });
    expect(error).toBeNull();
    const mail = await latestMail(t, email);
    expect(mail.Subject).toBe('Your Magic Link');
    const landing = await follow(linkIn(mail));
    expect(landing.pathname).toBe('/in');
    expect(fragment(landing)).toMatchObject({ type: 'magiclink', token_type: 'bearer' });
  });

  it('signs in with the code from the mail through verifyOtp type email', async () => {
    const email = await existingUser(t);
    await t.client().auth.signInWithOtp({ email });
    const { data, error } = await t.client().auth.verifyOtp({ email, token: codeIn(await latestMail(t, email)), type: 'email' });
    expect(error).toBeNull();
    expect(data.user!.email).toBe(email);
  });

  it('creates an unknown user and mails the magic link, unless shouldCreateUser is false', async () => {
    const refused = uniqueEmail();
    const { error } = await t.client().auth.signInWithOtp({ email: refused, options: { shouldCreateUser: false } });
    expect(error).toMatchObject({ status: 422, code: 'otp_disabled', message: 'Signups not allowed for otp' });

    const email = uniqueEmail();
    expect((await t.client().auth.signInWithOtp({ email })).error).toBeNull();
    const { data } = await t.client().auth.verifyOtp({ email, token: codeIn(await latestMail(t, email)), type: 'email' });
    expect(data.user!.email).toBe(email);
  });

  it('refuses a wrong code with otp_expired, as GoTrue words it', async () => {
    const email = await existingUser(t);
    await t.client().auth.signInWithOtp({ email });
    const { error } = await t.client().auth.verifyOtp({ email, token: '000000', type: 'email' });
    expect(error).toMatchObject({ status: 403, code: 'otp_expired', message: 'Token has expired or is invalid' });
  });

  it('limits magic links per user by the mail frequency', async () => {
    t.emulator.config.smtpMaxFrequency = 60;
    try {
      const email = await existingUser(t);
      await t.client().auth.signInWithOtp({ email });
      const { error } = await t.client().auth.signInWithOtp({ email });
      expect(error).toMatchObject({ status: 429, code: 'over_email_send_rate_limit' });
    } finally {
      t.emulator.config.smtpMaxFrequency = 1;
    }
  });
});

describe('POST /magiclink (the older endpoint) with a plain PKCE challenge', () => {
  const t = useEmulator({ config: { uriAllowList: ['http://localhost:5173/**'] } });

  it('mails a link that lands with ?code=, exchanged only with the same verifier', async () => {
    const email = await existingUser(t);
    const verifier = 'plain-verifier-of-forty-three-characters-long-xx';
    const sent = await t.auth('/magiclink?redirect_to=http://localhost:5173/in', {
      method: 'POST',
      json: { email, code_challenge: verifier, code_challenge_method: 'plain' },
    });
    expect(sent.status).toBe(200);
    expect(await sent.json()).toEqual({});

    const landing = await follow(linkIn(await latestMail(t, email)));
    expect(landing.pathname).toBe('/in');
    const code = landing.searchParams.get('code');
    expect(code).toBeTruthy();
    const exchange = (codeVerifier: string) =>
      t.auth('/token?grant_type=pkce', { method: 'POST', json: { auth_code: code, code_verifier: codeVerifier } });

    const wrong = await exchange(`${verifier}-not`);
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ error_code: 'bad_code_verifier' });
    const right = await exchange(verifier);
    expect(right.status).toBe(200);
    expect((await right.json()).user.email).toBe(email);
  });
});

describe('password recovery', () => {
  const t = useEmulator();

  it('answers {} for an unknown email, so nobody can probe addresses', async () => {
    const res = await t.auth('/recover', { method: 'POST', json: { email: uniqueEmail('nobody') } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({});
  });

  it('recovery link -> session -> updateUser({ password }) -> sign in with the new password', async () => {
    const email = await existingUser(t);
    expect((await t.client().auth.resetPasswordForEmail(email)).error).toBeNull();
    const mail = await latestMail(t, email);
    expect(mail.Subject).toBe('Reset Your Password');
    const params = fragment(await follow(linkIn(mail)));
    expect(params.type).toBe('recovery');

    const client = t.client();
    await client.auth.setSession({ access_token: params.access_token!, refresh_token: params.refresh_token! });
    expect((await client.auth.updateUser({ password: 'brand-new-789' })).error).toBeNull();
    expect((await t.client().auth.signInWithPassword({ email, password: 'brand-new-789' })).error).toBeNull();
    expect((await t.client().auth.signInWithPassword({ email, password: 'secret-123' })).error?.code).toBe('invalid_credentials');
  });

  it('a used recovery link cannot be used again', async () => {
    const email = await existingUser(t);
    await t.client().auth.resetPasswordForEmail(email);
    const link = linkIn(await latestMail(t, email));
    await follow(link);
    expect(fragment(await follow(link))).toMatchObject({ error_code: 'otp_expired' });
  });
});

describe('secure password change with a reauthentication nonce', () => {
  const t = useEmulator({ config: { securityUpdatePasswordRequireReauthentication: true } });

  it('asks for a nonce once the session is a day old, and accepts the mailed one', async () => {
    const email = uniqueEmail();
    const client = t.client();
    const { data } = await client.auth.signUp({ email, password: 'secret-123' });
    await client.auth.setSession(data.session!);
    t.emulator.clock.advance(25 * 60 * 60);
    const { data: fresh } = await client.auth.refreshSession();
    await client.auth.setSession(fresh.session!);

    const refused = await client.auth.updateUser({ password: 'another-456' });
    expect(refused.error).toMatchObject({ status: 400, code: 'reauthentication_needed' });
    expect((await client.auth.reauthenticate()).error).toBeNull();
    const mail = await latestMail(t, email);
    expect(mail.Subject).toBe('Confirm reauthentication');
    const wrong = await client.auth.updateUser({ password: 'another-456', nonce: '000000' });
    expect(wrong.error).toMatchObject({ status: 422, code: 'reauthentication_not_valid' });
    const ok = await client.auth.updateUser({ password: 'another-456', nonce: codeIn(mail) });
    expect(ok.error).toBeNull();
  });
});

describe('phone sign-in with SMS codes', () => {
  const t = useEmulator({ config: { externalPhoneEnabled: true, ...TWILIO, smsTestOtp: { '15550000000': '424242' } } });

  it('texts a code to a new number and verifyOtp signs the user in', async () => {
    const phone = '+15551230001';
    const { error } = await t.client().auth.signInWithOtp({ phone });
    expect(error).toBeNull();
    const sms = await latestSms(t, phone);
    expect(sms.body).toMatch(/^Your code is \d{6}$/);
    const { data, error: verifyError } = await t.client().auth.verifyOtp({ phone, token: sms.otp!, type: 'sms' });
    expect(verifyError).toBeNull();
    expect(data.user!.phone).toBe('15551230001');
    expect(data.user!.phone_confirmed_at).toBeTruthy();
  });

  it('uses the fixed code of a test number and texts nothing', async () => {
    const { data, error } = await t.client().auth.signInWithOtp({ phone: '+15550000000' });
    expect(error).toBeNull();
    expect(data.messageId).toBe('test-otp');
    const verified = await t.client().auth.verifyOtp({ phone: '+15550000000', token: '424242', type: 'sms' });
    expect(verified.error).toBeNull();
    const outbox = await fetch(`${t.url}/_/inbox/sms/api/v1/sms?phone=15550000000`);
    expect(await outbox.json()).toEqual([]);
  });
});
