import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { parseDeepLink } from './deep-links.js';
import { startLoopbackListener, type LoopbackListener } from './loopback-listener.js';

let listener: LoopbackListener | undefined;
afterEach(async () => {
  await listener?.close();
  listener = undefined;
});

/** A raw GET, so the Host header can be whatever a hostile page would send. */
function get(url: string, host?: string): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: host ? { host } : {} }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function start() {
  const received: string[] = [];
  listener = await startLoopbackListener({
    onRedirect: (url) => {
      received.push(url);
      return parseDeepLink(url, { loopbackOrigins: [listener!.origin] }).ok;
    },
  });
  return received;
}

describe('the loopback redirect listener', () => {
  it('listens on 127.0.0.1 at a random port under /callback', async () => {
    await start();
    expect(listener!.redirectUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
  });

  it('passes a PKCE code on to the app and tells the user to go back', async () => {
    const received = await start();
    const res = await get(`${listener!.redirectUrl}?code=abc`);
    expect(res.status).toBe(200);
    expect(res.body).toContain('You can close this tab');
    expect(received).toEqual([`${listener!.redirectUrl}?code=abc`]);
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('serves a page that relays fragment tokens back as a fragment URL', async () => {
    const received = await start();
    const page = await get(listener!.redirectUrl);
    const nonce = /'nonce-([^']+)'/.exec(String(page.headers['content-security-policy']))?.[1];
    expect(nonce).toBeTruthy();
    expect(page.body).toContain(`<script nonce="${nonce}">`);
    expect(page.body).toContain('/callback/fragment');

    const relayed = await get(`${listener!.redirectUrl}/fragment?access_token=a.b.c&refresh_token=r`);
    expect(relayed.status).toBe(200);
    expect(received).toEqual([`${listener!.redirectUrl}#access_token=a.b.c&refresh_token=r`]);
  });

  it('says so when the app refuses a redirect', async () => {
    await start();
    const res = await get(`${listener!.redirectUrl}?code=%3Cscript%3E`);
    expect(res.status).toBe(400);
    expect(res.body).toContain('did not accept');
    expect(res.body).not.toContain('<script>');
  });

  it('ignores requests made under another host name (DNS rebinding)', async () => {
    const received = await start();
    const res = await get(`${listener!.redirectUrl}?code=abc`, 'evil.test');
    expect(res.status).toBe(421);
    expect(received).toEqual([]);
  });

  it('answers 404 elsewhere', async () => {
    const received = await start();
    expect((await get(`${listener!.origin}/?code=abc`)).status).toBe(404);
    expect(received).toEqual([]);
  });
});
