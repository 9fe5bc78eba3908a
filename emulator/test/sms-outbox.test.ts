import { describe, expect, it } from 'vitest';
import { useInbox } from './support/inbox.js';

const json = (res: Response) => res.json() as Promise<any>;

describe('SMS outbox', () => {
  const t = useInbox();
  const get = (path: string) => fetch(`${t.url}/sms${path}`);

  it('lists captured SMS newest first in camelCase JSON', async () => {
    await t.sms({ phone: '15550100', body: 'Your code is 111111', otp: '111111' });
    await t.sms({ phone: '447700900123', body: 'Your code is 222222', otp: '222222', channel: 'whatsapp', sms_type: 'phone_change' });
    const res = await get('/api/v1/sms');
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual([
      {
        id: 'sms1',
        phone: '447700900123',
        body: 'Your code is 222222',
        channel: 'whatsapp',
        type: 'phone_change',
        otp: '222222',
        userId: null,
        createdAt: '2026-01-15T09:00:01.000Z',
      },
      expect.objectContaining({ id: 'sms0', phone: '15550100', otp: '111111', type: 'sms', channel: 'sms' }),
    ]);
  });

  it('filters by phone written with or without "+"', async () => {
    await t.sms({ phone: '15550100' });
    await t.sms({ phone: '15550199' });
    await t.sms({ phone: '15550100' });
    const ids = async (query: string) => (await json(await get(`/api/v1/sms?${query}`))).map((m: any) => m.id);
    expect(await ids('phone=15550100')).toEqual(['sms2', 'sms0']);
    expect(await ids(`phone=${encodeURIComponent('+15550100')}`)).toEqual(['sms2', 'sms0']);
    // an unescaped "+" arrives as a space: still the same number
    expect(await ids('phone=+15550100')).toEqual(['sms2', 'sms0']);
    expect(await ids('phone=15559999')).toEqual([]);
    expect(await ids('limit=1')).toEqual(['sms2']);
  });

  it('returns the newest SMS to a number at /latest, and 404 when there is none', async () => {
    await t.sms({ phone: '15550100', otp: '111111' });
    await t.sms({ phone: '15550199', otp: '999999' });
    await t.sms({ phone: '15550100', otp: '333333' });
    expect((await json(await get('/api/v1/sms/latest?phone=%2B15550100'))).otp).toBe('333333');
    expect((await json(await get('/api/v1/sms/latest'))).otp).toBe('333333');
    const none = await get('/api/v1/sms/latest?phone=15559999');
    expect(none.status).toBe(404);
    expect(await none.text()).toBe('SMS not found');
  });

  it('deletes the SMS to one number, or all of them', async () => {
    await t.sms({ phone: '15550100' });
    await t.sms({ phone: '15550199' });
    const one = await fetch(`${t.url}/sms/api/v1/sms?phone=%2B15550100`, { method: 'DELETE' });
    expect(await one.text()).toBe('ok');
    expect((await json(await get('/api/v1/sms'))).map((m: any) => m.phone)).toEqual(['15550199']);
    await fetch(`${t.url}/sms/api/v1/sms`, { method: 'DELETE' });
    expect(await json(await get('/api/v1/sms'))).toEqual([]);
  });

  it('shows the outbox page with each SMS escaped and its OTP ready to copy', async () => {
    await t.sms({ phone: '15550100', body: 'Code <b>777777</b> "&"', otp: '777777' });
    const res = await get('/');
    expect(res.status).toBe(200);
    expect((await get('')).status).toBe(200);
    expect(res.headers.get('content-security-policy')).toMatch(/script-src 'nonce-[^']+'/);
    const page = await res.text();
    expect(page).toContain('+15550100');
    expect(page).toContain('Code &lt;b&gt;777777&lt;/b&gt; &quot;&amp;&quot;');
    expect(page).toContain('<button data-copy="777777">Copy</button>');
  });

  it('is served inside the inbox app, so one port serves mail and SMS', async () => {
    await t.sms();
    await t.mail();
    expect((await json(await fetch(`${t.url}/sms/api/v1/sms`))).length).toBe(1);
    expect((await json(await fetch(`${t.url}/api/v1/messages`))).total).toBe(1);
    expect((await fetch(`${t.url}/sms/nope`)).status).toBe(404);
  });
});
