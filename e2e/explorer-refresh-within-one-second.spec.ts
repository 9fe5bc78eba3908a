import { expect, test } from '../emulator/src/adapters/playwright.js';
import type { Locator } from '@playwright/test';
import { step } from './support/explorer.js';

/**
 * GoTrue's iat and exp count whole seconds and its access token has no jti, so a refresh within
 * the same second can hand out an access token that looks like the old one. The Refresh screen
 * says what did change, and why the times are equal. The test moves this test's own emulator's
 * clock: two seconds on for a refresh in another second, then back to the start of the
 * second the last token was issued in, so the next refresh falls in that second.
 */

test.use({ authlabConfig: { bcryptCost: 4 } });

async function cells(row: Locator): Promise<string[]> {
  return row.getByRole('cell').allTextContents();
}

test('refresh before/after: a later second moves iat and exp; the same second says what changed and why iat is equal', async ({ page, authlab }) => {
  await page.goto(`${authlab.url}/_/#/password`);
  await page.getByLabel('Email').fill('linus@example.com');
  await step(page, 'Sign up').getByRole('button', { name: 'Sign up' }).click();
  await expect(page.getByLabel('Device A status')).toHaveText('Device A: signed in as linus@example.com');

  await page.getByRole('link', { name: 'Refresh' }).click();
  const refresh = step(page, 'Refresh the session');
  const table = refresh.getByRole('table', { name: 'Before and after the refresh' });
  const button = refresh.getByRole('button', { name: 'Refresh session' });

  // two seconds on: another second
  authlab.clock.advance(2);
  await button.click();
  await expect(table.getByRole('row', { name: /^refresh token/ })).toContainText('rotated');
  await expect(table.getByRole('row', { name: /^issued \(iat\)/ })).toContainText('later');
  await expect(table.getByRole('row', { name: /^access token expires/ })).toContainText('later');
  await expect(table.getByRole('row', { name: /^access token signature/ })).toContainText('new token');
  await expect(refresh.getByLabel('Why the times are equal')).toHaveCount(0);

  // back to the start of the second the current access token was issued in
  const claims = (await page.getByRole('complementary', { name: 'Access token' }).textContent()) ?? '';
  const iat = Number(/"iat":\s*(\d+)/.exec(claims)?.[1]);
  expect(iat).toBeGreaterThan(0);
  authlab.clock.set(iat * 1000);
  await button.click();

  const iatRow = table.getByRole('row', { name: /^issued \(iat\)/ });
  await expect(iatRow).toContainText('same second');
  const [iatBefore, iatAfter] = await cells(iatRow);
  expect(iatAfter).toBe(iatBefore);
  await expect(table.getByRole('row', { name: /^refresh token/ })).toContainText('rotated');
  await expect(table.getByRole('row', { name: /^session_id/ })).toContainText('same session');
  const why = refresh.getByLabel('Why the times are equal');
  await expect(why).toContainText('issued within the same second');
  await expect(why).toContainText('What changed is the refresh token');

  // the signature row and the explanation agree on whether the access token changed at all
  const signatureRow = table.getByRole('row', { name: /^access token signature/ });
  const [sigBefore, sigAfter, verdict] = await cells(signatureRow);
  if (sigBefore === sigAfter) {
    expect(verdict).toBe('identical token');
    await expect(why).toContainText('byte for byte the old one');
  } else {
    expect(verdict).toBe('new token');
    await expect(why).toContainText('the access token’s signature');
  }
});
