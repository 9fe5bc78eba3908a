import { createClient } from '@supabase/supabase-js';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { authlabHandlers } from '../src/adapters/msw.js';
import { createEmulator, type Emulator } from '../src/index.js';

describe('the emulator inside the test process through MSW (no server)', () => {
  let emulator: Emulator;
  let server: ReturnType<typeof setupServer>;
  beforeAll(async () => {
    emulator = await createEmulator({ config: { bcryptCost: 4, mailerAutoconfirm: false } });
    server = setupServer(...authlabHandlers(emulator));
    // anything not meant for the emulator must fail loudly, not reach the network
    server.listen({ onUnhandledRequest: 'error' });
  });
  afterAll(async () => {
    server.close();
    await emulator.close();
  });

  it('signs up, reads the mail, confirms and signs in with supabase-js at the usual local URL', async () => {
    const supabase = createClient('http://127.0.0.1:54321', emulator.keys.anon, {
      auth: { persistSession: false, autoRefreshToken: false },
      realtime: { transport: WebSocket as never },
    });
    const { data, error } = await supabase.auth.signUp({ email: 'msw@example.com', password: 'secret-123' });
    expect(error).toBeNull();
    expect(data.session).toBeNull();

    const mail = await (await fetch('http://127.0.0.1:54321/_/inbox/api/v1/message/latest')).json();
    expect(mail.Subject).toBe('Confirm Your Email');
    const code = /code: (\d{6})/.exec(mail.Text)![1]!;
    expect((await supabase.auth.verifyOtp({ email: 'msw@example.com', token: code, type: 'signup' })).error).toBeNull();

    const signIn = await supabase.auth.signInWithPassword({ email: 'msw@example.com', password: 'secret-123' });
    expect(signIn.error).toBeNull();
    expect(signIn.data.user!.email_confirmed_at).toBeTruthy();
  });
});
