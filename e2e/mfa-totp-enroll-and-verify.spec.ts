import { Secret, TOTP } from 'otpauth';
import { expect, test } from '../emulator/src/adapters/playwright.js';
import { expectStatus, saveScreenshot, step } from './support/explorer.js';

// TOTP is off in a fresh `supabase start`; this worker's emulator turns it on
test.use({ authlabConfig: { mfaTotpEnrollEnabled: true, mfaTotpVerifyEnabled: true, bcryptCost: 4 } });

/** The code an authenticator app would show now for this secret (GoTrue's defaults: SHA1, 6 digits, 30 s). */
const codeFor = (secret: string) => new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate();

test('enrolling a TOTP factor and verifying a code raises the session from aal1 to aal2', async ({ page, authlab }, testInfo) => {
  await page.goto(`${authlab.url}/_/#/mfa`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('MFA');
  await page.getByLabel('Email').fill('mia@example.com');

  const signIn = step(page, 'Sign in');
  await signIn.getByRole('button', { name: 'Sign up / sign in' }).click();
  await expect(signIn.getByLabel('aal claim')).toHaveText('aal claim: aal1');
  await expect(page.getByLabel('Device A status')).toHaveText('Device A: signed in as mia@example.com');

  const before = step(page, 'Assurance level before');
  await before.getByRole('button', { name: 'Get assurance level' }).click();
  await expect(before.getByRole('table', { name: 'Assurance level' })).toContainText('currentLevelaal1');
  await expect(before.getByRole('table', { name: 'Assurance level' })).toContainText('nextLevelaal1');

  const enroll = step(page, 'Enroll a TOTP factor');
  await enroll.getByRole('button', { name: 'Enroll TOTP' }).click();
  const qr = enroll.getByRole('img', { name: 'QR code of the TOTP secret' });
  await expect(qr).toBeVisible();
  // an image, decoded and drawn: the server's SVG never becomes part of the page
  expect(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  await expect(enroll.getByLabel('otpauth URI')).toContainText('otpauth://totp/');
  const secret = (await enroll.getByLabel('TOTP secret').textContent()) ?? '';
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  // the secret is masked in the wire log like a token
  const enrollExchange = enroll.getByRole('group', { name: 'POST /auth/v1/factors' });
  await expectStatus(enrollExchange, 200);
  await enrollExchange.locator('summary').click();
  await expect(enrollExchange).not.toContainText(secret);

  await enroll.scrollIntoViewIfNeeded();
  await saveScreenshot(page, testInfo, 'mfa-enrolled');

  const verify = step(page, 'Verify with a code');
  await verify.getByLabel('Code from the authenticator app').fill(codeFor(secret));
  await verify.getByRole('button', { name: 'Challenge and verify' }).click();
  await expect(verify.getByLabel('aal claim')).toHaveText('aal claim: aal2');
  await expect(verify.getByLabel('amr claim')).toContainText('totp');
  await expectStatus(verify.getByRole('group', { name: /^POST \/auth\/v1\/factors\/[0-9a-f-]+\/challenge$/ }), 200);
  await expectStatus(verify.getByRole('group', { name: /^POST \/auth\/v1\/factors\/[0-9a-f-]+\/verify$/ }), 200);

  const after = step(page, 'Assurance level after');
  await after.getByRole('button', { name: 'Get assurance level' }).click();
  await expect(after.getByRole('table', { name: 'Assurance level' })).toContainText('currentLevelaal2');
  await expect(after.getByRole('table', { name: 'Assurance level' })).toContainText('totp, password');

  // the token panel shows the same claims
  const token = page.getByRole('complementary', { name: 'Access token' });
  await expect(token).toContainText('"aal": "aal2"');
  await expect(token).toContainText('"method": "totp"');

  const list = step(page, 'List factors');
  await list.getByRole('button', { name: 'List factors' }).click();
  await expect(list.getByRole('table', { name: 'Factors' })).toContainText('verified');

  await after.scrollIntoViewIfNeeded();
  await saveScreenshot(page, testInfo, 'mfa-aal2');

  const unenroll = step(page, 'Unenroll the factor');
  await unenroll.getByRole('button', { name: 'Unenroll and refresh' }).click();
  await expect(unenroll.getByLabel('aal claim')).toHaveText('aal claim: aal1');
  await expectStatus(unenroll.getByRole('group', { name: /^DELETE \/auth\/v1\/factors\// }), 200);
  await unenroll.scrollIntoViewIfNeeded();
  await saveScreenshot(page, testInfo, 'mfa-unenrolled');
});
