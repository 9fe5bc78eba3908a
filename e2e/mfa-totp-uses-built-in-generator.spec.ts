import { Secret, TOTP } from 'otpauth';
import { expect, test } from '../emulator/src/adapters/playwright.js';
import { saveScreenshot, step } from './support/explorer.js';

// TOTP is off in a fresh `supabase start`; this worker's emulator turns it on
test.use({ authlabConfig: { mfaTotpEnrollEnabled: true, mfaTotpVerifyEnabled: true, bcryptCost: 4 } });

/** The codes an authenticator app shows around now (the page may have computed its code a moment ago). */
function codesNow(secret: string): string[] {
  const totp = new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 });
  return [totp.generate({ timestamp: Date.now() - 2000 }), totp.generate()];
}

test('the built-in authenticator stands in for the phone: its code verifies the factor, and it is still there after leaving the screen', async ({ page, authlab }, testInfo) => {
  await page.goto(`${authlab.url}/_/#/mfa`);
  await page.getByLabel('Email').fill('gen@example.com');
  const signIn = step(page, 'Sign in');
  await signIn.getByRole('button', { name: 'Sign up / sign in' }).click();
  await expect(signIn.getByLabel('aal claim')).toHaveText('aal claim: aal1');

  const verify = step(page, 'Verify with a code');
  const authenticator = verify.getByRole('region', { name: 'Built-in authenticator' });
  await expect(authenticator).toContainText('stands in for the authenticator app');
  await expect(authenticator).toContainText('Enroll a TOTP factor above');

  const enroll = step(page, 'Enroll a TOTP factor');
  await enroll.getByRole('button', { name: 'Enroll TOTP' }).click();
  const secret = (await enroll.getByLabel('TOTP secret').textContent()) ?? '';
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);

  // the same code an authenticator app computes from the secret
  const shown = authenticator.getByLabel('Current TOTP code');
  await expect(shown).toHaveText(/^\d{6}$/);
  expect(codesNow(secret)).toContain(await shown.textContent());
  await authenticator.getByRole('button', { name: 'Use this code' }).click();
  await expect(verify.getByLabel('Code from the authenticator app')).toHaveValue(/^\d{6}$/);
  await verify.getByRole('button', { name: 'Challenge and verify' }).click();
  await expect(verify.getByLabel('aal claim')).toHaveText('aal claim: aal2');
  await verify.scrollIntoViewIfNeeded();
  await saveScreenshot(page, testInfo, 'mfa-built-in-authenticator');

  // away and back: the factor, its generator and the last results are still there
  await page.getByRole('navigation', { name: 'Flows' }).getByRole('link', { name: 'Password', exact: true }).click();
  await expect(step(page, 'Get user')).toBeVisible();
  await page.getByRole('navigation', { name: 'Flows' }).getByRole('link', { name: 'MFA', exact: true }).click();
  await expect(page.getByLabel('Email')).toHaveValue('gen@example.com');
  await expect(verify.getByLabel('aal claim')).toHaveText('aal claim: aal2');
  await expect(enroll).toContainText('not kept');
  await expect(enroll.getByLabel('TOTP secret')).not.toHaveText(secret);
  await expect(authenticator.getByLabel('Current TOTP code')).toHaveText(/^\d{6}$/);
  // the secret is kept with the sessions (token storage), not with the screens' inputs
  const kept = await page.evaluate(() => Object.keys(sessionStorage).map((k) => sessionStorage.getItem(k) ?? '').join('\n'));
  expect(kept).not.toContain(secret);

  const unenroll = step(page, 'Unenroll the factor');
  await unenroll.getByRole('button', { name: 'Unenroll and refresh' }).click();
  await expect(unenroll.getByLabel('aal claim')).toHaveText('aal claim: aal1');
  await expect(authenticator).toContainText('Enroll a TOTP factor above');
});
