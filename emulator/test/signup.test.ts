import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { uniqueEmail, useEmulator } from './support/emulator.js';

describe('sign-up with autoconfirm (the supabase start default)', () => {
  const t = useEmulator();

  it('signUp returns a session whose access token carries GoTrue claims', async () => {
    const email = uniqueEmail();
    const { data, error } = await t.client().auth.signUp({ email, password: 'secret-123', options: { data: { name: 'Ada' } } });
    expect(error).toBeNull();
    expect(data.session).not.toBeNull();
    const user = data.user!;
    expect(user.email).toBe(email);
    expect(user.role).toBe('authenticated');
    expect(user.aud).toBe('authenticated');
    expect(user.email_confirmed_at).toBeTruthy();
    expect(user.app_metadata).toEqual({ provider: 'email', providers: ['email'] });
    expect(user.user_metadata).toMatchObject({ name: 'Ada', email, email_verified: true, sub: user.id });
    expect(user.identities).toHaveLength(1);
    expect(user.identities![0]).toMatchObject({ provider: 'email', id: user.id, user_id: user.id });

    const claims = decodeJwt(data.session!.access_token);
    expect(Object.keys(claims)).toEqual([
      'iss', 'sub', 'aud', 'exp', 'iat', 'email', 'phone', 'app_metadata', 'user_metadata', 'role', 'aal', 'amr',
      'session_id', 'is_anonymous',
    ]);
    expect(claims).toMatchObject({
      iss: `${t.emulator.config.apiExternalUrl}`,
      sub: user.id,
      aud: 'authenticated',
      role: 'authenticated',
      aal: 'aal1',
      email,
      phone: '',
      is_anonymous: false,
    });
    expect(claims.exp! - claims.iat!).toBe(3600);
    expect((claims.amr as { method: string }[])[0]!.method).toBe('password');
    expect(data.session!.refresh_token).toMatch(/^[a-z2-7]{12}$/);
  });

  it('lowercases the email and refuses a second sign-up with user_already_exists', async () => {
    const email = uniqueEmail('Mixed');
    await t.client().auth.signUp({ email: email.toUpperCase(), password: 'secret-123' });
    const { data, error } = await t.client().auth.signUp({ email, password: 'another-456' });
    expect(data.user).toBeNull();
    expect(error).toMatchObject({ status: 422, code: 'user_already_exists', message: 'User already registered' });
  });

  it('rejects a short password with weak_password and its reasons', async () => {
    const { error } = await t.client().auth.signUp({ email: uniqueEmail(), password: '123' });
    expect(error).toMatchObject({ status: 422, code: 'weak_password', reasons: ['length'] });
    expect(error!.message).toBe('Password should be at least 6 characters.');
  });

  it('rejects a malformed email with validation_failed', async () => {
    const { error } = await t.client().auth.signUp({ email: 'not-an-email', password: 'secret-123' });
    expect(error).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(error!.message).toBe('Unable to validate email address: invalid format');
  });

  it('refuses anonymous sign-in while it is disabled', async () => {
    const { error } = await t.client().auth.signInAnonymously();
    expect(error).toMatchObject({ status: 422, code: 'anonymous_provider_disabled' });
  });

  it('stores a bcrypt hash in GoTrue format', async () => {
    const email = uniqueEmail();
    await t.client().auth.signUp({ email, password: 'secret-123' });
    const [row] = await t.emulator.db.query<{ encrypted_password: string }>(
      'select encrypted_password from auth.users where email = $1',
      [email],
    );
    expect(row!.encrypted_password).toMatch(/^\$2a\$04\$[./A-Za-z0-9]{53}$/);
  });
});

describe('sign-up with email confirmations on', () => {
  const t = useEmulator({ config: { mailerAutoconfirm: false, smsAutoconfirm: false } });

  it('returns the user without a session until the email is confirmed', async () => {
    const email = uniqueEmail();
    const { data, error } = await t.client().auth.signUp({ email, password: 'secret-123' });
    expect(error).toBeNull();
    expect(data.session).toBeNull();
    expect(data.user!.email).toBe(email);
    expect(data.user!.email_confirmed_at).toBeUndefined();
    expect(data.user!.confirmation_sent_at).toBeTruthy();
  });

  it('answers a repeated sign-up of a confirmed user with a look-alike user, not an error', async () => {
    const email = uniqueEmail();
    const first = await t.client().auth.signUp({ email, password: 'secret-123' });
    await t.emulator.db.query('update auth.users set email_confirmed_at = now() where id = $1', [first.data.user!.id]);
    const { data, error } = await t.client().auth.signUp({ email, password: 'secret-123' });
    expect(error).toBeNull();
    expect(data.session).toBeNull();
    expect(data.user!.id).not.toBe(first.data.user!.id);
    expect(data.user!.identities).toEqual([]);
    const [{ n }] = (await t.emulator.db.query<{ n: number }>('select count(*)::int as n from auth.users')) as [{ n: number }];
    expect(n).toBe(1);
  });

  it('signs in an unconfirmed user with email_not_confirmed, after checking the password', async () => {
    const email = uniqueEmail();
    await t.client().auth.signUp({ email, password: 'secret-123' });
    const wrong = await t.client().auth.signInWithPassword({ email, password: 'wrong-pass' });
    expect(wrong.error).toMatchObject({ status: 400, code: 'invalid_credentials' });
    const { error } = await t.client().auth.signInWithPassword({ email, password: 'secret-123' });
    expect(error).toMatchObject({ status: 400, code: 'email_not_confirmed', message: 'Email not confirmed' });
  });
});
