import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Locator, type Page, type TestInfo } from '@playwright/test';
import { EMULATOR_PORT, MAIL_EMULATOR_PORT, OAUTH_EMULATOR_PORT, RENDERER_PORT } from './ports.js';

/** Where a spec opens the explorer (see playwright.config.ts for each emulator's settings). */
export const EXPLORERS = {
  /** Served by an emulator with the local defaults (autoconfirm on), same origin. */
  default: `http://127.0.0.1:${EMULATOR_PORT}/_/`,
  /** The same emulator at localhost, the one origin its WebAuthn relying party accepts (passkeys, security keys). */
  localhost: `http://localhost:${EMULATOR_PORT}/_/`,
  /** Served by the emulator with confirmations and phone sign-in on, same origin. */
  mail: `http://127.0.0.1:${MAIL_EMULATOR_PORT}/_/`,
  /** Served by the emulator with the OAuth 2.1 server on, whose site URL is this explorer. */
  oauthServer: `http://127.0.0.1:${OAUTH_EMULATOR_PORT}/_/`,
  /** Served by vite preview on another origin, pointed at the mail emulator through ?url= as a developer would. */
  crossOrigin: `http://127.0.0.1:${RENDERER_PORT}/_/?url=http://127.0.0.1:${MAIL_EMULATOR_PORT}`,
} as const;

/** Opens the explorer on a flow. */
export async function openFlow(page: Page, flow: string, on: keyof typeof EXPLORERS = 'default'): Promise<void> {
  await page.goto(`${EXPLORERS[on]}#/${flow}`);
  await expect(page.getByRole('navigation', { name: 'Flows' })).toBeVisible();
}

/** The tests share emulators: every journey signs up its own user. */
export function uniqueEmail(testInfo: TestInfo, name: string): string {
  return `${name}.${testInfo.workerIndex}.${Date.now().toString(36)}.${Math.random().toString(36).slice(2, 6)}@example.com`;
}

/** The step card with this heading. */
export function step(page: Page, title: string) {
  return page.getByRole('region', { name: title, exact: true });
}

/**
 * Expects an exchange (a `group` named after its request) to show this HTTP status: the status
 * element itself, since '200' may also appear in its headers, body or duration.
 */
export async function expectStatus(exchange: Locator, status: number): Promise<void> {
  await expect(exchange.getByTestId('exchange-status')).toHaveText(String(status));
}

/** The mail shown beside a step, once it has arrived. */
export function mailBeside(page: Page, stepTitle: string) {
  return step(page, stepTitle).getByRole('complementary', { name: 'Mail' });
}

/** The 6-digit code as the mail panel shows it. */
export async function codeInMail(page: Page, stepTitle: string): Promise<string> {
  const code = mailBeside(page, stepTitle).getByLabel('Code in the mail');
  await expect(code).toHaveText(/^\d{6}$/);
  return (await code.textContent()) ?? '';
}

/**
 * The final screen as the user sees it (the viewport, not the full page: the sidebar, header and
 * token panel are sticky), attached to the report. `npm run docs:screens` also writes it to
 * docs/screens/, where the README's gallery (docs/screens.md) shows each screen at the moment its
 * journey makes it most informative.
 */
export async function saveScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path });
  await testInfo.attach(name, { path, contentType: 'image/png' });
  if (process.env.AUTHLAB_DOCS_SCREENS && docsGallery().includes(`screens/${name}.png`)) {
    mkdirSync(DOCS_SCREENS, { recursive: true });
    copyFileSync(path, join(DOCS_SCREENS, `${name}.png`));
  }
}

const DOCS_SCREENS = fileURLToPath(new URL('../../docs/screens/', import.meta.url));
/** The gallery page: only the pictures it names are kept in the repository. */
const docsGallery = () => readFileSync(fileURLToPath(new URL('../../docs/screens.md', import.meta.url)), 'utf8');
