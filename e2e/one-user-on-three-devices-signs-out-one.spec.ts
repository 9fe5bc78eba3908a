import { expect, test, type Page } from '@playwright/test';
import { openFlow, saveScreenshot, step, uniqueEmail } from './support/explorer.js';

const device = (page: Page, id: 'A' | 'B' | 'C') => page.getByRole('region', { name: `Device ${id}`, exact: true });

test('three devices hold three sessions; a local sign-out on B ends only B', async ({ page }, testInfo) => {
  const email = uniqueEmail(testInfo, 'lin');
  await openFlow(page, 'devices');
  await page.getByLabel('Email').fill(email);
  await step(page, 'Create the user').getByRole('button', { name: 'Sign up' }).click();
  await expect(device(page, 'A')).toContainText(`signed in as ${email}`);
  for (const id of ['B', 'C'] as const) {
    await device(page, id).getByRole('button', { name: 'Sign in' }).click();
    await expect(device(page, id)).toContainText(`signed in as ${email}`);
  }

  // three different session ids
  const sessions = page.getByRole('table', { name: 'Stored sessions' });
  const ids = await sessions.locator('tbody tr td:first-of-type code').allTextContents();
  expect(new Set(ids).size).toBe(3);

  await device(page, 'B').getByRole('button', { name: 'Sign out local' }).click();
  await expect(device(page, 'B')).toContainText('Signed out (no stored session)');
  await expect(page.getByLabel('Device B status')).toHaveText('Device B: signed out');

  for (const id of ['A', 'C'] as const) {
    await device(page, id).getByRole('button', { name: 'Refresh session' }).click();
    await expect(device(page, id)).toContainText('GoTrue accepts this session');
  }
  await expect(sessions).toContainText('no stored session');

  await device(page, 'C').getByRole('button', { name: 'Sign out global' }).click();
  await expect(device(page, 'C')).toContainText('Signed out');
  await device(page, 'A').getByRole('button', { name: 'Refresh session' }).click();
  await expect(device(page, 'A')).toContainText('GoTrue refused this session (refresh_token_not_found)');

  await device(page, 'A').scrollIntoViewIfNeeded();
  await saveScreenshot(page, testInfo, 'three-devices');
});
