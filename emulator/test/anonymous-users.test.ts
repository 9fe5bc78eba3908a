import { describe, expect, it } from 'vitest';
import { uniqueEmail, useEmulator, type TestServer } from './support/emulator.js';
import { follow, fragment, latestMail, latestSms, linkIn } from './support/mail.js';
import { TWILIO } from './support/sms-provider.js';

const claims = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;

async function signedInAnonymously(t: TestServer) {
  const client = t.client();
  const { data, error } = await client.auth.signInAnonymously({ options: { data: { theme: 'dark' } } });
  expect(error).toBeNull();
  return { client, session: data.session!, user: data.user! };
}

describe('anonymous sign-in', () => {
  const t = useEmulator({ config: { externalAnonymousUsersEnabled: true } });

  it('returns a session whose token says is_anonymous, amr anonymous, and no provider', async () => {
    const { session, user } = await signedInAnonymously(t);
    const c = claims(session.access_token);
    expect(c).toMatchObject({
      email: '',
      phone: '',
      role: 'authenticated',
      aal: 'aal1',
      is_anonymous: true,
      app_metadata: {},
      user_metadata: { theme: 'dark' },
    });
    expect(c.amr).toEqual([{ method: 'anonymous', timestamp: expect.any(Number) }]);
    expect(user).toMatchObject({ is_anonymous: true, app_metadata: {}, identities: [] });
  });

  it('refuses a password without an email or phone', async () => {
    const { client } = await signedInAnonymously(t);
    const { error } = await client.auth.updateUser({ password: 'secret-123' });
    expect(error).toMatchObject({
      status: 422,
      code: 'validation_failed',
      message: 'Updating password of an anonymous user without an email or phone is not allowed',
    });
  });

  it('becomes a permanent user at once when adding an email needs no confirmation (the local default)', async () => {
    const { client } = await signedInAnonymously(t);
    const email = uniqueEmail('anon');
    const { data, error } = await client.auth.updateUser({ email });
    expect(error).toBeNull();
    expect(data.user).toMatchObject({ email, is_anonymous: false });
    expect(data.user!.identities!.map((i) => i.provider)).toEqual(['email']);
    const refreshed = await client.auth.refreshSession();
    expect(claims(refreshed.data.session!.access_token)).toMatchObject({ email, is_anonymous: false });
    expect((await client.auth.updateUser({ password: 'secret-123' })).error).toBeNull();
    expect((await t.client().auth.signInWithPassword({ email, password: 'secret-123' })).error).toBeNull();
  });

  // as GoTrue: the email applied at once still goes through UpdateAppMetaDataProviders
  it('records provider email in app_metadata when the email is applied at once', async () => {
    const { client } = await signedInAnonymously(t);
    const { data } = await client.auth.updateUser({ email: uniqueEmail('anon') });
    expect(data.user!.app_metadata).toMatchObject({ provider: 'email', providers: ['email'] });
  });
});

describe('converting an anonymous user when confirmations are on', () => {
  const t = useEmulator({
    config: { externalAnonymousUsersEnabled: true, mailerAutoconfirm: false, externalPhoneEnabled: true, ...TWILIO, smsAutoconfirm: false },
  });

  it('mails the new address; the link makes the user permanent, with provider email', async () => {
    const { client, user } = await signedInAnonymously(t);
    const email = uniqueEmail('anon');
    const { data, error } = await client.auth.updateUser({ email });
    expect(error).toBeNull();
    expect(data.user).toMatchObject({ is_anonymous: true, new_email: email });
    expect(data.user!.email).toBeFalsy();

    const mail = await latestMail(t, email);
    expect(mail.Subject).toBe('Confirm Email Change');
    const landed = fragment(await follow(linkIn(mail)));
    expect(landed.type).toBe('email_change');
    expect(claims(landed.access_token!)).toMatchObject({ sub: user.id, email, is_anonymous: false });

    const after = await client.auth.getUser();
    expect(after.data.user).toMatchObject({
      id: user.id,
      email,
      is_anonymous: false,
      app_metadata: { provider: 'email', providers: ['email'] },
      user_metadata: expect.objectContaining({ theme: 'dark' }),
    });
    expect(after.data.user!.email_confirmed_at).toBeTruthy();
  });

  it('texts the new phone; verifying the code makes the user permanent, with provider phone', async () => {
    const { client, user } = await signedInAnonymously(t);
    const phone = `1555${String(Date.now()).slice(-7)}`;
    const { data, error } = await client.auth.updateUser({ phone });
    expect(error).toBeNull();
    expect(data.user).toMatchObject({ is_anonymous: true, new_phone: phone });

    const sms = await latestSms(t, phone);
    const verified = await client.auth.verifyOtp({ phone, token: sms.otp!, type: 'phone_change' });
    expect(verified.error).toBeNull();
    expect(verified.data.user).toMatchObject({
      id: user.id,
      phone,
      is_anonymous: false,
      app_metadata: { provider: 'phone', providers: ['phone'] },
    });
    expect(claims(verified.data.session!.access_token)).toMatchObject({ phone, is_anonymous: false });
  });
});
