import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { parseDeepLink } from './deep-links.js';
import { startLoopbackListener, type LoopbackListener } from './loopback-listener.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FRAGMENT = 'access_token=a.b.c&expires_in=3600&refresh_token=r1&token_type=bearer&type=magiclink';

let listener: LoopbackListener | undefined;
afterEach(async () => {
  await listener?.close();
  listener = undefined;
});

/** A raw request, so Host and Origin can be whatever a hostile page would send. */
function send(
  method: string,
  url: string,
  options: { headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers: options.headers ?? {} }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}
const get = (url: string, host?: string) => send('GET', url, { headers: host ? { host } : {} });

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

  it('serves a page whose script may post to the listener only', async () => {
    await start();
    const page = await get(listener!.redirectUrl);
    const policy = String(page.headers['content-security-policy']);
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
    expect(nonce).toBeTruthy();
    expect(page.body).toContain(`<script nonce="${nonce}">`);
    expect(policy).toContain("connect-src 'self'");
    expect(policy).toContain("default-src 'none'");
  });

  it('takes fragment tokens posted by its own page, in the body', async () => {
    const received = await start();
    const relayed = await send('POST', `${listener!.origin}/callback/fragment`, { headers: { origin: listener!.origin, 'content-type': 'text/plain' }, body: FRAGMENT });
    expect(relayed.status).toBe(204);
    expect(received).toEqual([`${listener!.redirectUrl}#${FRAGMENT}`]);
  });

  it('refuses tokens posted by any other page (they could plant a session)', async () => {
    const received = await start();
    for (const headers of [{ origin: 'https://evil.test' }, { origin: 'null' }, {}] as Record<string, string>[]) {
      const res = await send('POST', `${listener!.origin}/callback/fragment`, { headers, body: FRAGMENT });
      expect(res.status).toBe(403);
    }
    expect(received).toEqual([]);
  });

  it('no longer takes tokens in a query string (that URL would stay in the browser’s history)', async () => {
    const received = await start();
    expect((await get(`${listener!.origin}/callback/fragment?${FRAGMENT}`)).status).toBe(405);
    expect(received).toEqual([]);
  });

  it('relays a fragment from a real browser without putting the tokens in any URL it keeps', async (ctx) => {
    ctx.skip(!existsSync(CHROMIUM), `no Chromium at ${CHROMIUM}`);
    const received = await start();
    const { chromium } = await import('@playwright/test');
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage();
      const requested: string[] = [];
      page.on('request', (r) => requested.push(r.url()));
      await page.goto(`${listener!.redirectUrl}#${FRAGMENT}`);
      await page.waitForURL(`${listener!.origin}/callback/done`);
      expect(await page.textContent('h1')).toBe('Back to authlab');
      expect(received).toEqual([`${listener!.redirectUrl}#${FRAGMENT}`]);
      // the tokens went in a body only; the tab's history is the blank page it opened on, then this clean one
      expect(requested.filter((url) => url.includes('a.b.c') || url.includes('r1'))).toEqual([]);
      expect(await page.evaluate(() => history.length)).toBe(2);
      await page.goBack();
      expect(page.url()).toBe('about:blank');
    } finally {
      await browser.close();
    }
  });

  it('sends the browser to a page that says so when the app refuses the fragment', async () => {
    const received = await start();
    expect((await send('POST', `${listener!.origin}/callback/fragment`, { headers: { origin: listener!.origin }, body: 'nothing=useful' })).status).toBe(400);
    expect(received).toHaveLength(1);
    const refused = await get(`${listener!.origin}/callback/refused`);
    expect(refused.body).toContain('did not accept');
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
