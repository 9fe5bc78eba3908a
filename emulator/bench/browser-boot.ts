import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listen } from '../src/adapters/node-server.js';
import { assertLoopback } from './http-client.js';
import { status } from './progress.js';
import { median, round } from './stats.js';

/**
 * The emulator inside a web page (e2e/msw-page: PGlite in WebAssembly behind MSW's service worker):
 * build the page, serve it on loopback, open it in headless Chromium in a fresh context each time
 * and read the page's own boot times (body[data-emulator-boot-ms], body[data-boot-ms]), cold and
 * after a reload.
 */

const DEFAULT_CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const PAGE_TIMEOUT_MS = 60_000;

/** Times the page itself reports, from its own clock (performance.now()). */
interface BrowserBootRun {
  /** createBrowserEmulator() called -> emulator answering and service worker started */
  emulatorBootMs: number;
  /** navigation start -> ready: the page's own scripts downloaded and parsed too */
  navigationToReadyMs: number;
  /** the same, after reloading the tab (HTTP cache and service worker warm) */
  reloadToReadyMs: number;
}

export type BrowserBootResult =
  | { skipped: string }
  | {
      chromium: string;
      buildMs: number;
      runs: BrowserBootRun[];
      medianEmulatorBootMs: number;
      medianNavigationToReadyMs: number;
      medianReloadToReadyMs: number;
    };

export async function browserBoot(root: string, runs: number): Promise<BrowserBootResult> {
  const executablePath = process.env.CHROMIUM_PATH || DEFAULT_CHROMIUM;
  if (!existsSync(executablePath)) return { skipped: `skipped: no Chromium at ${executablePath}` };
  // loaded only when needed: both are heavy, and neither is needed to skip
  const [{ build }, { chromium }, { serveStatic }, { Hono }] = await Promise.all([
    import('vite'),
    import('@playwright/test'),
    import('@hono/node-server/serve-static'),
    import('hono'),
  ]);

  // Built into a private directory, not dist/msw-page: an e2e run may be serving that one right now.
  const outDir = mkdtempSync(join(tmpdir(), 'authlab-bench-msw-'));
  const cleanups: (() => Promise<unknown>)[] = [async () => rmSync(outDir, { recursive: true, force: true })];
  try {
    status('browser boot: building e2e/msw-page with vite…');
    const buildStarted = performance.now();
    await build({
      configFile: join(root, 'e2e', 'msw-page', 'vite.config.ts'),
      logLevel: 'error', // rolldown's warnings about PGlite's eval and chunk sizes are noise here
      build: { outDir, emptyOutDir: true },
    });
    const buildMs = performance.now() - buildStarted;

    const app = new Hono();
    app.use('*', serveStatic({ root: outDir }));
    const server = await listen((request) => Promise.resolve(app.fetch(request)), { port: 0, host: '127.0.0.1' });
    cleanups.unshift(() => server.close());
    assertLoopback(server.url);

    status(`browser boot: launching ${executablePath}…`);
    const browser = await chromium.launch({ executablePath, args: ARGS, headless: true, timeout: PAGE_TIMEOUT_MS });
    cleanups.unshift(() => browser.close());
    const results: BrowserBootRun[] = [];
    for (let i = 0; i < runs; i++) {
      status(`browser boot: page load ${i + 1}/${runs}`);
      const context = await browser.newContext(); // fresh: no service worker, no HTTP cache
      try {
        const page = await context.newPage();
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(String(e)));
        const ready = async () => {
          await page.waitForSelector('body[data-boot-ms]', { timeout: PAGE_TIMEOUT_MS }).catch((e: Error) => {
            throw new Error(`the page never set data-boot-ms: ${e.message.split('\n')[0]}; page errors: ${errors.join('; ') || 'none'}`);
          });
          const read = async (name: string) => Number(await page.getAttribute('body', name));
          return { navigationToReadyMs: await read('data-boot-ms'), emulatorBootMs: await read('data-emulator-boot-ms') };
        };
        await page.goto(`${server.url}/index.html`, { timeout: PAGE_TIMEOUT_MS });
        const cold = await ready();
        // the same tab reloaded: HTTP cache and service worker warm, as for a developer reloading
        await page.reload({ timeout: PAGE_TIMEOUT_MS });
        const reload = await ready();
        results.push({ ...cold, reloadToReadyMs: reload.navigationToReadyMs });
      } finally {
        await context.close();
      }
    }
    const medianOf = (key: keyof BrowserBootRun) => median(results.map((r) => r[key]));
    return {
      chromium: executablePath,
      buildMs: round(buildMs, 0),
      runs: results,
      medianEmulatorBootMs: medianOf('emulatorBootMs'),
      medianNavigationToReadyMs: medianOf('navigationToReadyMs'),
      medianReloadToReadyMs: medianOf('reloadToReadyMs'),
    };
  } finally {
    for (const cleanup of cleanups) await cleanup().catch(() => undefined);
  }
}
