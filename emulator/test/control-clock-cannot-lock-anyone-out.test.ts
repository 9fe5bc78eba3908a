import { describe, expect, it } from 'vitest';
import { ClockRangeError } from '../src/clock.js';
import { useEmulator, type TestServer } from './support/emulator.js';

const clock = (t: TestServer, init: { method?: string; json?: unknown } = {}) =>
  fetch(`${t.url}/_/control/clock`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${t.emulator.keys.serviceRole}`, 'content-type': 'application/json' },
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
  });

describe('the control clock', () => {
  const t = useEmulator();

  it('refuses to move outside 1970..9999 with 400 naming the range, and keeps the time it had', async () => {
    for (const json of [{ set: 1e20 }, { set: -1 }, { set: '0001-01-01T00:00:00Z' }, { advance: 1e300 }, { advance: -1e12 }]) {
      const res = await clock(t, { method: 'POST', json });
      expect(res.status, JSON.stringify(json)).toBe(400);
      const body = await res.json();
      expect(body.error_code, JSON.stringify(json)).toBe('validation_failed');
      expect(body.msg).toContain('1970-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z');
    }
    // a year past 9999 is no ISO time JavaScript reads: the same 400, for that reason
    expect((await clock(t, { method: 'POST', json: { set: '10000-01-01T00:00:00Z' } })).status).toBe(400);
    const now = await (await clock(t)).json();
    expect(Math.abs(Date.parse(now.now) - Date.now())).toBeLessThan(60_000);
    expect(now.offset_seconds).toBe(0);
  });

  it('accepts the last second of year 9999', async () => {
    const res = await clock(t, { method: 'POST', json: { set: '9999-12-31T23:59:00Z' } });
    expect(res.status).toBe(200);
    expect((await res.json()).now).toMatch(/^9999-12-31T23:59/);
  });

  it('answers DELETE /clock after the clock passed the demo keys’ expiry, and the app works again', async () => {
    // the demo keys expire in 2032 (exp 1983812996); 400 million seconds is about 12.7 years on
    expect((await clock(t, { method: 'POST', json: { advance: 400_000_000 } })).status).toBe(200);
    // GoTrue's admin API follows the emulated clock, on which the service_role key has expired
    const admin = () => t.auth('/admin/users', { headers: { apikey: t.emulator.keys.serviceRole, authorization: `Bearer ${t.emulator.keys.serviceRole}` } });
    const refused = await admin();
    expect(refused.status).toBe(403);
    expect((await refused.json()).msg).toContain('token is expired');

    const read = await clock(t);
    expect(read.status).toBe(200);
    expect(new Date((await read.json()).now).getUTCFullYear()).toBeGreaterThan(2032);
    const restored = await clock(t, { method: 'DELETE' });
    expect(restored.status).toBe(200);
    expect((await restored.json()).offset_seconds).toBe(0);
    expect((await admin()).status).toBe(200);
  });

  it('refuses the same moves through the library’s clock, which stays where it was', () => {
    const before = t.emulator.clock.now().getTime();
    expect(() => t.emulator.clock.advance(1e20)).toThrow(ClockRangeError);
    expect(() => t.emulator.clock.set(new Date(Number.NaN))).toThrow(ClockRangeError);
    expect(Math.abs(t.emulator.clock.now().getTime() - before)).toBeLessThan(5_000);
  });
});
