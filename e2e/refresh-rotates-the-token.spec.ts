import { expect, test } from '@playwright/test';
import { expectStatus, openFlow, saveScreenshot, step, uniqueEmail } from './support/explorer.js';

test('a refresh hands out a new refresh token for the same session', async ({ page }, testInfo) => {
  const email = uniqueEmail(testInfo, 'linus');
  await openFlow(page, 'refresh');
  await expect(step(page, 'Refresh the session').getByRole('button', { name: 'Refresh session' })).toBeDisabled();

  await page.getByRole('link', { name: 'Password', exact: true }).click();
  await page.getByLabel('Email').fill(email);
  await step(page, 'Sign up').getByRole('button', { name: 'Sign up' }).click();
  await expect(page.getByLabel('Device A status')).toHaveText(`Device A: signed in as ${email}`);

  await page.getByRole('link', { name: 'Refresh' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Refresh');
  const refresh = step(page, 'Refresh the session');
  await refresh.getByRole('button', { name: 'Refresh session' }).click();

  const table = refresh.getByRole('table', { name: 'Before and after the refresh' });
  const tokenRow = table.getByRole('row', { name: /refresh token/ });
  await expect(tokenRow).toContainText('rotated');
  const [before, after] = await tokenRow.locator('code').allTextContents();
  expect(before).toMatch(/…$/);
  expect(after).not.toEqual(before);
  await expect(table.getByRole('row', { name: /session_id/ })).toContainText('same session');
  await expectStatus(refresh.getByRole('group', { name: 'POST /auth/v1/token?grant_type=refresh_token' }), 200);
  await expect(page.getByLabel('Device A status')).toHaveText(`Device A: signed in as ${email}`);

  await saveScreenshot(page, testInfo, 'refresh-flow');
});
