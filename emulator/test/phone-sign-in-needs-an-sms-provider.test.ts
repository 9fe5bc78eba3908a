import { describe, expect, it } from 'vitest';
import { latestSms } from './support/mail.js';
import { uniqueEmail, useEmulator } from './support/emulator.js';
import { TWILIO_ENV } from './support/sms-provider.js';

/**
 * `supabase start` turns phone sign-in off when no SMS provider is enabled; with a provider, GoTrue
 * sends through it, and answers 500 when the provider's settings are ones it cannot use.
 */

describe('phone sign-in without an SMS provider, as supabase start', () => {
  // GOTRUE_EXTERNAL_PHONE_ENABLED alone is the CLI's enable_signup = true with no provider
  const t = useEmulator({ env: { GOTRUE_EXTERNAL_PHONE_ENABLED: 'true' } });

  it('is off: /settings says so and an SMS code is refused with phone_provider_disabled', async () => {
    expect((await (await t.auth('/settings')).json()).external.phone).toBe(false);
    const { error } = await t.client().auth.signInWithOtp({ phone: '+15550123001' });
    expect(error).toMatchObject({ status: 400, code: 'phone_provider_disabled', message: 'Unsupported phone provider' });
    const signUp = await t.client().auth.signUp({ phone: '+15550123002', password: 'secret-123' });
    expect(signUp.error).toMatchObject({ status: 400, code: 'phone_provider_disabled', message: 'Phone signups are disabled' });
  });
});

describe('phone sign-in with an SMS provider GoTrue accepts', () => {
  const t = useEmulator({ env: { GOTRUE_EXTERNAL_PHONE_ENABLED: 'true', ...TWILIO_ENV } });

  it('texts the code to the outbox and verifyOtp signs the user in', async () => {
    const phone = '+15550123003';
    expect((await (await t.auth('/settings')).json()).external.phone).toBe(true);
    expect((await t.client().auth.signInWithOtp({ phone })).error).toBeNull();
    const sms = await latestSms(t, phone);
    const { data, error } = await t.client().auth.verifyOtp({ phone, token: sms.otp!, type: 'sms' });
    expect(error).toBeNull();
    expect(data.session?.user.phone).toBe('15550123003');
  });
});

describe('phone sign-in with an SMS provider whose settings GoTrue refuses (Twilio without an account SID)', () => {
  const { GOTRUE_SMS_TWILIO_ACCOUNT_SID: _left, ...withoutSid } = TWILIO_ENV;
  const t = useEmulator({
    env: { GOTRUE_EXTERNAL_PHONE_ENABLED: 'true', ...withoutSid, GOTRUE_SMS_TEST_OTP: '15550123009:123456' },
    config: { mfaPhoneEnrollEnabled: true, mfaPhoneVerifyEnabled: true },
  });

  it('answers an SMS code with GoTrue\'s 500 unexpected_failure "Unable to get SMS provider"', async () => {
    const res = await t.auth('/otp', { method: 'POST', json: { phone: '+15550123004' } });
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({
      code: 500,
      error_code: 'unexpected_failure',
      msg: 'Unable to get SMS provider',
      error_id: expect.any(String),
    });
    const { error } = await t.client().auth.signInWithOtp({ phone: '+15550123005' });
    expect(error).toMatchObject({ status: 500, message: 'Unable to get SMS provider' }); // supabase-js: a retryable fetch error
  });

  it('still signs in a test OTP number, which sends nothing', async () => {
    const phone = '+15550123009';
    expect((await t.client().auth.signInWithOtp({ phone })).error).toBeNull();
    const { data, error } = await t.client().auth.verifyOtp({ phone, token: '123456', type: 'sms' });
    expect(error).toBeNull();
    expect(data.session).not.toBeNull();
  });

  it('fails a phone MFA challenge as GoTrue does: 500 "Failed to get SMS provider"', async () => {
    const client = t.client();
    const { data } = await client.auth.signUp({ email: uniqueEmail(), password: 'secret-123' });
    await client.auth.setSession(data.session!);
    const { data: factor } = await client.auth.mfa.enroll({ factorType: 'phone', phone: '+15550123006' });
    const { error } = await client.auth.mfa.challenge({ factorId: factor!.id });
    // supabase-js reports any 5xx as a retryable fetch error, with GoTrue's message
    expect(error).toMatchObject({ status: 500, message: 'Failed to get SMS provider' });
  });
});
