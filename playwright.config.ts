import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';
import { EMULATOR_PORT, MAIL_EMULATOR_PORT, OAUTH_EMULATOR_PORT, RENDERER_PORT } from './e2e/support/ports.js';

const emulator = (port: number, env: Record<string, string>, flags = '') => ({
  // --inbox-port 0: the inbox stays under /_/inbox, so neither emulator takes Mailpit's port
  command: `npx tsx emulator/src/cli.ts --port ${port} --inbox-port 0${flags}`,
  url: `http://127.0.0.1:${port}/health`,
  env: { AUTHLAB_BCRYPT_COST: '4', ...env },
  // the emulator boots its database before answering
  timeout: 120_000,
  reuseExistingServer: !process.env.CI,
});

export default defineConfig({
  testDir: 'e2e',
  // the consumer app is a project of its own, run from its installed copy by emulator/test/package/consumer-app.test.ts
  testIgnore: ['consumer-app/**'],
  // the tests share the emulators; unique emails and phones keep them independent, so they may run in parallel
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  // two workers: the default (half the cores) is one on a two-core CI runner, and the specs may run side by side
  workers: 2,
  // the list, then why each skipped test was skipped (the list reporter only marks them)
  reporter: [['list'], ['./e2e/support/skip-reasons-reporter.ts'], ...(process.env.CI ? [['html', { open: 'never' }] as const] : [])],
  use: {
    // each emulator serves the built explorer under /_/ on its own port; specs pick one (support/explorer.ts)
    baseURL: `http://127.0.0.1:${EMULATOR_PORT}/_/`,
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
          // Debian's chromium where it is installed (CI), else Playwright's own browser if present
          executablePath: process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined),
          args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
        },
      },
    },
  ],
  // started in this order: the build comes first, since both emulators serve dist/renderer
  webServer: [
    {
      // the explorer on an origin of its own: the spec that proves CORS (API, and the inbox this
      // origin is listed for), and another site (localhost:<port>) that no emulator lists
      command: `npx vite build && npx vite preview --host 127.0.0.1 --port ${RENDERER_PORT} --strictPort`,
      url: `http://127.0.0.1:${RENDERER_PORT}/_/`,
      timeout: 120_000,
      reuseExistingServer: !process.env.CI,
    },
    emulator(EMULATOR_PORT, {
      // passkeys for the explorer opened at http://localhost:<port>/_/ (WebAuthn refuses 127.0.0.1)
      GOTRUE_PASSKEY_ENABLED: 'true',
      GOTRUE_WEBAUTHN_RP_ID: 'localhost',
      GOTRUE_WEBAUTHN_RP_DISPLAY_NAME: 'authlab e2e',
      GOTRUE_WEBAUTHN_RP_ORIGINS: `http://localhost:${EMULATOR_PORT}`,
      // security keys as second factors, for the explorer's MFA screen at the same origin
      GOTRUE_MFA_WEB_AUTHN_ENROLL_ENABLED: 'true',
      GOTRUE_MFA_WEB_AUTHN_VERIFY_ENABLED: 'true',
    }),
    emulator(MAIL_EMULATOR_PORT, {
      GOTRUE_MAILER_AUTOCONFIRM: 'false',
      GOTRUE_EXTERNAL_PHONE_ENABLED: 'true',
      // as on `supabase start`, phone sign-in needs an SMS provider GoTrue accepts; the SMS still land in the outbox
      GOTRUE_SMS_PROVIDER: 'twilio',
      GOTRUE_SMS_TWILIO_ACCOUNT_SID: 'ACe2e',
      GOTRUE_SMS_TWILIO_AUTH_TOKEN: 'e2e-token',
      GOTRUE_SMS_TWILIO_MESSAGE_SERVICE_SID: 'MGe2e',
      // loopback addresses pass GoTrue's redirect check anyway; listed so the intent is explicit
      GOTRUE_URI_ALLOW_LIST: `http://127.0.0.1:${MAIL_EMULATOR_PORT}/**,http://127.0.0.1:${RENDERER_PORT}/**`,
      // the explorer served on the renderer's port reads this emulator's captured mail (email-code-sign-in);
      // the inbox is same-origin only unless listed
      AUTHLAB_INBOX_ALLOWED_ORIGINS: `http://127.0.0.1:${RENDERER_PORT}`,
    }),
    emulator(
      OAUTH_EMULATOR_PORT,
      {
        GOTRUE_OAUTH_SERVER_ENABLED: 'true',
        // the consent redirect (site URL + authorization path) lands on this emulator's own explorer
        GOTRUE_SITE_URL: `http://127.0.0.1:${OAUTH_EMULATOR_PORT}/_/`,
        GOTRUE_OAUTH_SERVER_AUTHORIZATION_PATH: '/',
      },
      // an ES256 key, so openid exchanges get an id_token
      ' --generate-keys',
    ),
  ],
});
