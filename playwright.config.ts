import { defineConfig } from '@playwright/test';
import { EMULATOR_PORT, RENDERER_PORT } from './e2e/support/ports.js';

export default defineConfig({
  testDir: 'e2e',
  // the tests share one emulator; unique emails keep them independent, so they may run in parallel
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    // the page is served from another origin than the emulator: this also exercises CORS
    baseURL: `http://127.0.0.1:${RENDERER_PORT}/_/`,
    trace: 'retain-on-failure',
    viewport: { width: 1440, height: 1000 },
  },
  projects: [
    {
      name: 'chromium',
      use: {
        browserName: 'chromium',
        // Playwright's own browser download is not possible here; Debian's chromium is
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
        },
      },
    },
  ],
  webServer: [
    {
      command: `npx tsx emulator/src/cli.ts --port ${EMULATOR_PORT}`,
      url: `http://127.0.0.1:${EMULATOR_PORT}/health`,
      env: { AUTHLAB_BCRYPT_COST: '4' },
      // the emulator boots its database before answering; slow for now
      timeout: 120_000,
      reuseExistingServer: !process.env.CI,
    },
    {
      // the emulator does not serve /_/ yet, so the built renderer is served by vite preview
      command: `npx vite build && npx vite preview --host 127.0.0.1 --port ${RENDERER_PORT} --strictPort`,
      url: `http://127.0.0.1:${RENDERER_PORT}/_/`,
      timeout: 120_000,
      reuseExistingServer: !process.env.CI,
    },
  ],
});
