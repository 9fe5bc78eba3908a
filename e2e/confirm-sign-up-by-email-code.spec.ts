import { expect, test } from '@playwright/test';
import { codeInMail, expectStatus, mailBeside, openFlow, saveScreenshot, step, uniqueEmail } from './support/explorer.js';

test('a new user types the code from the confirmation mail and is signed in', async ({ page }, testInfo) => {
  const email = uniqueEmail(testInfo, 'otto');
  await openFlow(page, 'confirm-email', 'mail');
  await page.getByLabel('Email').fill(email);
  await step(page, 'Sign up').getByRole('button', { name: 'Sign up' }).click();
  await expect(mailBeside(page, 'Sign up')).toContainText('Confirm Your Email');
  const code = await codeInMail(page, 'Sign up');

  const confirm = step(page, 'Confirm by code');
  await confirm.getByLabel('Code from the mail').fill('000000');
  await confirm.getByRole('button', { name: 'Verify code' }).click();
  await expect(confirm.getByRole('status')).toContainText('otp_expired');
  await expect(page.getByLabel('Device A status')).toHaveText('Device A: signed out');

  await confirm.getByLabel('Code from the mail').fill(code);
  await confirm.getByRole('button', { name: 'Verify code' }).click();
  await expect(confirm.getByRole('status')).toContainText(`Signed in as ${email}`);
  await expectStatus(confirm.getByRole('group', { name: 'POST /auth/v1/verify' }), 200);
  await expect(page.getByLabel('Device A status')).toHaveText(`Device A: signed in as ${email}`);

  await confirm.scrollIntoViewIfNeeded();
  await saveScreenshot(page, testInfo, 'confirm-by-code');
});
