import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { Hono } from 'hono';
import { build, createServer } from 'vite';
import { listen } from '../emulator/src/adapters/node-server.js';

/**
 * authlab/msw in a browser: the emulator runs inside the page (PGlite in WebAssembly, started from
 * the prebuilt template) and MSW's service worker answers supabase-js. No auth server runs. The page
 * gets the template and the service worker from authlab's Vite plugin, built or under `vite dev`.
 */

const CONFIG = fileURLToPath(new URL('./msw-page/vite.config.ts', import.meta.url));
const PAGE_DIR = fileURLToPath(new URL('../dist/msw-page/', import.meta.url));

test('a built page signs up, reads the captured mail, confirms and signs in with no server', async ({ page }, testInfo) => {
  await build({ configFile: CONFIG, logLevel: 'warn' });
  const app = new Hono();
  app.use('*', serveStatic({ root: PAGE_DIR }));
  const server = await listen((request) => Promise.resolve(app.fetch(request)), { port: 0, host: '127.0.0.1' });
  try {
    await signUpConfirmAndSignIn(page, `${server.url}/index.html`, testInfo);
  } finally {
    await server.close();
  }
});

test('the same page under `vite dev` gets the template from the plugin', async ({ page }, testInfo) => {
  test.slow(); // the dev server transforms every module on first request
  const server = await createServer({ configFile: CONFIG, logLevel: 'warn', server: { host: '127.0.0.1', port: 0, strictPort: false } });
  await server.listen();
  try {
    const url = server.resolvedUrls?.local[0];
    expect(url).toBeTruthy();
    const template = await page.request.get(`${url}authlab-template.tar.gz`);
    expect(template.headers()['content-type']).toBe('application/gzip');
    await signUpConfirmAndSignIn(page, `${url}index.html`, testInfo);
  } finally {
    await server.close();
  }
});

test('with dataDir idb://, the page keeps its users in IndexedDB across a reload', async ({ page }, testInfo) => {
  await build({ configFile: CONFIG, logLevel: 'warn', build: { outDir: testInfo.outputPath('page'), emptyOutDir: true } });
  const app = new Hono();
  app.use('*', serveStatic({ root: relative(process.cwd(), testInfo.outputPath('page')) }));
  const server = await listen((request) => Promise.resolve(app.fetch(request)), { port: 0, host: '127.0.0.1' });
  try {
    await signUpConfirmAndSignIn(page, `${server.url}/index.html?persist=e2e`, testInfo);
    // a new page load boots a new emulator from what IndexedDB kept, not from the template
    await page.reload();
    await expect(page.getByText(/emulator ready in \d+ ms/)).toBeVisible({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.locator('#result')).toContainText('"signedInAs": "page@example.com"');
    await page.getByRole('button', { name: 'Sign up' }).click();
    await expect(page.locator('#result')).toContainText('"error": "user_already_exists"');
  } finally {
    await server.close();
  }
});

test('a mail link in the page points at the URL the page uses, and following it in the emulator signs in', async ({ page }, testInfo) => {
  await build({ configFile: CONFIG, logLevel: 'warn', build: { outDir: testInfo.outputPath('page'), emptyOutDir: true } });
  const app = new Hono();
  app.use('*', serveStatic({ root: relative(process.cwd(), testInfo.outputPath('page')) }));
  const server = await listen((request) => Promise.resolve(app.fetch(request)), { port: 0, host: '127.0.0.1' });
  try {
    // an app built for another Supabase URL than the default: nothing listens there
    await page.goto(`${server.url}/index.html?supabase=http://localhost:54397`);
    await expect(page.getByText(/emulator ready in \d+ ms/)).toBeVisible({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Sign up' }).click();
    await expect(page.locator('#result')).toContainText('"session": false');
    await page.getByRole('button', { name: 'Follow the link' }).click();
    await expect(page.locator('#result')).toContainText('"signedInAs": "page@example.com"');
    await expect(page.locator('#result')).toContainText('"type": "signup"');
    await expect(page.locator('#result')).toContainText('"link": "http://localhost:54397/auth/v1/verify?token=');
    // the link is single use: a second follow is refused as GoTrue refuses it
    await page.getByRole('button', { name: 'Follow the link' }).click();
    await expect(page.locator('#result')).toContainText('otp_expired');
  } finally {
    await server.close();
  }
});

async function signUpConfirmAndSignIn(page: Page, url: string, testInfo: TestInfo) {
  const answersFromAuthPort: { url: string; fromServiceWorker: boolean }[] = [];
  page.on('response', (response) => {
    if (response.url().startsWith('http://127.0.0.1:54321')) answersFromAuthPort.push({ url: response.url(), fromServiceWorker: response.fromServiceWorker() });
  });
  await page.goto(url);
  await expect(page.getByText(/emulator ready in \d+ ms/)).toBeVisible({ timeout: 60_000 });
  testInfo.annotations.push({ type: 'in-browser boot', description: `${await page.locator('body').getAttribute('data-emulator-boot-ms')} ms` });

  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page.locator('#result')).toContainText('"session": false');
  await page.getByRole('button', { name: 'Read the mail' }).click();
  await expect(page.locator('#result')).toContainText('Confirm Your Email');
  const code = /"code": "(\d{6})"/.exec((await page.locator('#result').textContent())!)![1]!;
  await page.getByLabel('Code').fill(code);
  await page.getByRole('button', { name: 'Confirm with the code' }).click();
  await expect(page.locator('#result')).toContainText('"confirmed": true');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.locator('#result')).toContainText('"signedInAs": "page@example.com"');

  // every call went to the usual local Supabase URL, and the service worker answered it in the page
  expect(answersFromAuthPort.length).toBeGreaterThan(0);
  expect(answersFromAuthPort.filter((answer) => !answer.fromServiceWorker)).toEqual([]);
  const path = testInfo.outputPath('in-page-emulator.png');
  await page.screenshot({ path });
  await testInfo.attach('in-page emulator', { path, contentType: 'image/png' });
}
