import { expect, test, type Page } from '@playwright/test';
import { openFlow, step, uniqueEmail } from './support/explorer.js';

const goTo = (page: Page, screen: string) => page.getByRole('navigation', { name: 'Flows' }).getByRole('link', { name: screen, exact: true }).click();

test('inputs and the last result of each screen survive switching screens and reloading, without a usable token in sessionStorage', async ({ page }, testInfo) => {
  const email = uniqueEmail(testInfo, 'kept');
  await openFlow(page, 'password');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Metadata (optional JSON, stored as user_metadata)').fill('{"name": "Kept"}');
  const signUp = step(page, 'Sign up');
  await signUp.getByRole('button', { name: 'Sign up' }).click();
  await expect(signUp).toContainText('Succeeded');
  await expect(page.getByLabel('Device A status')).toHaveText(`Device A: signed in as ${email}`);

  // the MFA screen draws its own address once, then keeps it too
  await goTo(page, 'MFA');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('MFA');
  // each screen is a chunk of its own: wait until it is drawn
  await expect(step(page, 'Enroll a TOTP factor')).toBeVisible();
  const mfaEmail = await page.getByLabel('Email').inputValue();
  expect(mfaEmail).toMatch(/@example\.com$/);
  expect(mfaEmail).not.toBe(email);

  await goTo(page, 'Password');
  await expect(page.getByLabel('Email')).toHaveValue(email);
  await expect(page.getByLabel('Metadata (optional JSON, stored as user_metadata)')).toHaveValue('{"name": "Kept"}');
  await expect(signUp).toContainText('Succeeded');
  await expect(signUp).toContainText('kept from before');
  await expect(signUp).toContainText(email);
  await expect(signUp.getByRole('group', { name: 'POST /auth/v1/signup' })).toBeVisible();

  await page.reload();
  await expect(page.getByLabel('Email')).toHaveValue(email);
  await expect(signUp).toContainText('Succeeded');
  await goTo(page, 'MFA');
  await expect(step(page, 'Enroll a TOTP factor')).toBeVisible();
  await expect(page.getByLabel('Email')).toHaveValue(mfaEmail);

  // the Users screen keeps the address of the user it is about to create, and the search
  await goTo(page, 'Users');
  await page.getByLabel('Search users').fill(email);
  await page.getByLabel('Email', { exact: true }).fill(`admin.${email}`);
  await goTo(page, 'MFA');
  await expect(step(page, 'Enroll a TOTP factor')).toBeVisible();
  await goTo(page, 'Users');
  await expect(page.getByLabel('Email', { exact: true })).toHaveValue(`admin.${email}`);
  await expect(page.getByLabel('Search users')).toHaveValue(email);

  // the session's tokens live in the token storage; what sessionStorage keeps cannot be replayed
  const { accessToken, refreshToken, kept } = await page.evaluate(() => {
    const sessionKey = Object.keys(localStorage).find((k) => k.endsWith('.device-A')) ?? '';
    const session = JSON.parse(localStorage.getItem(sessionKey) ?? '{}') as { access_token?: string; refresh_token?: string };
    const kept = Object.keys(sessionStorage).map((k) => sessionStorage.getItem(k) ?? '').join('\n');
    return { accessToken: session.access_token ?? '', refreshToken: session.refresh_token ?? '', kept };
  });
  const signature = accessToken.split('.')[2] ?? '';
  expect(signature.length).toBeGreaterThan(20);
  expect(refreshToken.length).toBeGreaterThan(5);
  expect(kept).toContain(accessToken.split('.')[1] ?? 'claims');
  expect(kept).not.toContain(signature);
  expect(kept).not.toContain(refreshToken);
});
