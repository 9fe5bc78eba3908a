import { expect, test } from '@playwright/test';
import { expectStatus, mailBeside, openFlow, saveScreenshot, step, uniqueEmail } from './support/explorer.js';

test('a reset link signs the user in to set a new password, which then works for sign-in', async ({ page }, testInfo) => {
  const email = uniqueEmail(testInfo, 'rosa');
  await openFlow(page, 'recovery', 'mail');
  await page.getByLabel('Email').fill(email);
  await step(page, 'Create the user').getByRole('button', { name: 'Sign up' }).click();
  await expect(step(page, 'Create the user').getByRole('status')).toContainText('Succeeded');

  const request = step(page, 'Request a reset link');
  await request.getByRole('button', { name: 'Send reset link' }).click();
  await expectStatus(request.getByRole('group', { name: /^POST \/auth\/v1\/recover/ }), 200);
  const mail = mailBeside(page, 'Request a reset link');
  await expect(mail).toContainText('Reset Your Password');
  await mail.getByRole('button', { name: 'Open the link' }).click();

  const back = step(page, 'Back from the link: recovery session');
  await expect(back.getByRole('table', { name: 'What the link brought back' })).toContainText('recovery');
  await expect(back.getByRole('status')).toContainText(`Signed in as ${email}`);
  await expect(page.getByLabel('Device A status')).toHaveText(`Device A: signed in as ${email}`);

  const update = step(page, 'Set a new password');
  await update.getByLabel('New password').fill('brand-new-7');
  await update.getByRole('button', { name: 'Update password' }).click();
  await expect(update.getByRole('status')).toContainText('Succeeded');
  await expect(update).toContainText('Password changed');
  await expectStatus(update.getByRole('group', { name: 'PUT /auth/v1/user' }), 200);

  const signIn = step(page, 'Sign in with the new password');
  await signIn.getByRole('button', { name: 'Sign in with new password' }).click();
  await expect(signIn.getByRole('status')).toContainText(`Signed in as ${email}`);
  await expectStatus(signIn.getByRole('group', { name: 'POST /auth/v1/token?grant_type=password' }), 200);

  await saveScreenshot(page, testInfo, 'reset-password');
});
