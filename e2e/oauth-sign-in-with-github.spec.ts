import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { expect, test } from '../emulator/src/adapters/playwright.js';

/**
 * "Sign in with GitHub" in a real browser: an app page calls supabase-js signInWithOAuth, the
 * fake provider's consent page is shown, a person picks an account (or cancels) and lands back
 * in the app. The app is a tiny page on a loopback port of its own, which GoTrue's redirect
 * check allows, as a desktop app's local callback server would be.
 */

const require = createRequire(import.meta.url);
const SUPABASE_UMD = readFileSync(require.resolve('@supabase/supabase-js').replace(/dist\/.*$/, 'dist/umd/supabase.js'), 'utf8');

const appScript = (url: string, key: string) => `
const flowType = location.pathname.startsWith('/pkce') ? 'pkce' : 'implicit';
const client = supabase.createClient(${JSON.stringify(url)}, ${JSON.stringify(key)}, { auth: { flowType, detectSessionInUrl: true } });
const status = document.getElementById('status');
document.getElementById('sign-in').addEventListener('click', () =>
  client.auth.signInWithOAuth({ provider: 'github', options: { redirectTo: location.origin + location.pathname } }));
// initialize() reports what the redirect brought back: a session, or the error in the URL
client.auth.initialize().then(async ({ error }) => {
  const { data } = await client.auth.getSession();
  status.textContent = error ? 'error: ' + error.message
    : data.session ? 'signed in as ' + data.session.user.email + ' via ' + data.session.user.app_metadata.provider
      + (data.session.provider_token ? ' with a provider token' : '')
    : 'signed out';
});`;

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>App</title><script src="/supabase.js"></script></head>
<body><button id="sign-in">Sign in with GitHub</button><p id="status">loading</p><script src="/app.js"></script></body></html>`;

let app: Server;
let appUrl = '';

test.use({ authlabConfig: { bcryptCost: 4, externalGithubEnabled: true } });

test.beforeAll(async () => {
  app = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/supabase.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(SUPABASE_UMD);
    if (path === '/app.js') {
      const { url, key } = JSON.parse(process.env.AUTHLAB_E2E_APP ?? '{}') as { url: string; key: string };
      return res.writeHead(200, { 'content-type': 'text/javascript' }).end(appScript(url, key));
    }
    res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
  });
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
});

test.afterAll(() => new Promise<void>((resolve) => app.close(() => resolve())));

test.beforeEach(({ authlab }) => {
  process.env.AUTHLAB_E2E_APP = JSON.stringify({ url: authlab.url, key: authlab.anonKey });
});

test('signs in with GitHub by picking an account on the consent page (implicit flow)', async ({ page, authlab }) => {
  await page.goto(`${appUrl}/implicit`);
  await expect(page.locator('#status')).toHaveText('signed out');
  await page.click('#sign-in');
  await expect(page).toHaveURL(new RegExp(`^${authlab.url}/_/idp/github/authorize`));
  await expect(page.getByRole('heading', { name: 'Sign in with GitHub' })).toBeVisible();
  await page.click('button[data-email="ada@example.com"]');
  await expect(page.locator('#status')).toHaveText('signed in as ada@example.com via github with a provider token');
  expect(page.url().startsWith(`${appUrl}/implicit`)).toBe(true);
});

test('signs in with GitHub with PKCE, typing a new account', async ({ page }) => {
  await page.goto(`${appUrl}/pkce`);
  await page.click('#sign-in');
  await page.getByLabel('Email', { exact: true }).fill('grace@example.com');
  await page.getByLabel('Name', { exact: true }).fill('Grace Hopper');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.locator('#status')).toHaveText('signed in as grace@example.com via github with a provider token');
  expect(new URL(page.url()).searchParams.get('code')).toBeNull(); // supabase-js removes the spent code
});

test('cancelling on the consent page brings the error back in the URL', async ({ page }) => {
  await page.goto(`${appUrl}/implicit`);
  await page.click('#sign-in');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.waitForURL(/error=access_denied/);
  const landed = new URL(page.url());
  expect(landed.searchParams.get('error_description')).toBe('The user denied the request');
  await expect(page.locator('#status')).toContainText('error');
});
