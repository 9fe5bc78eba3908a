import { expect, test } from '../emulator/src/adapters/playwright.js';
import type { Page } from '@playwright/test';
import { expectStatus, saveScreenshot, step } from './support/explorer.js';

/**
 * The explorer's OAuth screen, driven like a person: pick a provider and a flow type, go to
 * authlab's fake provider, choose an account (or cancel) on its consent page, and come back to
 * the explorer, which takes the session up and shows what came back. The explorer is served by
 * this test's own emulator, so GitHub, Google and manual linking can be on for it alone.
 */

test.use({
  authlabConfig: { bcryptCost: 4, externalGithubEnabled: true, externalGoogleEnabled: true, securityManualLinkingEnabled: true },
});

const START = 'Start the sign-in';
const BACK = 'Back from the provider';

async function openOAuth(page: Page, url: string) {
  await page.goto(`${url}/_/#/oauth`);
  await expect(page.getByRole('note', { name: 'Emulator setting' })).toContainText('OAuth providers on');
}

/** "Sign in with <provider>", then on to the provider's consent page. */
async function startSignIn(page: Page, authlabUrl: string, provider: string) {
  const start = step(page, START);
  await start.getByRole('button', { name: `Sign in with ${provider}` }).click();
  await expect(start.getByRole('table', { name: 'Authorization URL' })).toContainText(`${authlabUrl}/auth/v1/authorize`);
  await expect(start).toContainText('is a loopback address');
  await start.getByRole('button', { name: `Continue to ${provider}` }).click();
  await expect(page.getByRole('heading', { name: `Sign in with ${provider}` })).toBeVisible();
}

test('signs in with PKCE: consent, code exchange, session, provider token, then links and unlinks Google', async ({ page, authlab }, testInfo) => {
  await openOAuth(page, authlab.url);
  await expect(page.getByRole('radiogroup', { name: 'Flow type' }).getByLabel('PKCE (?code=)')).toBeChecked();
  const start = step(page, START);
  await start.getByRole('button', { name: 'Sign in with GitHub' }).click();
  const url = start.getByRole('table', { name: 'Authorization URL' });
  await expect(url.getByRole('row', { name: /code_challenge_method/ })).toContainText('s256');
  await expect(url.getByRole('row', { name: /^redirect_to/ })).toContainText(`${authlab.url}/_/#/oauth`);
  await start.getByRole('button', { name: 'Continue to GitHub' }).click();

  await expect(page.getByRole('heading', { name: 'Sign in with GitHub' })).toBeVisible();
  await page.click('button[data-email="ada@example.com"]');

  // back in the explorer, which spends the code with its stored verifier
  const back = step(page, BACK);
  await expect(back.getByRole('status')).toContainText('Signed in as ada@example.com');
  await expect(back.getByRole('table', { name: 'What the link brought back' })).toContainText('code');
  await expectStatus(back.getByRole('group', { name: 'POST /auth/v1/token?grant_type=pkce' }), 200);
  await expect(back.getByRole('table', { name: 'Provider tokens' }).getByRole('row', { name: /^provider_token/ })).not.toContainText('(none)');
  await expect(back.getByRole('table', { name: 'Identities' })).toContainText('github');
  await expect(back.getByLabel('Provider of this return')).toHaveText('github');
  await expect(page.getByLabel('Device A status')).toHaveText('Device A: signed in as ada@example.com');
  await expect(page).toHaveURL(new RegExp(`^${authlab.url}/_/#/oauth$`)); // the spent code is gone from the address bar

  // manual linking is on: add a Google identity to the same user
  const link = step(page, 'Link another identity');
  await link.getByLabel('Provider to link').selectOption('google');
  await link.getByRole('button', { name: 'Link Google' }).click();
  await expectStatus(link.getByRole('group', { name: /^GET \/auth\/v1\/user\/identities\/authorize/ }), 200);
  await link.getByRole('button', { name: 'Continue to Google' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in with Google' })).toBeVisible();
  await page.getByLabel('Email', { exact: true }).fill('ada.work@example.com');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(step(page, BACK).getByRole('table', { name: 'Identities' })).toContainText('google');
  // the landing names the identity just linked, not app_metadata.provider (still the first: github)
  const providerTokens = step(page, BACK).getByRole('table', { name: 'Provider tokens' });
  await expect(providerTokens.getByLabel('Provider of this return')).toHaveText('google');
  await expect(providerTokens.getByRole('row', { name: /^app_metadata\.providers/ })).toContainText('github, google');
  await expect(providerTokens.getByRole('row', { name: /^app_metadata\.provider\b(?!s)/ })).toContainText('the provider the user first signed up with');

  const list = step(page, 'List the identities');
  await list.getByRole('button', { name: 'List identities' }).click();
  await expect(list.getByRole('table', { name: 'Identities' }).getByRole('row')).toHaveCount(3); // header, github, google

  const unlink = step(page, 'Unlink an identity');
  await unlink.getByLabel('Identity (list them first)').selectOption({ label: 'google · ada.work@example.com' });
  await unlink.getByRole('button', { name: 'Unlink' }).click();
  await expectStatus(unlink.getByRole('group', { name: /^DELETE \/auth\/v1\/user\/identities\// }), 200);
  await expect(unlink.getByRole('table', { name: 'Identities' })).not.toContainText('google');

  await back.scrollIntoViewIfNeeded();
  await saveScreenshot(page, testInfo, 'explorer-oauth-pkce');
});

test('signs in with the implicit flow: the fragment carries the session and the provider token', async ({ page, authlab }, testInfo) => {
  await openOAuth(page, authlab.url);
  await page.getByRole('radiogroup', { name: 'Flow type' }).getByLabel('Implicit (#access_token=)').check();
  await startSignIn(page, authlab.url, 'GitHub');
  await page.getByLabel('Email', { exact: true }).fill('grace@example.com');
  await page.getByLabel('Name', { exact: true }).fill('Grace Hopper');
  await page.getByRole('button', { name: 'Continue' }).click();

  const back = step(page, BACK);
  await expect(back.getByRole('status')).toContainText('Signed in as grace@example.com');
  const received = back.getByRole('table', { name: 'What the link brought back' });
  await expect(received).toContainText('access_token');
  await expect(received).toContainText('provider_token');
  await expectStatus(back.getByRole('group', { name: 'GET /auth/v1/user' }), 200);
  await expect(back.getByRole('table', { name: 'Provider tokens' }).getByRole('row', { name: /^provider_token/ })).not.toContainText('(none)');
  await expect(page.getByRole('complementary', { name: 'Access token' })).toContainText('"provider": "github"');

  await back.scrollIntoViewIfNeeded();
  await saveScreenshot(page, testInfo, 'explorer-oauth-implicit');
});

test('cancelling on the consent page comes back as access_denied and signs nobody in', async ({ page, authlab }, testInfo) => {
  await openOAuth(page, authlab.url);
  await startSignIn(page, authlab.url, 'GitHub');
  await page.getByRole('button', { name: 'Cancel' }).click();

  const back = step(page, BACK);
  await expect(back.getByRole('status')).toContainText('access_denied');
  await expect(back.getByRole('status')).toContainText('The user denied the request');
  await expect(page.getByLabel('Device A status')).toHaveText('Device A: signed out');

  await back.scrollIntoViewIfNeeded();
  await saveScreenshot(page, testInfo, 'explorer-oauth-cancelled');
});
