import { expect, test } from '@playwright/test';
import { createUser, searchUsers, userDetails } from './support/admin.js';
import { expectStatus, openFlow, saveScreenshot, step, uniqueEmail } from './support/explorer.js';

test('an admin creates a user, confirms and bans them (sign-in is refused), then deletes them', async ({ page }, testInfo) => {
  const email = uniqueEmail(testInfo, 'ban');
  await openFlow(page, 'users');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Users');

  await createUser(page, email, { confirm: false });
  await searchUsers(page, email);
  const users = page.getByRole('table', { name: 'Users' });
  await expect(users.getByRole('row')).toHaveCount(2);
  await expect(users).toContainText('waiting for verification');
  // the service role key is on the wire, masked like any other key
  const listExchange = page.getByRole('region', { name: 'User list' }).getByRole('group', { name: /^GET \/auth\/v1\/admin\/users\?/ });
  await expectStatus(listExchange, 200);
  await expect(listExchange).toContainText('service role');
  await listExchange.locator('summary').click();
  await expect(listExchange).toContainText('apikey: eyJhbG…');

  const details = userDetails(page);
  await expect(details.getByRole('heading', { level: 3 })).toHaveText(email);
  await expect(details.getByRole('table', { name: 'Identities' })).toContainText('email');
  await expect(details.getByLabel('Sessions')).toContainText('Not exposed by GoTrue’s API');

  await details.getByRole('button', { name: 'Confirm email' }).click();
  await expect(details.getByLabel('Last action')).toContainText(`${email} is now confirmed`);
  await expect(users).toContainText('confirmed');

  await details.getByLabel('Ban duration').selectOption('24h');
  await details.getByRole('button', { name: 'Ban', exact: true }).click();
  await expect(details.getByLabel('Last action')).toContainText(`${email} is now banned`);
  await expectStatus(details.getByLabel('Last action').getByRole('group', { name: /^PUT \/auth\/v1\/admin\/users\// }), 200);
  await expect(details.locator('.user-detail-head')).toContainText('banned');
  await expect(users).toContainText('banned');
  await details.scrollIntoViewIfNeeded();
  await saveScreenshot(page, testInfo, 'admin-banned-user');

  // what the user sees: their password no longer signs them in
  await openFlow(page, 'password');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill('secret-123');
  const signIn = step(page, 'Sign in');
  await signIn.getByRole('button', { name: 'Sign in with password' }).click();
  await expect(signIn.getByRole('status')).toContainText('user_banned');

  // back in Users the same user is still open; delete them for good
  await openFlow(page, 'users');
  await expect(details.getByRole('heading', { level: 3 })).toHaveText(email);
  await details.getByRole('button', { name: 'Delete user…' }).click();
  await details.getByRole('button', { name: 'Yes, delete for good' }).click();
  await expect(page.getByRole('region', { name: 'User list' }).getByRole('status')).toHaveText(`Deleted ${email}.`);
  await expect(details).toHaveCount(0);
  await searchUsers(page, email);
  await expect(page.getByLabel('User count')).toContainText('0 users');
  await expect(page.getByRole('region', { name: 'User list' })).toContainText('No users match.');

  await saveScreenshot(page, testInfo, 'admin-deleted-user');
});

test('a soft-deleted user can no longer be found by email', async ({ page }, testInfo) => {
  const email = uniqueEmail(testInfo, 'soft');
  await openFlow(page, 'users');
  await createUser(page, email, { confirm: true });
  const details = userDetails(page);
  await expect(details.getByRole('heading', { level: 3 })).toHaveText(email);
  await details.getByLabel('Soft delete').check();
  await details.getByRole('button', { name: 'Delete user…' }).click();
  await details.getByRole('button', { name: 'Yes, soft delete' }).click();
  await expect(page.getByRole('region', { name: 'User list' }).getByRole('status')).toHaveText(`Soft-deleted ${email}.`);
  await searchUsers(page, email);
  await expect(page.getByLabel('User count')).toContainText('0 users');
  await saveScreenshot(page, testInfo, 'admin-soft-deleted-user');
});
