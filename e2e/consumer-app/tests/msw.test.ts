import { setupServer } from 'msw/node';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createEmulator, type Emulator } from 'authlab';
import { authlabHandlers } from 'authlab/msw';
import { supabaseFor, uniqueEmail } from '../src/supabase.js';

// nothing listens on 54321: MSW hands supabase-js's requests to the emulator in this process
const SUPABASE_URL = 'http://127.0.0.1:54321';
let emulator: Emulator;
let server: ReturnType<typeof setupServer>;

beforeAll(async () => {
  emulator = await createEmulator({ config: { bcryptCost: 4 } });
  server = setupServer(...authlabHandlers(emulator));
  server.listen({ onUnhandledRequest: 'error' });
});
afterAll(async () => {
  server.close();
  await emulator.close();
});

it('supabase-js signs up and back in through MSW, with no server running', async () => {
  const supabase = supabaseFor(SUPABASE_URL, emulator.keys.anon);
  const email = uniqueEmail('msw');
  const signUp = await supabase.auth.signUp({ email, password: 'secret-123' });
  expect(signUp.error).toBeNull();
  expect(signUp.data.session?.user.email).toBe(email);

  await supabase.auth.signOut();
  const signIn = await supabase.auth.signInWithPassword({ email, password: 'secret-123' });
  expect(signIn.error).toBeNull();
  const { data } = await supabase.auth.getUser(signIn.data.session?.access_token);
  expect(data.user?.email).toBe(email);
});
