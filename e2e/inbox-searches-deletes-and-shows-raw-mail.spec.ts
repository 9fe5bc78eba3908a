import { expect, test } from '../emulator/src/adapters/playwright.js';
import { saveScreenshot } from './support/explorer.js';

/**
 * The explorer's Inbox as Mailpit's for auth mail: search with Mailpit's grammar, read a mail's
 * headers and raw source, delete one mail, the matches of a search, and then everything.
 */

test.use({ authlabConfig: { mailerAutoconfirm: false, bcryptCost: 4 } });

test('the inbox searches mail, shows its headers and raw source, and deletes one, the matches, then all', async ({ page, authlab }, testInfo) => {
  for (const name of ['ada', 'lin', 'bob']) {
    const signUp = await page.request.post(`${authlab.url}/auth/v1/signup`, {
      headers: { apikey: authlab.anonKey },
      data: { email: `${name}@example.com`, password: 'secret-123' },
    });
    expect(signUp.status()).toBe(200);
  }
  const mailTotal = async () =>
    ((await (await page.request.get(`${authlab.url}/_/inbox/api/v1/messages`)).json()) as { total: number }).total;

  await page.goto(`${authlab.url}/_/#/inbox`);
  const list = page.getByRole('list', { name: 'Captured messages' });
  const count = page.getByLabel('Mail count');
  await expect(count).toHaveText('3 mails');

  await page.getByLabel('Search mail').fill('to:lin@example.com');
  await page.getByRole('search').getByRole('button', { name: 'Search' }).click();
  await expect(count).toHaveText('1 of 3 mails match “to:lin@example.com”');
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await list.getByRole('button', { name: /lin@example\.com/ }).click();

  const detail = page.locator('.inbox-detail');
  await expect(detail.getByRole('article')).toContainText('lin@example.com');
  await detail.getByRole('tab', { name: 'Headers' }).click();
  const headers = detail.getByRole('table', { name: 'Mail headers' });
  await expect(headers.getByRole('row', { name: /^To / })).toContainText('lin@example.com');
  await expect(headers.getByRole('row', { name: /^Subject / })).toContainText('Confirm Your Email');
  await detail.getByRole('tab', { name: 'Raw source' }).click();
  const raw = detail.getByLabel('Raw mail source');
  await expect(raw).toContainText('MIME-Version: 1.0');
  await expect(raw).toContainText('To: lin@example.com');
  await saveScreenshot(page, testInfo, 'inbox-raw-source');

  await detail.getByRole('button', { name: 'Delete this mail' }).click();
  await expect(list).toContainText('Nothing matches.');
  await expect.poll(mailTotal).toBe(2);
  await page.getByRole('search').getByRole('button', { name: 'Clear' }).click();
  await expect(count).toHaveText('2 mails');

  // plain words search the addresses, subject and text; deleting the matches leaves the rest
  await page.getByLabel('Search mail').fill('bob');
  await page.getByRole('search').getByRole('button', { name: 'Search' }).click();
  await expect(count).toHaveText('1 of 2 mails match “bob”');
  await page.getByRole('button', { name: 'Delete matches…' }).click();
  await page.getByRole('button', { name: 'Yes, delete the one matching mail' }).click();
  await expect(count).toHaveText('0 of 1 mail matches “bob”');
  await page.getByRole('search').getByRole('button', { name: 'Clear' }).click();
  await expect(list).toContainText('ada@example.com');
  await expect(list.getByRole('listitem')).toHaveCount(1);

  await page.getByRole('button', { name: 'Delete all mail…' }).click();
  await page.getByRole('button', { name: 'Yes, delete the one mail' }).click();
  await expect(list).toContainText('Nothing captured yet.');
  await expect(count).toHaveText('0 mails');
  expect(await mailTotal()).toBe(0);
});

test('the inbox page searches with Mailpit’s grammar and deletes the open message', async ({ page, authlab }) => {
  for (const name of ['ada', 'lin']) {
    await page.request.post(`${authlab.url}/auth/v1/signup`, {
      headers: { apikey: authlab.anonKey },
      data: { email: `${name}@example.com`, password: 'secret-123' },
    });
  }
  await page.goto(`${authlab.url}/_/inbox`);
  await expect(page.locator('#stats')).toHaveText('2 messages, 2 unread');

  await page.getByLabel('Search mail').fill('to:lin@example.com');
  await page.getByLabel('Search mail').press('Enter');
  await expect(page.locator('#stats')).toHaveText('1 of 2 messages match');
  await expect(page.locator('#list')).not.toContainText('ada@example.com');
  await page.locator('#list').getByRole('link', { name: /lin@example\.com/ }).click();
  await expect(page.getByRole('heading', { level: 2 })).toHaveText('Confirm Your Email');

  await page.locator('#detail').getByRole('button', { name: 'Delete' }).click();
  // back to the search, without the message; the other mail is untouched
  await expect(page).toHaveURL(/\?q=to%3Alin%40example\.com$/);
  await expect(page.locator('#list')).toContainText('No mail matches “to:lin@example.com”.');
  const left = (await (await page.request.get(`${authlab.url}/_/inbox/api/v1/messages`)).json()) as { messages: { To: { Address: string }[] }[] };
  expect(left.messages.map((m) => m.To[0]?.Address)).toEqual(['ada@example.com']);
});
