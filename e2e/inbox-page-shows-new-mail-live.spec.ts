import { AxeBuilder } from '@axe-core/playwright';
import { expect, test } from '../emulator/src/adapters/playwright.js';

/**
 * The captured-mail page follows Mailpit's /api/events WebSocket: the page opens it, and a mail sent
 * while it is open arrives as a `new` event and shows in the list. (The page's 2 s refresh remains
 * for hosts without WebSockets; the frames below prove the live path was the one used.)
 */

test.use({ authlabConfig: { mailerAutoconfirm: false, bcryptCost: 4 } });

test('a mail sent while the inbox is open arrives over the event stream and shows in the list', async ({ page, authlab }) => {
  const frames: string[] = [];
  // listen from the moment the socket exists: the greeting may arrive before an awaited promise resumes
  page.on('websocket', (socket) => {
    if (socket.url().endsWith('/_/inbox/api/events')) socket.on('framereceived', (frame) => frames.push(String(frame.payload)));
  });
  await page.goto(`${authlab.url}/_/inbox`);
  // connected once greeted with the counts, as Mailpit greets; only later mail is news
  await expect.poll(() => frames.some((f) => JSON.parse(f).Type === 'stats')).toBe(true);
  await expect(page.locator('#list')).toContainText('No mail yet');

  const signUp = await page.request.post(`${authlab.url}/auth/v1/signup`, {
    headers: { apikey: authlab.anonKey },
    data: { email: 'lin@example.com', password: 'secret-123' },
  });
  expect(signUp.status()).toBe(200);

  await expect(page.locator('#list')).toContainText('lin@example.com');
  await expect(page.locator('#stats')).toHaveText('1 message, 1 unread');
  const events = frames.map((f) => JSON.parse(f) as { Type: string; Data: { To?: { Address: string }[] } });
  expect(events.find((e) => e.Type === 'new')?.Data.To?.[0]?.Address).toBe('lin@example.com');
});

test('the inbox and SMS pages have no serious or critical accessibility problems, with a mail open', async ({ page, authlab }) => {
  await page.request.post(`${authlab.url}/auth/v1/signup`, { headers: { apikey: authlab.anonKey }, data: { email: 'ana@example.com', password: 'secret-123' } });
  await page.goto(`${authlab.url}/_/inbox`);
  await page.locator('#list').getByText('ana@example.com').first().click();
  for (const path of ['/_/inbox', '/_/inbox/sms']) {
    if (path !== '/_/inbox') await page.goto(`${authlab.url}${path}`);
    // the mail body is the sender's HTML, shown as sent, in a sandboxed frame
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).exclude('iframe').analyze();
    const problems = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(problems, path).toEqual([]);
  }
});
