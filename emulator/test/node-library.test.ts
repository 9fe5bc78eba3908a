import { createClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startEmulator, type RunningEmulator } from '../src/node.js';
import { TWILIO } from './support/sms-provider.js';

/** The README's Node example, line for line: startEmulator and its inbox, SMS, reset and clock helpers. */
describe('startEmulator (authlab/node)', () => {
  let authlab: RunningEmulator;
  beforeAll(async () => {
    authlab = await startEmulator({ config: { mailerAutoconfirm: false, bcryptCost: 4, externalPhoneEnabled: true, ...TWILIO, smsAutoconfirm: false } });
  });
  afterAll(() => authlab?.stop());
  const client = () => createClient(authlab.url, authlab.anonKey, { auth: { persistSession: false }, realtime: { transport: WebSocket as never } });

  it('reads the newest mail to an address with its code and link picked out', async () => {
    expect(await authlab.inbox.latest('ada@example.com')).toBeUndefined();
    expect((await client().auth.signUp({ email: 'ada@example.com', password: 'secret-123' })).error).toBeNull();
    const mail = await authlab.inbox.latest('ada@example.com');
    expect(mail).toMatchObject({ subject: 'Confirm Your Email', to: 'ada@example.com', type: 'signup' });
    expect(mail!.otp).toMatch(/^\d{6}$/);
    expect(mail!.html).toContain(mail!.link!.replaceAll('&', '&amp;'));
    // the link confirms the address, as a person clicking it would
    expect((await fetch(mail!.link!, { redirect: 'manual' })).status).toBe(303);
    const { data } = await client().auth.signInWithPassword({ email: 'ada@example.com', password: 'secret-123' });
    expect(data.user?.email_confirmed_at).toBeTruthy();
  });

  it('reads the newest SMS to a number with its code', async () => {
    expect((await client().auth.signInWithOtp({ phone: '+15550001111' })).error).toBeNull();
    const sms = await authlab.sms.latest('+15550001111');
    expect(sms?.otp).toMatch(/^\d{6}$/);
    expect(sms?.body).toContain(sms!.otp!);
    const { error } = await client().auth.verifyOtp({ phone: '+15550001111', token: sms!.otp!, type: 'sms' });
    expect(error).toBeNull();
  });

  it('reset() empties users and mail; clock.advance() expires a code without sleeping', async () => {
    const admin = createClient(authlab.url, authlab.serviceRoleKey, { auth: { persistSession: false }, realtime: { transport: WebSocket as never } }).auth.admin;
    // the earlier tests left ada (by email) and a phone user
    expect((await admin.listUsers()).data.users).toHaveLength(2);
    await authlab.reset();
    expect(await authlab.inbox.latest('ada@example.com')).toBeUndefined();
    expect(await authlab.sms.latest('+15550001111')).toBeUndefined();
    expect((await admin.listUsers()).data.users).toEqual([]);
    const signIn = await client().auth.signInWithPassword({ email: 'ada@example.com', password: 'secret-123' });
    expect(signIn.error?.code).toBe('invalid_credentials');
    await client().auth.signUp({ email: 'bo@example.com', password: 'secret-123' });
    const { otp } = (await authlab.inbox.latest('bo@example.com'))!;
    authlab.clock.advance(3601);
    const { error } = await client().auth.verifyOtp({ email: 'bo@example.com', token: otp!, type: 'signup' });
    expect(error?.code).toBe('otp_expired');
    authlab.clock.restore();
  });
});
