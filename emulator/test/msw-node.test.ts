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

describe('mail links when the MSW handlers answer at another Supabase URL', () => {
  const SUPABASE_URL = 'http://localhost:54399';
  let emulator: Emulator;
  let server: ReturnType<typeof setupServer>;
  const client = (flowType: 'implicit' | 'pkce') =>
    createClient(SUPABASE_URL, emulator.keys.anon, {
      auth: { flowType, persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
      realtime: { transport: WebSocket as never },
    });
  beforeAll(async () => {
    emulator = await createEmulator({ config: { bcryptCost: 4, mailerAutoconfirm: false } });
    server = setupServer(...authlabHandlers(emulator, { url: SUPABASE_URL }));
    server.listen({ onUnhandledRequest: 'error' });
  });
  afterAll(async () => {
    server.close();
    await emulator.close();
  });

  it('a confirmation link points at the handlers URL, and following it gives a session supabase-js takes', async () => {
    const supabase = client('implicit');
    expect((await supabase.auth.signUp({ email: 'link@example.com', password: 'secret-123' })).error).toBeNull();

    const mail = (await emulator.inbox.latest('link@example.com'))!;
    expect(mail.type).toBe('signup');
    expect(mail.link).toMatch(new RegExp(`^${SUPABASE_URL}/auth/v1/verify\\?token=\\w+&type=signup&`));

    const followed = await emulator.inbox.follow(mail);
    expect(followed.error).toBeUndefined();
    const { data, error } = await supabase.auth.setSession(followed.session!);
    expect(error).toBeNull();
    expect(data.user!.email).toBe('link@example.com');
    expect(data.user!.email_confirmed_at).toBeTruthy();
    // the token names the URL the app reached the emulator at as its issuer
    expect(JSON.parse(atob(followed.session!.access_token.split('.')[1]!)).iss).toBe(`${SUPABASE_URL}/auth/v1`);
  });

  it('a magic link with PKCE gives a code that exchangeCodeForSession turns into a session', async () => {
    await emulator.reset();
    const supabase = client('pkce');
    await supabase.auth.signUp({ email: 'pkce@example.com', password: 'secret-123' });
    await emulator.inbox.follow((await emulator.inbox.latest('pkce@example.com'))!);
    emulator.clock.advance(61); // past the per-user mail frequency
    expect((await supabase.auth.signInWithOtp({ email: 'pkce@example.com' })).error).toBeNull();

    const mail = (await emulator.inbox.latest('pkce@example.com'))!;
    expect(mail.type).toBe('magiclink');
    expect(mail.link).toContain('type=magiclink');
    const followed = await emulator.inbox.follow(mail.link!);
    expect(followed.session).toBeUndefined();
    const { data, error } = await supabase.auth.exchangeCodeForSession(followed.code!);
    expect(error).toBeNull();
    expect(data.session!.user.email).toBe('pkce@example.com');
  });

  it('a link followed twice says it has expired, as GoTrue does', async () => {
    await emulator.reset();
    await client('implicit').auth.signUp({ email: 'twice@example.com', password: 'secret-123' });
    const mail = (await emulator.inbox.latest('twice@example.com'))!;
    expect((await emulator.inbox.follow(mail)).session).toBeDefined();
    const again = await emulator.inbox.follow(mail);
    expect(again.session).toBeUndefined();
    expect(again.error).toMatchObject({ error: 'access_denied', code: 'otp_expired' });
  });

  it('an apiExternalUrl given in the config is kept whatever URL the handlers answer at', async () => {
    const pinned = await createEmulator({ config: { bcryptCost: 4, mailerAutoconfirm: false, apiExternalUrl: 'https://auth.example.test/auth/v1' } });
    try {
      authlabHandlers(pinned, { url: 'http://localhost:54398' });
      const res = await pinned.fetch(
        new Request('http://localhost:54398/auth/v1/signup', {
          method: 'POST',
          headers: { apikey: pinned.keys.anon, 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'pinned@example.com', password: 'secret-123' }),
        }),
      );
      expect(res.status).toBe(200);
      expect((await pinned.inbox.latest('pinned@example.com'))!.link).toMatch(/^https:\/\/auth\.example\.test\/auth\/v1\/verify\?/);
    } finally {
      await pinned.close();
    }
  });
});
