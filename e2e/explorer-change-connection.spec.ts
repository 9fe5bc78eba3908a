import { expect, test, type Page } from '@playwright/test';
import { MAIL_EMULATOR_PORT } from './support/ports.js';
import { expectStatus, openFlow, step, uniqueEmail } from './support/explorer.js';

/** "Change connection" in the sidebar, as a developer pointing the browser build at another server. */
async function changeConnection(page: Page, url: string) {
  const panel = page.getByRole('form', { name: 'Connection' }).or(page.getByLabel('Connection'));
  await page.getByRole('button', { name: 'Change connection' }).click();
  await panel.getByLabel('Emulator URL').fill(url);
  await panel.getByRole('button', { name: 'Save', exact: true }).click();
  return panel;
}

test('the browser build switches to another emulator on this machine and signs up there', async ({ page }, testInfo) => {
  await openFlow(page, 'password');
  const other = `http://localhost:${MAIL_EMULATOR_PORT}`;
  const panel = await changeConnection(page, other);
  await expect(panel).toContainText(other);
  await expect(panel).toContainText('saved in this browser');

  // the mail emulator has confirmations on: sign-up reaches it and answers without a session
  await page.getByLabel('Email').fill(uniqueEmail(testInfo, 'switch'));
  const signUp = step(page, 'Sign up');
  await signUp.getByRole('button', { name: 'Sign up' }).click();
  await expect(signUp.getByRole('status')).toContainText('Succeeded');
  await expectStatus(signUp.getByRole('group', { name: 'POST /auth/v1/signup' }), 200);
  await expect(signUp.getByRole('status')).toContainText(', no session');
  await expect(signUp.getByRole('group', { name: 'Response data' })).toContainText('"confirmation_sent_at"');
});

test('a URL where nothing listens is reported before it is used, and a step says why it got no response', async ({ page }) => {
  await openFlow(page, 'password');
  const panel = await changeConnection(page, 'http://127.0.0.1:9');
  await expect(panel.getByRole('alert')).toContainText('No response from http://127.0.0.1:9');
  await expect(panel.getByRole('alert')).toContainText('Is the emulator running at http://127.0.0.1:9?');

  await panel.getByRole('button', { name: 'Save anyway' }).click();
  const signIn = step(page, 'Sign in');
  await signIn.getByRole('button', { name: 'Sign in with password' }).click();
  const outcome = signIn.getByRole('status');
  await expect(outcome).toContainText('no response');
  await expect(outcome).not.toContainText('HTTP 0');
  await expect(outcome).toContainText('Is the emulator running at http://127.0.0.1:9?');
});

test('a server the page’s policy does not allow is named, with the address that allows it', async ({ page }) => {
  await openFlow(page, 'password');
  const panel = await changeConnection(page, 'http://authlab.invalid:54321');
  await expect(panel.getByRole('alert')).toContainText('Content-Security-Policy refused to connect to http://authlab.invalid:54321');
  await expect(panel.getByRole('alert')).toContainText('?url=http%3A%2F%2Fauthlab.invalid%3A54321');
});

test('getting the user while signed out says nothing was sent, not a server status', async ({ page }) => {
  await openFlow(page, 'password');
  const getUser = step(page, 'Get user');
  await getUser.getByRole('button', { name: 'Get user' }).click();
  const outcome = getUser.getByRole('status');
  await expect(outcome).toContainText('Auth session missing');
  await expect(outcome).toContainText('no request sent');
  await expect(outcome).toContainText('No session on this device');
  await expect(outcome).not.toContainText('HTTP 400');
  await expect(getUser.getByRole('group')).toHaveCount(0);
});
