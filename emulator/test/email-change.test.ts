import { describe, expect, it } from 'vitest';
import { uniqueEmail, useEmulator, type TestServer } from './support/emulator.js';
import { codeIn, follow, fragment, latestMail, linkIn } from './support/mail.js';

async function signedIn(t: TestServer) {
  const email = uniqueEmail('old');
  const client = t.client();
  await t.emulator.db.query('select 1'); // the emulator is ready
  const signUp = await client.auth.signUp({ email, password: 'secret-123' });
  if (!signUp.data.session) {
    // confirmations on: confirm through the mailed code first
    const { data } = await client.auth.verifyOtp({ email, token: codeIn(await latestMail(t, email)), type: 'signup' });
    await client.auth.setSession(data.session!);
  } else {
    await client.auth.setSession(signUp.data.session);
  }
  return { client, email };
}

describe('email change with secure (double) confirmation', () => {
  const t = useEmulator({ config: { mailerAutoconfirm: false } });

  it('mails both addresses; the first link is acknowledged, the second applies the change', async () => {
    const { client, email } = await signedIn(t);
    const next = uniqueEmail('new');
    const { data, error } = await client.auth.updateUser({ email: next });
    expect(error).toBeNull();
    expect(data.user!.new_email).toBe(next);

    const toNew = await latestMail(t, next);
    const toOld = await latestMail(t, email);
    expect(toNew.Subject).toBe('Confirm Email Change');
    expect(toOld.Subject).toBe('Confirm Email Change');
    expect(toNew.HTML).toContain(`from ${email} to ${next}`);

    const first = await follow(linkIn(toOld));
    expect(fragment(first).message).toBe('Confirmation link accepted. Please proceed to confirm link sent to the other email');
    expect((await client.auth.getUser()).data.user!.email).toBe(email);

    const second = fragment(await follow(linkIn(toNew)));
    expect(second.type).toBe('email_change');
    const { data: after } = await client.auth.getUser();
    expect(after.user!.email).toBe(next);
    expect(after.user!.new_email).toBeUndefined();
    expect((await t.client().auth.signInWithPassword({ email: next, password: 'secret-123' })).error).toBeNull();
  });

  it('accepts the two codes through verifyOtp type email_change', async () => {
    const { client, email } = await signedIn(t);
    const next = uniqueEmail('new');
    await client.auth.updateUser({ email: next });
    const first = await t.client().auth.verifyOtp({ email, token: codeIn(await latestMail(t, email)), type: 'email_change' });
    expect(first.error).toBeNull();
    expect(first.data.session).toBeNull();
    const second = await t.client().auth.verifyOtp({ email: next, token: codeIn(await latestMail(t, next)), type: 'email_change' });
    expect(second.error).toBeNull();
    expect(second.data.user!.email).toBe(next);
  });
});

describe('email change with autoconfirm (the local default)', () => {
  const t = useEmulator();

  it('still needs a link, but either one completes the change', async () => {
    const { client } = await signedIn(t);
    const next = uniqueEmail('new');
    await client.auth.updateUser({ email: next });
    await follow(linkIn(await latestMail(t, next)));
    expect((await client.auth.getUser()).data.user!.email).toBe(next);
  });
});

describe('rate limits', () => {
  const t = useEmulator({ config: { mailerAutoconfirm: false, rateLimitEmailSent: 2, rateLimitHeader: 'x-forwarded-for', rateLimitOtp: 3 } });

  it('stops sending mail once the hourly quota is spent, and refills with time', async () => {
    await t.client().auth.signUp({ email: uniqueEmail(), password: 'secret-123' });
    await t.client().auth.signUp({ email: uniqueEmail(), password: 'secret-123' });
    const third = await t.client().auth.signUp({ email: uniqueEmail(), password: 'secret-123' });
    expect(third.error).toMatchObject({ status: 429, code: 'over_email_send_rate_limit', message: 'email rate limit exceeded' });
    // nothing half-written: the refused sign-up left no user behind
    const { n } = (await t.emulator.db.query<{ n: number }>('select count(*)::int as n from auth.users'))[0]!;
    expect(n).toBe(2);
    t.emulator.clock.advance(60 * 60);
    expect((await t.client().auth.signUp({ email: uniqueEmail(), password: 'secret-123' })).error).toBeNull();
  });

  it('limits requests per IP only when the IP header is configured and present, with GoTrue\'s burst of 30', async () => {
    const send = (ip?: string) =>
      t.auth('/recover', { method: 'POST', json: { email: uniqueEmail() }, headers: ip ? { 'x-forwarded-for': ip } : {} });
    // the limit is 3 per 5 minutes, but the bucket starts with 30
    for (let i = 0; i < 30; i++) expect((await send('10.0.0.1')).status).toBe(200);
    const limited = await send('10.0.0.1');
    expect(limited.status).toBe(429);
    expect((await limited.json()).error_code).toBe('over_request_rate_limit');
    expect((await send('10.0.0.2')).status).toBe(200);
    expect((await send()).status).toBe(200);
    // then it refills at the configured pace: 3 per 300 s is one every 100 s
    t.emulator.clock.advance(100);
    expect((await send('10.0.0.1')).status).toBe(200);
    expect((await send('10.0.0.1')).status).toBe(429);
    // and an hour after it was made, the IP's bucket is thrown away: a full burst again
    t.emulator.clock.advance(3600);
    for (let i = 0; i < 30; i++) expect((await send('10.0.0.1')).status).toBe(200);
    expect((await send('10.0.0.1')).status).toBe(429);
  });
});

describe('a per-IP limit of 0', () => {
  const t = useEmulator({ config: { rateLimitHeader: 'x-forwarded-for', rateLimitOtp: 0 } });

  it('still lets GoTrue\'s burst of 30 through, and nothing more', async () => {
    const send = () => t.auth('/recover', { method: 'POST', json: { email: uniqueEmail() }, headers: { 'x-forwarded-for': '10.0.0.3' } });
    for (let i = 0; i < 30; i++) expect((await send()).status).toBe(200);
    t.emulator.clock.advance(300); // no pace to refill at
    expect((await send()).status).toBe(429);
  });
});
