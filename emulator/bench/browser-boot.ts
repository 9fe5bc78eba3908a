import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listen } from '../src/adapters/node-server.js';
import { assertLoopback } from './http-client.js';
import { status } from './progress.js';
import { median, round } from './stats.js';

/**
 * The emulator inside a web page (e2e/msw-page: PGlite in WebAssembly behind MSW's service worker),
 * beside its floor (bench/pglite-page: PGlite alone from the same template and assets). Both are
 * built, served on loopback and opened in headless Chromium, alternately, each time in a fresh
 * context and then reloaded; the pages report their own times (body[data-emulator-boot-ms],
 * body[data-boot-ms]).
 */

const DEFAULT_CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const PAGE_TIMEOUT_MS = 60_000;

/** Times a page reports from its own clock (performance.now()). */
interface BootRun {
  /** createBrowserEmulator() (or the floor's first fetch) -> ready */
  bootMs: number;
  /** navigation start -> ready: the page's own scripts downloaded and parsed too */
  navigationToReadyMs: number;
  /** the same, after reloading the tab (HTTP cache and service worker warm) */
  reloadToReadyMs: number;
}

export interface PageBoot {
  runs: BootRun[];
  medianBootMs: number;
  medianNavigationToReadyMs: number;
  medianReloadToReadyMs: number;
}

export type BrowserBootResult = { skipped: string } | { chromium: string; buildMs: number; authlab: PageBoot; pgliteAlone: PageBoot };

const PAGES = { authlab: ['e2e', 'msw-page'], pgliteAlone: ['emulator', 'bench', 'pglite-page'] } as const;
type PageName = keyof typeof PAGES;

export async function browserBoot(root: string, runs: number): Promise<BrowserBootResult> {
  const executablePath = process.env.CHROMIUM_PATH || DEFAULT_CHROMIUM;
  if (!existsSync(executablePath)) return { skipped: `skipped: no Chromium at ${executablePath}` };
  // loaded only when needed: all are heavy, and none is needed to skip
  const [{ build }, { chromium }, { serveStatic }, { Hono }] = await Promise.all([
    import('vite'),
    import('@playwright/test'),
    import('@hono/node-server/serve-static'),
    import('hono'),
  ]);

  // Built into a private directory, not dist/msw-page: an e2e run may be serving that one right now.
  const outDir = mkdtempSync(join(tmpdir(), 'authlab-bench-pages-'));
  const cleanups: (() => Promise<unknown>)[] = [async () => rmSync(outDir, { recursive: true, force: true })];
  try {
    const buildStarted = performance.now();
    for (const [name, dir] of Object.entries(PAGES)) {
      status(`browser boot: building ${dir.join('/')} with vite…`);
      await build({
        configFile: join(root, ...dir, 'vite.config.ts'),
        logLevel: 'error', // rolldown's warnings about PGlite's eval and chunk sizes are noise here
        build: { outDir: join(outDir, name), emptyOutDir: true },
      });
    }
    const buildMs = performance.now() - buildStarted;

    const app = new Hono();
    app.use('*', serveStatic({ root: outDir }));
    const server = await listen((request) => Promise.resolve(app.fetch(request)), { port: 0, host: '127.0.0.1' });
    cleanups.unshift(() => server.close());
    assertLoopback(server.url);

    status(`browser boot: launching ${executablePath}…`);
    const browser = await chromium.launch({ executablePath, args: ARGS, headless: true, timeout: PAGE_TIMEOUT_MS });
    cleanups.unshift(() => browser.close());

    const measured: Record<PageName, BootRun[]> = { authlab: [], pgliteAlone: [] };
    for (let i = 0; i < runs; i++) {
      // alternated, so both see the same moments of a noisy machine
      for (const name of Object.keys(PAGES) as PageName[]) {
        status(`browser boot: ${name} page load ${i + 1}/${runs}`);
        const context = await browser.newContext(); // fresh: no service worker, no HTTP cache
        try {
          const page = await context.newPage();
          const errors: string[] = [];
          page.on('pageerror', (e) => errors.push(String(e)));
          const ready = async () => {
            await page.waitForSelector('body[data-boot-ms]', { timeout: PAGE_TIMEOUT_MS }).catch((e: Error) => {
              throw new Error(`${name}: the page never set data-boot-ms: ${e.message.split('\n')[0]}; page errors: ${errors.join('; ') || 'none'}`);
            });
            const read = async (attribute: string) => Number(await page.getAttribute('body', attribute));
            return { bootMs: await read('data-emulator-boot-ms'), navigationToReadyMs: await read('data-boot-ms') };
          };
          await page.goto(`${server.url}/${name}/index.html`, { timeout: PAGE_TIMEOUT_MS });
          const cold = await ready();
          await page.reload({ timeout: PAGE_TIMEOUT_MS });
          const reload = await ready();
          measured[name].push({ ...cold, reloadToReadyMs: reload.navigationToReadyMs });
        } finally {
          await context.close();
        }
      }
    }
    return { chromium: executablePath, buildMs: round(buildMs, 0), authlab: summary(measured.authlab), pgliteAlone: summary(measured.pgliteAlone) };
  } finally {
    for (const cleanup of cleanups) await cleanup().catch(() => undefined);
  }
}

function summary(runs: BootRun[]): PageBoot {
  const medianOf = (key: keyof BootRun) => median(runs.map((r) => r[key]));
  return {
    runs,
    medianBootMs: medianOf('bootMs'),
    medianNavigationToReadyMs: medianOf('navigationToReadyMs'),
    medianReloadToReadyMs: medianOf('reloadToReadyMs'),
  };
}
