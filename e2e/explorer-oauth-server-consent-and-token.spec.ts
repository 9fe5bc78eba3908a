import { expect, test, type Page } from '@playwright/test';
import { openFlow, saveScreenshot, step, uniqueEmail } from './support/explorer.js';

/**
 * The OAuth server screen against an emulator with the OAuth 2.1 server on, its site URL at its own
 * explorer and an ES256 signing key (playwright.config.ts): the explorer plays the third-party app,
 * the consent page and the user.
 */
async function upToConsent(page: Page, email: string) {
  await openFlow(page, 'oauth-server', 'oauthServer');
  await expect(page.getByRole('note', { name: 'Emulator setting' })).toContainText('The OAuth server is on');
  await page.getByLabel('Email').fill(email);
  await step(page, 'Sign in').getByRole('button', { name: 'Sign up / sign in' }).click();
  await expect(step(page, 'Sign in').getByRole('status')).toContainText('Succeeded');

  const register = step(page, 'Register a public client');
  await register.getByRole('button', { name: 'Register client' }).click();
  await expect(register.getByRole('table', { name: 'Registered client' })).toContainText('public');
  await expect(register.getByRole('table', { name: 'Registered client' })).toContainText('none');

  const start = step(page, 'Start /oauth/authorize with PKCE');
  await start.getByRole('button', { name: 'Start authorization' }).click();
  // GoTrue's 302 went to the site URL (this explorer) with the request's id
  await expect(start.getByLabel('Final URL')).toContainText(/\/_\/\?authorization_id=[a-z0-9]{16,}$/);
  await expect(start.getByLabel('authorization_id')).toHaveText(/^[a-z0-9]{16,}$/);
  await expect(start.locator('details.exchange').filter({ hasText: '/oauth/authorize' })).toBeVisible();

  const read = step(page, 'Consent page: read the request');
  await read.getByRole('button', { name: 'Read the request' }).click();
  await expect(read.getByLabel('Consent question')).toContainText(`authlab explorer (third-party app) wants to access your account (${email}): openid email profile`);
  return { consent: step(page, 'Approve or deny'), start };
}

test('approving on the explorer’s consent page gives the app tokens, an id_token with its nonce, a refresh, a grant to revoke', async ({ page }, testInfo) => {
  const email = uniqueEmail(testInfo, 'olga');
  const { consent } = await upToConsent(page, email);
  await consent.getByRole('button', { name: 'Approve' }).click();
  await expect(consent.getByLabel('code', { exact: true })).toHaveText(/\S+/);
  await expect(consent.getByLabel('state', { exact: true })).toHaveText(/\S+/);

  const exchange = step(page, 'Exchange the code');
  await exchange.getByRole('button', { name: 'Exchange code for tokens' }).click();
  const access = exchange.getByRole('table', { name: 'Access token claims' });
  await expect(access).toContainText('client_id');
  await expect(access).toContainText('openid email profile');
  const idToken = exchange.getByRole('table', { name: 'id_token claims' });
  await expect(idToken).toContainText('ES256');
  await expect(idToken).toContainText(email);
  await expect(exchange.getByLabel('Nonce check')).toHaveText('nonce matches the one the app sent.');
  // epochs with the local time beside them; the scope the answer leaves out, from the access token
  await expect(access.getByRole('row', { name: /^exp/ })).toContainText(/\d{10} .*\(in (1 hour|60 minutes|59 minutes)\)/);
  await expect(exchange.getByLabel('Granted scope')).toContainText('openid email profile');

  const refresh = step(page, 'Refresh the tokens');
  const before = await exchange.getByLabel('refresh_token', { exact: true }).textContent();
  await refresh.getByRole('button', { name: 'Refresh' }).click();
  await expect(refresh.getByRole('table', { name: 'Access token claims' })).toContainText('client_id');
  expect(await refresh.getByLabel('refresh_token', { exact: true }).textContent()).not.toBe(before);
  // a refresh answers without an id_token although the scope still includes openid: the screen says so
  await expect(refresh.getByLabel('Granted scope')).toContainText('openid email profile');
  await expect(refresh).toContainText('No id_token: a refresh answers with new access and refresh tokens only');
  await expect(refresh).not.toContainText('did not include openid');

  const grants = step(page, 'List the user’s grants');
  await grants.getByRole('button', { name: 'List grants' }).click();
  await expect(grants.getByRole('table', { name: 'Grants' })).toContainText('authlab explorer (third-party app)');

  const revoke = step(page, 'Revoke the grant');
  await revoke.getByRole('button', { name: 'Revoke and try a refresh' }).click();
  await expect(revoke.getByLabel('Refresh after revoking')).toContainText('HTTP 400');
  await grants.getByRole('button', { name: 'List grants' }).click();
  await expect(grants).toContainText('No grants.');

  await exchange.scrollIntoViewIfNeeded();
  await saveScreenshot(page, testInfo, 'oauth-server-approved');
});

test('denying on the consent page sends the app access_denied, and there is no code to exchange', async ({ page }, testInfo) => {
  const { consent } = await upToConsent(page, uniqueEmail(testInfo, 'dana'));
  await consent.getByRole('button', { name: 'Deny' }).click();
  await expect(consent.getByLabel('error', { exact: true })).toHaveText('access_denied');
  await expect(consent.getByLabel('code', { exact: true })).toHaveCount(0);
  await expect(step(page, 'Exchange the code').getByRole('button', { name: 'Exchange code for tokens' })).toBeDisabled();
  await consent.scrollIntoViewIfNeeded();
  await saveScreenshot(page, testInfo, 'oauth-server-denied');
});

test('with the OAuth server off (the local default) the screen says how to turn it on, and GoTrue answers 404 feature_disabled', async ({ page }, testInfo) => {
  await openFlow(page, 'oauth-server');
  const notice = page.getByRole('note', { name: 'Emulator setting' });
  await expect(notice).toContainText('The OAuth server is off');
  await expect(notice).toContainText('[auth.oauth_server] enabled = true');
  await expect(notice).toContainText('GOTRUE_OAUTH_SERVER_ENABLED=true');
  await expect(notice).toContainText(`GOTRUE_SITE_URL=${new URL(page.url()).origin}/_/`);
  const register = step(page, 'Register a public client');
  await register.getByRole('button', { name: 'Register client' }).click();
  await expect(register.getByRole('status')).toContainText('feature_disabled');
  await expect(register.getByRole('status')).toContainText('HTTP 404');
  await saveScreenshot(page, testInfo, 'oauth-server-off');
});
