import { expect, test } from '@playwright/test';
import { openFlow, saveScreenshot, step, uniqueEmail } from './support/explorer.js';

test('with TOTP off (the local default) enrolling answers 422 and the flow names the settings to change', async ({ page }, testInfo) => {
  await openFlow(page, 'mfa');
  await page.getByLabel('Email').fill(uniqueEmail(testInfo, 'mia'));
  const signIn = step(page, 'Sign in');
  await signIn.getByRole('button', { name: 'Sign up / sign in' }).click();
  await expect(signIn.getByLabel('aal claim')).toHaveText('aal claim: aal1');

  const enroll = step(page, 'Enroll a TOTP factor');
  await enroll.getByRole('button', { name: 'Enroll TOTP' }).click();
  await expect(enroll.getByRole('status')).toContainText('mfa_totp_enroll_not_enabled');
  await expect(enroll.getByRole('status')).toContainText('HTTP 422');
  await expect(page.getByRole('alert', { name: 'TOTP is off' })).toContainText(
    'GOTRUE_MFA_TOTP_ENROLL_ENABLED=true GOTRUE_MFA_TOTP_VERIFY_ENABLED=true',
  );
  await expect(step(page, 'Verify with a code').getByRole('button', { name: 'Challenge and verify' })).toBeDisabled();
  await enroll.scrollIntoViewIfNeeded();
  await saveScreenshot(page, testInfo, 'mfa-totp-off');
});
