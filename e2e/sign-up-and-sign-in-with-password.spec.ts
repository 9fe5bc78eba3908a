import { expect, test } from '@playwright/test';
import { expectStatus, openFlow, saveScreenshot, step, uniqueEmail } from './support/explorer.js';

test('signs up, signs in, reads and updates the user, then changes the password', async ({ page }, testInfo) => {
  const email = uniqueEmail(testInfo, 'ada');
  await openFlow(page, 'password');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Password');
  await expect(page.getByRole('note')).toHaveText('Tokens: browser localStorage — not encrypted; the desktop app uses the OS keychain');
  await expect(page.getByLabel('Device A status')).toHaveText('Device A: signed out');

  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill('secret-123');

  const signUp = step(page, 'Sign up');
  await signUp.getByRole('button', { name: 'Sign up' }).click();
  await expect(signUp.getByRole('status')).toContainText('Succeeded');
  await expect(page.getByLabel('Device A status')).toHaveText(`Device A: signed in as ${email}`);

  // the wire log masks the password until the reader reveals it
  const signUpExchange = signUp.getByRole('group', { name: 'POST /auth/v1/signup' });
  await expectStatus(signUpExchange, 200);
  await signUpExchange.locator('summary').click();
  await expect(signUpExchange).toContainText('"password": "sec…"');
  await expect(signUpExchange).not.toContainText('secret-123');
  await signUpExchange.getByLabel('reveal secrets').check();
  await expect(signUpExchange).toContainText('"password": "secret-123"');

  await page.getByLabel('Password', { exact: true }).fill('not-my-password');
  const signIn = step(page, 'Sign in');
  await signIn.getByRole('button', { name: 'Sign in with password' }).click();
  await expect(signIn.getByRole('status')).toContainText('invalid_credentials');
  await expect(signIn.getByRole('status')).toContainText('HTTP 400');

  await page.getByLabel('Password', { exact: true }).fill('secret-123');
  await signIn.getByRole('button', { name: 'Sign in with password' }).click();
  await expect(signIn.getByRole('status')).toContainText('Succeeded');
  await expectStatus(signIn.getByRole('group', { name: 'POST /auth/v1/token?grant_type=password' }), 200);

  const getUser = step(page, 'Get user');
  await getUser.getByRole('button', { name: 'Get user' }).click();
  // the live region says whose user it is; the whole user is folded away beside it
  await expect(getUser.getByRole('status')).toContainText(`User ${email}`);
  await expect(getUser.getByRole('group', { name: 'Response data' })).toContainText('"name": "Ada"');

  const update = step(page, 'Update user metadata');
  await update.getByRole('button', { name: 'Update metadata' }).click();
  await expect(update.getByRole('group', { name: 'Response data' })).toContainText('"theme": "dark"');
  await expect(update.getByRole('group', { name: 'Response data' })).toContainText('"name": "Ada"');

  const change = step(page, 'Change password');
  await change.getByLabel('New password').fill('secret-456');
  await change.getByRole('button', { name: 'Change password' }).click();
  await expect(change.getByRole('status')).toContainText('Succeeded');
  await expect(page.getByLabel('Password', { exact: true })).toHaveValue('secret-456');

  await signIn.getByRole('button', { name: 'Sign in with password' }).click();
  await expect(signIn.getByRole('status')).toContainText('Succeeded');

  const token = page.getByRole('complementary', { name: 'Access token' });
  await expect(token).toContainText('"session_id"');
  await expect(token).toContainText('"aal": "aal1"');
  await expect(token).toContainText(`"email": "${email}"`);
  await expect(token.getByLabel('Expires in')).toContainText(/expires in (\d+:)?\d\d:\d\d/);

  await saveScreenshot(page, testInfo, 'password-flow');
});
