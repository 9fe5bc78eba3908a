import { afterAll, beforeAll, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from 'authlab/node';
import { supabaseFor, uniqueEmail } from '../src/supabase.js';

let authlab: RunningEmulator;
beforeAll(async () => {
  authlab = await startEmulator({ config: { mailerAutoconfirm: false, bcryptCost: 4 } });
});
afterAll(() => authlab.stop());

it('a sign-up is confirmed with the code from the captured mail', async () => {
  const supabase = supabaseFor(authlab.url, authlab.anonKey);
  const email = uniqueEmail('node');
  const signUp = await supabase.auth.signUp({ email, password: 'secret-123' });
  expect(signUp.error).toBeNull();
  expect(signUp.data.session).toBeNull();

  const mail = await authlab.inbox.latest(email);
  expect(mail?.otp).toMatch(/^\d{6}$/);
  const verified = await supabase.auth.verifyOtp({ email, token: mail?.otp ?? '', type: 'email' });
  expect(verified.error).toBeNull();
  expect(verified.data.session?.user.email).toBe(email);
});

it('a code older than its hour is refused once the clock moves on', async () => {
  const supabase = supabaseFor(authlab.url, authlab.anonKey);
  const email = uniqueEmail('clock');
  await supabase.auth.signUp({ email, password: 'secret-123' });
  const mail = await authlab.inbox.latest(email);
  authlab.clock.advance(60 * 60 + 1);
  const late = await supabase.auth.verifyOtp({ email, token: mail?.otp ?? '', type: 'email' });
  expect(late.error?.code).toBe('otp_expired');
});
