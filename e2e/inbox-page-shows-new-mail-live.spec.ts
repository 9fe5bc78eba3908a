import { expect, test } from '../emulator/src/adapters/playwright.js';

/**
 * The captured-mail page follows Mailpit's /api/events WebSocket: the page opens it, and a mail sent
 * while it is open arrives as a `new` event and shows in the list. (The page's 2 s refresh remains
 * for hosts without WebSockets; the frames below prove the live path was the one used.)
 */

test.use({ authlabConfig: { mailerAutoconfirm: false, bcryptCost: 4 } });

test('a mail sent while the inbox is open arrives over the event stream and shows in the list', async ({ page, authlab }) => {
  const frames: string[] = [];
  const opened = page.waitForEvent('websocket', (ws) => ws.url().endsWith('/_/inbox/api/events'));
  await page.goto(`${authlab.url}/_/inbox`);
  const socket = await opened;
  socket.on('framereceived', (frame) => frames.push(String(frame.payload)));
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
