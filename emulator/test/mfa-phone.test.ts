import { describe, expect, it } from 'vitest';
import { latestSms } from './support/mail.js';
import { uniqueEmail, useEmulator, type TestServer } from './support/emulator.js';
import { pausableClock } from './support/pausable-clock.js';

let counter = 0;
const uniquePhone = () => `+1555${String(Date.now() % 1_000_000).padStart(6, '0')}${counter++ % 10}`;

async function signedIn(t: TestServer) {
  const client = t.client();
  const { data, error } = await client.auth.signUp({ email: uniqueEmail(), password: 'secret-123' });
  if (error) throw error;
  await client.auth.setSession(data.session!);
  return client;
}

describe('phone (SMS) multi-factor authentication', () => {
  const clock = pausableClock();
  const t = useEmulator({ config: { mfaPhoneEnrollEnabled: true, mfaPhoneVerifyEnabled: true }, clock });

  it('enroll, SMS challenge and the texted code lift the session to aal2 with mfa/phone', async () => {
    const client = await signedIn(t);
    const phone = uniquePhone();
    const { data: factor, error } = await client.auth.mfa.enroll({ factorType: 'phone', phone, friendlyName: 'Work phone' });
    expect(error).toBeNull();
    expect(factor).toMatchObject({ type: 'phone', friendly_name: 'Work phone', phone });

    clock.pause(); // so the expiry is exact, however slow the machine
    const { data: challenge, error: challengeError } = await client.auth.mfa.challenge({ factorId: factor!.id });
    expect(challengeError).toBeNull();
    expect(challenge!.type).toBe('phone');
    // five minutes after the challenge was created
    expect(challenge!.expires_at).toBe(clock.nowSeconds() + 5 * 60);

    const sms = await latestSms(t, phone);
    expect(sms.body).toMatch(/^Your code is \d{6}$/);
    const code = sms.body.slice(-6);
    const { error: verifyError } = await client.auth.mfa.verify({ factorId: factor!.id, challengeId: challenge!.id, code });
    expect(verifyError).toBeNull();

    const { data: aal } = await client.auth.mfa.getAuthenticatorAssuranceLevel();
    expect(aal).toMatchObject({ currentLevel: 'aal2', nextLevel: 'aal2' });
    expect(aal!.currentAuthenticationMethods.map((m) => (typeof m === 'string' ? m : m.method))).toEqual(['mfa/phone', 'password']);
    const { data: factors } = await client.auth.mfa.listFactors();
    expect(factors!.phone[0]).toMatchObject({ id: factor!.id, status: 'verified', phone: phone.slice(1) });
  });

  it('a wrong SMS code fails with mfa_verification_failed "Invalid MFA Phone code entered"', async () => {
    const client = await signedIn(t);
    const phone = uniquePhone();
    const { data: factor } = await client.auth.mfa.enroll({ factorType: 'phone', phone });
    const { data: challenge } = await client.auth.mfa.challenge({ factorId: factor!.id });
    const code = (await latestSms(t, phone)).body.slice(-6);
    const wrong = code === '000000' ? '111111' : '000000';
    const { error } = await client.auth.mfa.verify({ factorId: factor!.id, challengeId: challenge!.id, code: wrong });
    expect(error).toMatchObject({ status: 422, code: 'mfa_verification_failed', message: 'Invalid MFA Phone code entered' });
  });

  it('a second SMS challenge within 5 seconds fails with 429 over_sms_send_rate_limit', async () => {
    const client = await signedIn(t);
    const { data: factor } = await client.auth.mfa.enroll({ factorType: 'phone', phone: uniquePhone() });
    expect((await client.auth.mfa.challenge({ factorId: factor!.id })).error).toBeNull();
    const { error } = await client.auth.mfa.challenge({ factorId: factor!.id });
    expect(error).toMatchObject({ status: 429, code: 'over_sms_send_rate_limit' });
    t.emulator.clock.advance(6);
    expect((await client.auth.mfa.challenge({ factorId: factor!.id })).error).toBeNull();
  });

  it('refuses a number that already has a verified factor with mfa_verified_factor_exists', async () => {
    const client = await signedIn(t);
    const phone = uniquePhone();
    const { data: factor } = await client.auth.mfa.enroll({ factorType: 'phone', phone });
    const { data: challenge } = await client.auth.mfa.challenge({ factorId: factor!.id });
    const code = (await latestSms(t, phone)).body.slice(-6);
    await client.auth.mfa.verify({ factorId: factor!.id, challengeId: challenge!.id, code });
    const { error } = await client.auth.mfa.enroll({ factorType: 'phone', phone, friendlyName: 'again' });
    expect(error).toMatchObject({ status: 422, code: 'mfa_verified_factor_exists' });
  });

  it('refuses a number that is not E.164 with validation_failed', async () => {
    const client = await signedIn(t);
    const { error } = await client.auth.mfa.enroll({ factorType: 'phone', phone: 'call me' });
    expect(error).toMatchObject({ status: 400, code: 'validation_failed', message: 'Invalid phone number format (E.164 required)' });
  });
});

describe('phone multi-factor authentication when off (the default)', () => {
  const t = useEmulator();

  it('refuses to enroll with mfa_phone_enroll_not_enabled', async () => {
    const client = await signedIn(t);
    const { error } = await client.auth.mfa.enroll({ factorType: 'phone', phone: uniquePhone() });
    expect(error).toMatchObject({ status: 422, code: 'mfa_phone_enroll_not_enabled', message: 'MFA enroll is disabled for Phone' });
  });
});
