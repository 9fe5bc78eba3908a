import { existsSync } from 'node:fs';
import { status } from './progress.js';
import type { ServerProcess } from './server-process.js';
import { median, round } from './stats.js';

/**
 * The flow explorer as a new visitor meets it: headless Chromium opens the CLI's /_/ with its HTTP
 * cache disabled (every byte fetched), and the time runs from navigation start to the first
 * screen's first step being usable: its button visible and enabled. That button lives in the
 * screen's lazily loaded chunk (the h1 above it is the shell's), so the figure covers the shell,
 * the screen's chunk and React rendering both, not just the HTML.
 */

const DEFAULT_CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const PAGE_TIMEOUT_MS = 60_000;
/** The first step of the Password screen, first in the sidebar and where /_/ lands. */
const FIRST_STEP_BUTTON = 'main .flow button';

interface LoadRun {
  /** navigation start -> the first step's button visible and enabled, by the page's own clock */
  toInteractiveMs: number;
  /** bytes on the wire (compressed) for every response of the load */
  transferredBytes: number;
  requests: number;
}

export interface ExplorerLoad {
  runs: LoadRun[];
  medianToInteractiveMs: number;
  medianTransferredKb: number;
  requests: number;
}

export type ExplorerLoadResult = { skipped: string } | ({ chromium: string } & ExplorerLoad);

export async function explorerColdLoad(server: ServerProcess, runs: number): Promise<ExplorerLoadResult> {
  const executablePath = process.env.CHROMIUM_PATH || DEFAULT_CHROMIUM;
  if (!existsSync(executablePath)) return { skipped: `skipped: no Chromium at ${executablePath}` };
  const page = await fetch(`${server.origin}/_/`);
  await page.body?.cancel();
  if (!page.ok) return { skipped: `skipped: the CLI serves no explorer (npm run build:renderer), /_/ -> ${page.status}` };

  const { chromium } = await import('@playwright/test');
  status(`explorer load: launching ${executablePath}…`);
  const browser = await chromium.launch({ executablePath, args: ARGS, headless: true, timeout: PAGE_TIMEOUT_MS });
  try {
    const measured: LoadRun[] = [];
    for (let i = 0; i < runs; i++) {
      status(`explorer load: cold load ${i + 1}/${runs}`);
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      try {
        const tab = await context.newPage();
        // as DevTools' "Disable cache": nothing from an earlier run or an earlier tab
        const cdp = await context.newCDPSession(tab);
        await cdp.send('Network.enable');
        await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
        let transferredBytes = 0;
        let requests = 0;
        cdp.on('Network.loadingFinished', (event) => {
          transferredBytes += event.encodedDataLength;
          requests++;
        });
        await tab.goto(`${server.origin}/_/`, { waitUntil: 'commit', timeout: PAGE_TIMEOUT_MS });
        const visibleAt = await tab.waitForFunction(
          (selector) => {
            const button = document.querySelector<HTMLButtonElement>(selector);
            return button && !button.disabled && button.checkVisibility() ? performance.now() : false;
          },
          FIRST_STEP_BUTTON,
          { timeout: PAGE_TIMEOUT_MS, polling: 'raf' },
        );
        measured.push({ toInteractiveMs: round(Number(await visibleAt.jsonValue()), 0), transferredBytes, requests });
      } finally {
        await context.close();
      }
    }
    return {
      chromium: executablePath,
      runs: measured,
      medianToInteractiveMs: median(measured.map((r) => r.toInteractiveMs)),
      medianTransferredKb: round(median(measured.map((r) => r.transferredBytes)) / 1024, 0),
      requests: median(measured.map((r) => r.requests)),
    };
  } finally {
    await browser.close();
  }
}
