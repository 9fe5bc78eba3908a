import { describe, expect, it } from 'vitest';
import { postChunked } from './support/chunked.js';
import { uniqueEmail, useEmulator } from './support/emulator.js';

const LIMIT = 1024 * 1024;
const TOO_LARGE = { code: 413, error_code: 'request_entity_too_large', msg: `Request body too large (max ${LIMIT} bytes)` };

describe('request bodies are bounded at 1 MiB', () => {
  const t = useEmulator({ config: { oauthServerEnabled: true } });
  const json = { 'content-type': 'application/json' };
  const form = { 'content-type': 'application/x-www-form-urlencoded' };

  it('answers 413 request_entity_too_large to a chunked sign-up over 1 MiB, without reading the rest', async () => {
    const res = await postChunked(`${t.url}/auth/v1/signup`, 8 * LIMIT, { headers: { ...json, apikey: t.emulator.keys.anon } });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toEqual(TOO_LARGE);
    expect(res.headers['x-sb-error-code']).toBe('request_entity_too_large');
  });

  it('answers 413 to a declared Content-Length over 1 MiB in the {code, message} shape supabase-js asks for', async () => {
    const res = await t.auth('/signup', {
      method: 'POST',
      headers: { ...json, 'x-supabase-api-version': '2024-01-01' },
      body: JSON.stringify({ email: uniqueEmail(), password: 'secret-123', data: { pad: 'x'.repeat(LIMIT) } }),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ code: 'request_entity_too_large', message: TOO_LARGE.msg });
  });

  it('still signs up with a chunked body under the limit', async () => {
    const email = uniqueEmail();
    const body = JSON.stringify({ email, password: 'secret-123', data: { pad: 'x'.repeat(LIMIT - 1000) } });
    const res = await t.auth('/signup', {
      method: 'POST',
      headers: json,
      // a stream has no Content-Length: Node sends it chunked
      body: new Blob([body]).stream(),
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(200);
    expect((await res.json()).user.email).toBe(email);
  });

  // the routes that read bodies on their own, outside the JSON reader
  const routes: [string, string, Record<string, string>][] = [
    ['POST', '/auth/v1/callback', form],
    ['POST', '/auth/v1/oauth/token', form],
    ['POST', '/auth/v1/oauth/clients/register', json],
    ['POST', '/_/idp/github/authorize', form],
    ['POST', '/_/idp/github/token', form],
    ['PUT', '/_/inbox/api/v1/messages', json],
    ['DELETE', '/_/inbox/api/v1/messages', json],
  ];
  for (const [method, path, headers] of routes) {
    it(`answers 413 to a chunked ${method} ${path} over 1 MiB`, async () => {
      const res = await postChunked(`${t.url}${path}`, 4 * LIMIT, { method, headers });
      expect(res.status).toBe(413);
      expect(JSON.parse(res.body)).toEqual(TOO_LARGE);
    });
  }

  it('answers 413 to a control import over 1 MiB', async () => {
    const res = await postChunked(`${t.url}/_/control/state`, 4 * LIMIT, {
      method: 'PUT',
      headers: { ...json, authorization: `Bearer ${t.emulator.keys.serviceRole}` },
    });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toEqual(TOO_LARGE);
  });

  it('keeps memory flat while a client streams 256 MiB at /signup', async () => {
    global.gc?.();
    const before = process.memoryUsage().rss;
    const res = await postChunked(`${t.url}/auth/v1/signup`, 256 * LIMIT, { headers: { ...json, apikey: t.emulator.keys.anon } });
    const after = process.memoryUsage().rss;
    expect(res.status).toBe(413);
    // buffering the upload would add 256 MiB and more; reading stops at 1 MiB
    expect(after - before).toBeLessThan(64 * LIMIT);
  });
});
