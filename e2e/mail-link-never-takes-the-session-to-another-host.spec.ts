import { expect, test } from '@playwright/test';
import { EMULATOR_PORT } from './support/ports.js';

const API = `http://127.0.0.1:${EMULATOR_PORT}`;
// the CLI's well-known demo anon key, which the e2e emulators use
const ANON_KEY =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0';
const SITE_HOST = '127.0.0.1:3000';

// each was an open redirect once: a regex read the first as userinfo on the site's host, the browser as evil.test
const ATTACKS = ['http://evil.test\\@127.0.0.1:3000/', 'http://127.0.0.1:3000@evil.test/', 'http://localhost:3000\t@evil.test/', 'https:evil.test/'];

for (const attack of ATTACKS) {
  test(`a magic link asked to return to ${JSON.stringify(attack)} brings the browser back to the site, and nothing reaches another host`, async ({ page, request }, testInfo) => {
    const email = `redirect-${testInfo.workerIndex}-${Date.now().toString(36)}@example.com`;
    const sent = await request.post(`${API}/auth/v1/otp?redirect_to=${encodeURIComponent(attack)}`, {
      headers: { apikey: ANON_KEY },
      data: { email, create_user: true },
    });
    expect(sent.status()).toBe(200);
    const search = await request.get(`${API}/_/inbox/api/v1/search?query=${encodeURIComponent(`to:${email}`)}&limit=1`);
    const [message] = ((await search.json()) as { messages: { ID: string }[] }).messages;
    const mail = (await (await request.get(`${API}/_/inbox/api/v1/message/${message!.ID}`)).json()) as { HTML: string };
    const link = /href="([^"]+)"/.exec(mail.HTML)![1]!.replaceAll('&amp;', '&');

    // every request the browser makes, redirect hops included; nothing listens on the site's port,
    // so the last hop fails to connect, which is fine: where it went is what matters
    const requested: URL[] = [];
    page.on('request', (r) => requested.push(new URL(r.url())));
    const verified = page.waitForResponse((r) => r.url().startsWith(`${API}/auth/v1/verify`));
    await page.goto(link).catch(() => undefined);

    // the session rides in the fragment of the 303, which the browser follows but never sends
    const location = new URL((await verified).headers().location!);
    expect(location.host).toBe(SITE_HOST);
    expect(new URLSearchParams(location.hash.slice(1)).get('access_token')).toMatch(/^ey/);
    expect(requested.at(-1)!.host).toBe(SITE_HOST);
    expect(requested.map((u) => u.host).filter((h) => h !== SITE_HOST && h !== new URL(API).host)).toEqual([]);
  });
}
