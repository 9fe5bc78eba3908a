import { expect, test } from '../emulator/src/adapters/playwright.js';
import type { Page } from '@playwright/test';
import { createUser } from './support/admin.js';
import { saveScreenshot } from './support/explorer.js';

/**
 * The admin views with a key that is not the local demo one: an emulator started with its own JWT
 * secret, as a project with custom keys (or a real project) would be. The demo key is refused by
 * the API gateway; the project's own service role key, typed in, lists its users.
 */

// the hosted gateway's key check (AUTHLAB_REQUIRE_API_KEY): without it, as on the CLI, GoTrue itself would judge the key
test.use({
  authlabConfig: { bcryptCost: 4, jwtSecret: 'this-project-has-its-own-jwt-secret-not-the-demo-one', requireApiKey: true },
});

async function enterKey(page: Page, key: string) {
  const panel = page.getByRole('region', { name: 'Service role key in use' });
  await panel.getByRole('button', { name: 'Use another key' }).click();
  await panel.getByLabel('Service role key').fill(key);
  await panel.getByRole('button', { name: 'Use this key' }).click();
}

test('a wrong service role key shows the gateway\'s refusal, the project\'s own key lists its users', async ({ page, authlab }, testInfo) => {
  await authlab.createUser({ email: 'ada@example.com', password: 'secret-123' });
  // the page's own anon key must be this project's too (the demo one would be refused as well)
  await page.goto(`${authlab.url}/_/?key=${authlab.anonKey}#/users`);
  const list = page.getByRole('region', { name: 'User list' });
  const panel = page.getByRole('region', { name: 'Service role key in use' });

  // the default: the local stack's demo key, which this project does not accept
  await expect(panel).toContainText('the local stack’s demo key');
  await expect(list.getByRole('status')).toContainText('HTTP 401');
  await expect(list.getByRole('status')).toContainText('Invalid API key');

  await enterKey(page, 'eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoic2VydmljZV9yb2xlIn0.not-signed-by-this-project');
  await expect(panel).toContainText('the one you entered');
  await expect(list.getByRole('status')).toContainText('Invalid API key');

  await enterKey(page, authlab.serviceRoleKey);
  await expect(page.getByLabel('User count')).toContainText('1 user');
  await expect(page.getByRole('table', { name: 'Users' })).toContainText('ada@example.com');
  await expect(panel).toContainText('kept in this page’s memory only');

  // never written to web storage, and shown masked
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  expect(stored).not.toContain(authlab.serviceRoleKey);
  await expect(panel).not.toContainText(authlab.serviceRoleKey);

  // writes go with the same key, and so does the audit log view
  await createUser(page, 'grace@example.com', { confirm: true });
  await expect(page.getByLabel('User count')).toContainText('2 users');
  await page.getByRole('navigation', { name: 'Flows' }).getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByRole('table', { name: 'Audit log' })).toContainText('service_role');
  await saveScreenshot(page, testInfo, 'admin-service-role-key');

  // a reload forgets it: back to the demo key and the gateway's refusal
  await page.reload();
  await expect(page.getByRole('region', { name: 'Service role key in use' })).toContainText('the local stack’s demo key');
});
