import { expect, test } from '@playwright/test';
import { createUser, userDetails } from './support/admin.js';
import { expectStatus, openFlow, saveScreenshot, uniqueEmail } from './support/explorer.js';

test('an admin sends a password recovery mail from the Users view and it shows in the Inbox', async ({ page }, testInfo) => {
  const email = uniqueEmail(testInfo, 'rosa');
  await openFlow(page, 'users', 'mail');
  await createUser(page, email, { confirm: true });
  const details = userDetails(page);
  await expect(details.getByRole('heading', { level: 3 })).toHaveText(email);

  await details.getByRole('button', { name: 'Send password recovery' }).click();
  const last = details.getByLabel('Last action');
  await expect(last).toContainText('see it in the Inbox');
  await expectStatus(last.getByRole('group', { name: /^POST \/auth\/v1\/recover/ }), 200);

  await details.getByRole('button', { name: 'Generate a link (no mail)' }).click();
  await expect(last).toContainText('generate_link sends no mail');
  await expect(last).toContainText('/auth/v1/verify?token=');

  await page.getByRole('navigation', { name: 'Flows' }).getByRole('link', { name: 'Inbox' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Inbox');
  const message = page.getByRole('list', { name: 'Captured messages' }).getByRole('button').filter({ hasText: email });
  await expect(message).toHaveCount(1);
  await expect(message).toContainText('Reset Your Password');
  await message.click();
  await expect(page.getByRole('article', { name: 'Mail: Reset Your Password' })).toBeVisible();
  await saveScreenshot(page, testInfo, 'admin-recovery-mail');
});
