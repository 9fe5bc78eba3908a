import { describe, expect, it } from 'vitest';
import { uniqueEmail, useEmulator } from './support/emulator.js';

describe('signInWithPassword', () => {
  const t = useEmulator();

  it('signs in with the password given at sign-up and reports no weak password', async () => {
    const email = uniqueEmail();
    await t.client().auth.signUp({ email, password: 'secret-123' });
    const { data, error } = await t.client().auth.signInWithPassword({ email, password: 'secret-123' });
    expect(error).toBeNull();
    expect(data.session!.user.email).toBe(email);
    expect(data.user!.last_sign_in_at).toBeTruthy();
    expect(data.weakPassword).toBeUndefined();
  });

  it('puts "weak_password": null on the wire when the password is fine, as GoTrue does', async () => {
    const email = uniqueEmail();
    await t.client().auth.signUp({ email, password: 'secret-123' });
    const res = await t.auth('/token?grant_type=password', { method: 'POST', json: { email, password: 'secret-123' } });
    const body = await res.json();
    expect(res.status).toBe(200);
    expect(Object.keys(body)).toEqual(['access_token', 'token_type', 'expires_in', 'expires_at', 'refresh_token', 'user', 'weak_password']);
    expect(body.weak_password).toBeNull();
    expect(body.token_type).toBe('bearer');
  });

  it('answers a wrong password and an unknown email alike: invalid_credentials', async () => {
    const email = uniqueEmail();
    await t.client().auth.signUp({ email, password: 'secret-123' });
    const wrong = await t.client().auth.signInWithPassword({ email, password: 'not-it-123' });
    const unknown = await t.client().auth.signInWithPassword({ email: uniqueEmail(), password: 'secret-123' });
    for (const { error } of [wrong, unknown]) {
      expect(error).toMatchObject({ status: 400, code: 'invalid_credentials', message: 'Invalid login credentials' });
    }
  });

  it('finds the user whatever the case of the email', async () => {
    const email = uniqueEmail();
    await t.client().auth.signUp({ email, password: 'secret-123' });
    const { error } = await t.client().auth.signInWithPassword({ email: email.toUpperCase(), password: 'secret-123' });
    expect(error).toBeNull();
  });

  it('signs in a password that today\'s rules call weak, and says so', async () => {
    const email = uniqueEmail();
    await t.client().auth.signUp({ email, password: 'secret-123' });
    t.emulator.config.passwordMinLength = 12;
    try {
      const { data, error } = await t.client().auth.signInWithPassword({ email, password: 'secret-123' });
      expect(error).toBeNull();
      expect(data.weakPassword).toEqual({ message: 'Password should be at least 12 characters.', reasons: ['length'] });
    } finally {
      t.emulator.config.passwordMinLength = 6;
    }
  });

  it('refuses an unsupported grant type as GoTrue does', async () => {
    const res = await t.auth('/token?grant_type=magic', { method: 'POST', json: {} });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ code: 400, error_code: 'invalid_credentials', msg: 'unsupported_grant_type' });
  });

  it('verifies passwords hashed at GoTrue\'s cost 10', async () => {
    const emulatorDefaultCost = t.emulator.config.bcryptCost;
    t.emulator.config.bcryptCost = 10;
    try {
      const email = uniqueEmail();
      await t.client().auth.signUp({ email, password: 'secret-123' });
      const [row] = await t.emulator.db.query<{ encrypted_password: string }>(
        'select encrypted_password from auth.users where email = $1',
        [email],
      );
      expect(row!.encrypted_password.startsWith('$2a$10$')).toBe(true);
      const { error } = await t.client().auth.signInWithPassword({ email, password: 'secret-123' });
      expect(error).toBeNull();
    } finally {
      t.emulator.config.bcryptCost = emulatorDefaultCost;
    }
  });
});
