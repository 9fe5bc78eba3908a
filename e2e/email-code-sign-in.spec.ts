import { expect, test } from '@playwright/test';
import { codeInMail, expectStatus, mailBeside, openFlow, saveScreenshot, step, uniqueEmail } from './support/explorer.js';

// The one spec on another origin than the emulator: supabase-js's calls and the inbox reads both
// cross origins, so CORS on the API and on /_/inbox is what makes it pass.
test('signs in with the 6-digit code from the mail, from a page on another origin', async ({ page }, testInfo) => {
  const email = uniqueEmail(testInfo, 'cy');
  await openFlow(page, 'magic-link', 'crossOrigin');
  await expect(page.getByRole('navigation', { name: 'Flows' })).toContainText('Magic link & OTP (PKCE)');
  await page.getByLabel('Email').fill(email);

  await step(page, 'Send the magic link').getByRole('button', { name: 'Send magic link' }).click();
  await expectStatus(step(page, 'Send the magic link').getByRole('group', { name: 'POST /auth/v1/otp' }), 200);
  await expect(mailBeside(page, 'Send the magic link')).toContainText(email);
  const code = await codeInMail(page, 'Send the magic link');

  const verify = step(page, 'Sign in with the code');
  await verify.getByLabel('Code from the mail').fill(code);
  await verify.getByRole('button', { name: 'Verify code' }).click();
  await expect(verify.getByRole('status')).toContainText(`Signed in as ${email}`);
  await expectStatus(verify.getByRole('group', { name: 'POST /auth/v1/verify' }), 200);
  await expect(verify.getByLabel('amr claim')).toContainText('otp');
  await expect(page.getByLabel('Device A status')).toHaveText(`Device A: signed in as ${email}`);

  await verify.scrollIntoViewIfNeeded();
  await saveScreenshot(page, testInfo, 'email-code-sign-in');
});
