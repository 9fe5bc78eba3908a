import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test as authlabTest } from '../../emulator/src/adapters/playwright.js';
import { listen } from '../../emulator/src/adapters/node-server.js';

const PAGE = readFileSync(new URL('../supabase-app/index.html', import.meta.url), 'utf8');
const SUPABASE_JS = readFileSync(createRequire(import.meta.url).resolve('@supabase/supabase-js/dist/umd/supabase.js'), 'utf8');

/**
 * The authlab fixture with an app under test beside it: a page that uses supabase-js with the
 * local stack's URL and keys, as an app built for `supabase start` would, served on a port of its
 * own per worker. It knows nothing of authlab; the fixture's routing brings it to the worker's emulator.
 */
export const test = authlabTest.extend<object, { appUrl: string }>({
  appUrl: [
    async ({}, use) => {
      const server = await listen(
        async (request) => {
          const { pathname } = new URL(request.url);
          if (pathname.endsWith('/supabase.js')) return new Response(SUPABASE_JS, { headers: { 'content-type': 'text/javascript' } });
          return new Response(PAGE, { headers: { 'content-type': 'text/html' } });
        },
        { port: 0, host: '127.0.0.1' },
      );
      await use(`${server.url}/`);
      await server.close();
    },
    { scope: 'worker' },
  ],
});

export { expect } from '@playwright/test';
