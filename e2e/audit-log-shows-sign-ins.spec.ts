import { expect, test } from '@playwright/test';
import { expectStatus, openFlow, saveScreenshot, step, uniqueEmail } from './support/explorer.js';

test('a sign-up and a sign-in show in the audit log, newest first', async ({ page }, testInfo) => {
  const email = uniqueEmail(testInfo, 'audit');
  await openFlow(page, 'password');
  await page.getByLabel('Email').fill(email);
  await step(page, 'Sign up').getByRole('button', { name: 'Sign up' }).click();
  await expect(page.getByLabel('Device A status')).toHaveText(`Device A: signed in as ${email}`);
  const signIn = step(page, 'Sign in');
  await signIn.getByRole('button', { name: 'Sign in with password' }).click();
  await expect(signIn.getByRole('status')).toContainText('Succeeded');

  await page.getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Audit log');
  await page.getByLabel('Search in').selectOption('author');
  await page.getByLabel('Search the audit log').fill(email);
  await page.getByRole('search').getByRole('button', { name: 'Search' }).click();
  await expect(page.getByLabel('Entry count')).toContainText(`for author:${email}`);

  const rows = page.getByRole('table', { name: 'Audit log' }).getByRole('row');
  // header, then: login (password sign-in), login (the sign-up's session), user_signedup
  await expect(rows).toHaveCount(4);
  await expect(rows.nth(1)).toContainText('login');
  await expect(rows.nth(1)).toContainText(email);
  await expect(rows.nth(3)).toContainText('user_signedup');
  await expectStatus(page.getByRole('region', { name: 'Audit entries' }).getByRole('group', { name: /^GET \/auth\/v1\/admin\/audit\?/ }), 200);

  await saveScreenshot(page, testInfo, 'audit-log');
});
