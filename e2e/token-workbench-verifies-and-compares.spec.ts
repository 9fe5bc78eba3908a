import { expect, test } from '../emulator/src/adapters/playwright.js';
import { test as sharedTest } from '@playwright/test';
import { openFlow, saveScreenshot, step, uniqueEmail } from './support/explorer.js';

test.use({ authlabConfig: { mfaTotpEnrollEnabled: true, mfaTotpVerifyEnabled: true, bcryptCost: 4 } });

test('a token sent to the workbench is decoded, verified against the secret with pinned algorithms, and compared from aal1 to aal2', async ({ page, authlab }, testInfo) => {
  await page.goto(`${authlab.url}/_/#/mfa`);
  await page.getByLabel('Email').fill('bench@example.com');
  const signIn = step(page, 'Sign in');
  await signIn.getByRole('button', { name: 'Sign up / sign in' }).click();
  await expect(signIn.getByLabel('aal claim')).toHaveText('aal claim: aal1');

  const panel = page.getByRole('complementary', { name: 'Access token' });
  await panel.getByRole('button', { name: 'Send to Tokens' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tokens');
  await expect(page.getByRole('table', { name: 'Header' })).toContainText('algHS256');
  const claims = page.getByRole('table', { name: 'Claims', exact: true });
  await expect(claims).toContainText('aalaal1');
  // local time and how far away, beside the epoch
  await expect(claims.getByRole('row').filter({ hasText: /^exp/ })).toContainText(/in (59 minutes|1 hour)/);
  await expect(claims.getByRole('row').filter({ hasText: /^iat/ })).toContainText(/(now|seconds? ago)/);

  const verdict = page.getByRole('status', { name: 'Verdict' });
  await expect(verdict).toContainText('Valid');
  await page.getByRole('textbox', { name: 'JWT secret' }).fill('not-the-secret-of-this-emulator-at-all-0123');
  await expect(verdict).toContainText('Bad signature');
  await page.getByRole('textbox', { name: 'JWT secret' }).fill('super-secret-jwt-token-with-at-least-32-characters-long');
  await expect(verdict).toContainText('Valid');
  await page.getByRole('checkbox', { name: 'HS256' }).uncheck();
  await page.getByRole('checkbox', { name: 'ES256' }).check();
  await expect(verdict).toContainText('Wrong algorithm');
  await page.getByRole('radio', { name: /JWKS/ }).check();
  await expect(verdict).toContainText('No key');
  await expect(verdict).toContainText('never published');
  await page.getByRole('radio', { name: /JWT secret/ }).check();
  await expect(verdict).toContainText('Valid');

  // back to MFA: step up with the built-in authenticator, then send the aal2 token
  await page.getByRole('navigation', { name: 'Flows' }).getByRole('link', { name: 'MFA', exact: true }).click();
  const enroll = step(page, 'Enroll a TOTP factor');
  await enroll.getByRole('button', { name: 'Enroll TOTP' }).click();
  const verify = step(page, 'Verify with a code');
  await verify.getByRole('region', { name: 'Built-in authenticator' }).getByRole('button', { name: 'Use this code' }).click();
  await verify.getByRole('button', { name: 'Challenge and verify' }).click();
  await expect(verify.getByLabel('aal claim')).toHaveText('aal claim: aal2');
  await panel.getByRole('button', { name: 'Send to Tokens' }).click();

  await expect(page.getByRole('table', { name: 'Claims', exact: true })).toContainText('aalaal2');
  const diff = page.getByRole('table', { name: 'Claims compared' });
  await expect(diff.getByRole('row').filter({ hasText: /^aal/ })).toHaveText(/aal\s*aal1\s*aal2\s*changed/);
  await expect(diff.getByRole('row').filter({ hasText: /^amr/ })).toContainText('totp');
  await expect(diff.getByRole('row').filter({ hasText: /^session_id/ })).toContainText('same');
  await page.getByLabel('Only the claims that differ').check();
  await expect(diff.getByRole('row').filter({ hasText: /^session_id/ })).toHaveCount(0);
  await expect(diff.getByRole('row').filter({ hasText: /^aal/ })).toContainText('changed');
  await expect(page.getByRole('status', { name: 'Verdict' })).toContainText('Valid');
  await diff.scrollIntoViewIfNeeded();
  await saveScreenshot(page, testInfo, 'token-workbench-aal1-to-aal2');
});

sharedTest('a token signed with an asymmetric key is verified against the emulator’s JWKS', async ({ page }, testInfo) => {
  await openFlow(page, 'password', 'oauthServer');
  await page.getByLabel('Email').fill(uniqueEmail(testInfo, 'jwks'));
  const signUp = step(page, 'Sign up');
  await signUp.getByRole('button', { name: 'Sign up' }).click();
  await expect(signUp).toContainText('Succeeded');
  // one click copies the whole token, though the panel shows it decoded
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  const panel = page.getByRole('complementary', { name: 'Access token' });
  await panel.getByRole('button', { name: 'Copy Device A access token' }).click();
  await expect(panel.getByRole('button', { name: 'Copy Device A access token' })).toHaveText('Copied');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
  await panel.getByRole('button', { name: 'Send to Tokens' }).click();
  await expect(page.getByRole('textbox', { name: 'Token', exact: true })).toHaveValue(copied);

  await expect(page.getByRole('table', { name: 'Header' })).toContainText('algES256');
  const verdict = page.getByRole('status', { name: 'Verdict' });
  // pinned to HS256 with the secret: an ES256 token is refused before any key is tried
  await expect(verdict).toContainText('Wrong algorithm');
  await page.getByRole('radio', { name: /JWKS/ }).check();
  await expect(verdict).toContainText('Valid');
  await expect(verdict).toContainText('JWKS key');
});
