import { describe, expect, it } from 'vitest';
import type { WireEntry } from '../wire/wire-log.js';
import { verdictOf } from './server-verdict.js';

const KEY = 'anon-key';
let seq = 0;
function entry(deviceId: string, method: string, path: string, status: number, options: { bearer?: string; body?: string } = {}): WireEntry {
  return {
    seq: ++seq,
    deviceId,
    method,
    url: `http://127.0.0.1:54321/auth/v1${path}`,
    status,
    durationMs: 1,
    requestHeaders: { apikey: KEY, authorization: `Bearer ${options.bearer ?? KEY}` },
    requestBody: '',
    responseHeaders: {},
    responseBody: options.body ?? '{}',
  };
}

describe('what GoTrue last said about a device’s session', () => {
  it('is refused after a refresh answered refresh_token_not_found, even though supabase-js still stores it', () => {
    const log = [
      entry('A', 'POST', '/token?grant_type=password', 200),
      entry('A', 'POST', '/token?grant_type=refresh_token', 400, { body: '{"code":400,"error_code":"refresh_token_not_found"}' }),
    ];
    expect(verdictOf(log, 'A', KEY)).toMatchObject({ state: 'refused', code: 'refresh_token_not_found' });
  });

  it('is refused when GET /user with the access token answers 403 session_not_found', () => {
    const log = [entry('B', 'GET', '/user', 403, { bearer: 'eyJ.user.token', body: '{"error_code":"session_not_found"}' })];
    expect(verdictOf(log, 'B', KEY)).toMatchObject({ state: 'refused', status: 403, code: 'session_not_found' });
  });

  it('is accepted again after a new sign-in, and other devices’ calls do not count', () => {
    const log = [
      entry('A', 'GET', '/user', 403, { bearer: 'eyJ.old', body: '{"error_code":"session_not_found"}' }),
      entry('A', 'POST', '/token?grant_type=password', 200),
      entry('B', 'GET', '/user', 403, { bearer: 'eyJ.b', body: '{"error_code":"session_not_found"}' }),
    ];
    expect(verdictOf(log, 'A', KEY)).toMatchObject({ state: 'accepted' });
  });

  it('says nothing for calls made with the API key alone, a wrong password, or a bad input', () => {
    const log = [
      entry('A', 'POST', '/token?grant_type=password', 400, { body: '{"error_code":"invalid_credentials"}' }),
      entry('A', 'PUT', '/user', 422, { bearer: 'eyJ.user', body: '{"error_code":"weak_password"}' }),
      entry('A', 'GET', '/settings', 200),
    ];
    expect(verdictOf(log, 'A', KEY)).toBeNull();
  });
});
