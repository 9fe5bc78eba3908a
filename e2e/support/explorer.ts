import { expect, type Page, type TestInfo } from '@playwright/test';
import { EMULATOR_PORT } from './ports.js';

/** Opens the explorer on a flow, pointed at the test emulator through ?url= as a developer would. */
export async function openFlow(page: Page, flow: string): Promise<void> {
  await page.goto(`./?url=http://127.0.0.1:${EMULATOR_PORT}#/${flow}`);
  await expect(page.getByRole('navigation', { name: 'Flows' })).toBeVisible();
}

/** The tests share one emulator: every journey signs up its own user. */
export function uniqueEmail(testInfo: TestInfo, name: string): string {
  return `${name}.${testInfo.workerIndex}.${Date.now().toString(36)}.${Math.random().toString(36).slice(2, 6)}@example.com`;
}

/** The step card with this heading. */
export function step(page: Page, title: string) {
  return page.getByRole('region', { name: title, exact: true });
}

/**
 * The final screen as the user sees it (the viewport, not the full page: the sidebar, header and
 * token panel are sticky), attached to the report.
 */
export async function saveScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}
