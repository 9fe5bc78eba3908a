import { expect, test } from '@playwright/test';
import { expectStatus, openFlow, saveScreenshot, step, uniqueEmail } from './support/explorer.js';
import { addVirtualAuthenticator } from './support/webauthn-app.js';

/**
 * The explorer's MFA screen with a security key: sign in (aal1), register the key as a WebAuthn
 * factor (aal2), sign in again (aal1) and authenticate with the key (aal2). Chromium's virtual
 * authenticator is the key (a USB one: supabase-js asks for a cross-platform authenticator); the
 * explorer is opened at http://localhost:<port>, the origin the default emulator's relying party
 * lists (playwright.config.ts).
 */

test('registers a security key as a second factor and authenticates with it after a new sign-in', async ({ page }, testInfo) => {
  const authenticator = await addVirtualAuthenticator(page, 'usb');
  const email = uniqueEmail(testInfo, 'kim');
  await openFlow(page, 'mfa', 'localhost');
  const part = page.getByRole('region', { name: 'Security key (WebAuthn)' });
  await expect(part.getByRole('alert')).toHaveCount(0);
  await page.getByLabel('Email').fill(email);

  const signIn = step(page, 'Sign in');
  await signIn.getByRole('button', { name: 'Sign up / sign in' }).click();
  await expect(signIn.getByLabel('aal claim')).toHaveText('aal claim: aal1');

  const register = step(page, 'Register a security key');
  await register.getByLabel('Key name').fill('Desk key');
  await register.getByRole('button', { name: 'Register with the authenticator' }).click();
  await expect(register.getByLabel('aal claim')).toHaveText('aal claim: aal2');
  // enroll, challenge and verify, each in the step's wire log
  await expectStatus(register.getByRole('group', { name: 'POST /auth/v1/factors', exact: true }), 200);
  await expectStatus(register.getByRole('group', { name: /POST \/auth\/v1\/factors\/[0-9a-f-]+\/verify/ }), 200);
  expect(await authenticator.credentials()).toHaveLength(1);

  // a new password sign-in is aal1 again, though the user now has a verified factor
  await signIn.getByRole('button', { name: 'Sign up / sign in' }).click();
  await expect(signIn.getByLabel('aal claim')).toHaveText('aal claim: aal1');

  const authenticate = step(page, 'Authenticate with the security key');
  await authenticate.getByRole('button', { name: 'Authenticate with the authenticator' }).click();
  await expect(authenticate.getByLabel('aal claim')).toHaveText('aal claim: aal2');
  await expect(authenticate).toContainText('mfa/webauthn');

  const list = step(page, 'List factors');
  await list.getByRole('button', { name: 'List factors' }).click();
  await expect(list.getByRole('table', { name: 'Factors' })).toContainText('webauthn');
  await expect(list.getByRole('table', { name: 'Factors' })).toContainText('Desk key');
  await saveScreenshot(page, testInfo, 'mfa-security-key');
});
