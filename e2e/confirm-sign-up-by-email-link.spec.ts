import { expect, test } from '@playwright/test';
import { expectStatus, mailBeside, openFlow, saveScreenshot, step, uniqueEmail } from './support/explorer.js';

test('a new user follows the link in the confirmation mail and lands back in the explorer, signed in', async ({ page }, testInfo) => {
  const email = uniqueEmail(testInfo, 'mae');
  await openFlow(page, 'confirm-email', 'mail');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Email confirmation');
  await expect(page.getByRole('note', { name: 'Emulator setting' })).toContainText('Confirmations are on');

  await page.getByLabel('Email').fill(email);
  const signUp = step(page, 'Sign up');
  await signUp.getByRole('button', { name: 'Sign up' }).click();
  await expect(signUp.getByRole('status')).toContainText('Succeeded');
  await expectStatus(signUp.getByRole('group', { name: 'POST /auth/v1/signup' }), 200);
  // confirmations on: the user exists, but nobody is signed in yet
  await expect(page.getByLabel('Device A status')).toHaveText('Device A: signed out');

  const mail = mailBeside(page, 'Sign up');
  await expect(mail).toContainText('Confirm Your Email');
  await expect(mail).toContainText(email);
  await expect(mail.locator('iframe[title="Mail body"]').contentFrame().getByRole('link', { name: 'Confirm your email address' })).toBeVisible();
  await expect(mail).toContainText('After verifying, GoTrue redirects back to this explorer.');
  await mail.getByRole('button', { name: 'Open the link' }).click();

  // GET /verify 303-redirected back here with the session in the fragment; the page picked it up
  const back = step(page, 'Confirm by link');
  await expect(back.getByRole('status')).toContainText('Succeeded');
  await expect(back.getByRole('table', { name: 'What the link brought back' })).toContainText('signup');
  await expectStatus(back.getByRole('group', { name: 'GET /auth/v1/user' }), 200);
  await expect(back).toContainText(`Signed in as ${email}`);
  await expect(page.getByLabel('Device A status')).toHaveText(`Device A: signed in as ${email}`);
  // the tokens are off the address bar; the mail is still shown beside the step that sent it
  await expect(page).toHaveURL(/\/_\/#\/confirm-email$/);
  await expect(mailBeside(page, 'Sign up')).toContainText('Confirm Your Email');

  await back.scrollIntoViewIfNeeded();
  await saveScreenshot(page, testInfo, 'confirm-by-link');
});
