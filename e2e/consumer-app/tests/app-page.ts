import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';
import { test as authlabTest } from 'authlab/playwright';

const require = createRequire(import.meta.url);
const FILES: Record<string, { type: string; body: string }> = {
  '/': { type: 'text/html', body: readFileSync(new URL('../public/index.html', import.meta.url), 'utf8') },
  '/app.js': { type: 'text/javascript', body: readFileSync(new URL('../public/app.js', import.meta.url), 'utf8') },
  '/supabase.js': {
    type: 'text/javascript',
    body: readFileSync(require.resolve('@supabase/supabase-js').replace(/dist\/.*$/, 'dist/umd/supabase.js'), 'utf8'),
  },
};

/**
 * authlab's fixture plus the app itself, served per worker on a free loopback port (a page the
 * test fulfilled from memory would count as a public site, which Chromium keeps from calling
 * loopback addresses). 127.0.0.1 is a secure context, so supabase-js can hash its PKCE verifier.
 */
export const test = authlabTest.extend<object, { appUrl: string }>({
  appUrl: [
    async ({}, use) => {
      const server = createServer((req, res) => {
        const file = FILES[new URL(req.url ?? '/', 'http://app').pathname];
        res.writeHead(file ? 200 : 404, { 'content-type': file?.type ?? 'text/plain' });
        res.end(file?.body ?? 'not found');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      await use(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
      await new Promise((resolve) => server.close(resolve));
    },
    { scope: 'worker' },
  ],
});

export { expect } from 'authlab/playwright';

/** Opens the app, telling it the Supabase URL of this worker's emulator. */
export const openApp = (page: Page, appUrl: string, supabaseUrl: string) => page.goto(`${appUrl}/?supabase=${encodeURIComponent(supabaseUrl)}`);
