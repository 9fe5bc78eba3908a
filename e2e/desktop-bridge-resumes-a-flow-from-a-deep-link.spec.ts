import { expect, test, type Page } from '@playwright/test';
import { EXPLORERS, mailBeside, saveScreenshot, step, uniqueEmail } from './support/explorer.js';

/**
 * The explorer as the desktop app runs it, in a browser: `window.authlab` is a stand-in for the
 * Electron preload (electron/preload.ts), recording what the page asks of the shell. The shell's
 * own behaviour (IPC, loopback listener, CSP) is tested in electron/.
 */
const CALLBACK = 'http://127.0.0.1:45999/callback';
/** What the in-process emulator reports: the local stack's anon key. */
const ANON_KEY =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0';

async function openAsDesktop(page: Page, route: string) {
  const url = new URL(EXPLORERS.mail).origin;
  await page.addInitScript(
    ({ url, callback, anonKey }) => {
      const store = new Map<string, string>();
      const running = { target: 'in-process', url, anonKey, emulator: { state: 'running', url, error: null } };
      const state = { info: running as Record<string, unknown>, listeners: [] as ((link: unknown) => void)[], opened: [] as string[], prepared: [] as string[] };
      const w = window as unknown as Record<string, unknown>;
      w.__desktop = state;
      w.authlab = {
        storage: {
          getItem: async (k: string) => store.get(k) ?? null,
          setItem: async (k: string, v: string) => void store.set(k, v),
          removeItem: async (k: string) => void store.delete(k),
        },
        connection: { get: async () => state.info, useUrl: async () => state.info },
        emulator: {
          start: async () => (state.info = running),
          stop: async () => (state.info = { ...running, url: null, emulator: { state: 'stopped', url: null, error: null } }),
        },
        redirect: {
          prepare: async (mode: string) => {
            state.prepared.push(mode);
            return { redirectUrl: callback };
          },
          onDeepLink: (listener: (link: unknown) => void) => {
            state.listeners.push(listener);
            return () => state.listeners.splice(state.listeners.indexOf(listener), 1);
          },
        },
        openExternal: async (u: string) => void state.opened.push(u),
      };
    },
    { url, callback: CALLBACK, anonKey: ANON_KEY },
  );
  await page.goto(`${EXPLORERS.mail}#/${route}`);
  await expect(page.getByRole('navigation', { name: 'Flows' })).toBeVisible();
}

/** What the shell does when the loopback listener receives GoTrue's redirect: parse it and hand it to the page. */
async function deliverDeepLink(page: Page, redirect: Record<string, unknown>) {
  await page.evaluate((r) => {
    const w = window as unknown as { __desktop: { listeners: ((link: unknown) => void)[] } };
    for (const listener of w.__desktop.listeners) listener({ via: 'loopback', redirect: r });
  }, redirect);
}

test('a reset link opened in the OS browser comes back as a deep link and the recovery flow resumes', async ({ page }, testInfo) => {
  const email = uniqueEmail(testInfo, 'desk');
  await openAsDesktop(page, 'recovery');
  await expect(page.getByRole('navigation', { name: 'Flows' }).getByLabel('Connection')).toContainText('in-app emulator: running');
  await expect(page.getByRole('note')).toHaveText('Tokens: OS keychain (through the desktop app)');

  await page.getByLabel('Email').fill(email);
  await step(page, 'Create the user').getByRole('button', { name: 'Sign up' }).click();
  await expect(step(page, 'Create the user').getByRole('status')).toContainText('Succeeded');
  const request = step(page, 'Request a reset link');
  await request.getByRole('button', { name: 'Send reset link' }).click();
  const mail = mailBeside(page, 'Request a reset link');
  await expect(mail).toContainText('Reset Your Password');
  // redirect_to is the shell's callback, not app://authlab
  await expect(mail).toContainText('redirects to the desktop app’s callback');
  await mail.getByRole('button', { name: 'Open the link' }).click();

  // the page asked the shell to open the link in the OS browser instead of navigating away
  const opened = await page.evaluate(() => (window as unknown as { __desktop: { opened: string[]; prepared: string[] } }).__desktop);
  expect(opened.prepared).toContain('loopback');
  expect(opened.opened).toHaveLength(1);
  expect(page.url()).toContain('#/recovery');

  // the OS browser follows it: GoTrue verifies and redirects to the loopback callback
  const response = await page.request.get(opened.opened[0]!, { maxRedirects: 0 });
  const location = new URL(response.headers().location ?? '');
  expect(`${location.origin}${location.pathname}`).toBe(CALLBACK);
  const fragment = new URLSearchParams(location.hash.slice(1));
  await deliverDeepLink(page, {
    kind: 'session',
    accessToken: fragment.get('access_token'),
    refreshToken: fragment.get('refresh_token'),
    expiresIn: Number(fragment.get('expires_in')),
    expiresAt: Number(fragment.get('expires_at')),
    tokenType: fragment.get('token_type'),
    type: fragment.get('type'),
    providerToken: null,
    providerRefreshToken: null,
  });

  const back = step(page, 'Back from the link: recovery session');
  await expect(back.getByRole('table', { name: 'What the link brought back' })).toContainText('recovery');
  await expect(back.getByRole('status')).toContainText(`Signed in as ${email}`);
  await expect(page.getByLabel('Device A status')).toHaveText(`Device A: signed in as ${email}`);
  await back.scrollIntoViewIfNeeded();
  await saveScreenshot(page, testInfo, 'desktop-deep-link-recovery');
});

test('an error redirect is shown, and stopping the in-app emulator says there is nothing to talk to', async ({ page }, testInfo) => {
  await openAsDesktop(page, 'recovery');
  await page.evaluate(() => sessionStorage.setItem('authlab.pending-link', JSON.stringify({ route: 'recovery' })));
  await deliverDeepLink(page, { kind: 'error', error: 'access_denied', errorCode: 'otp_expired', errorDescription: 'Email link is invalid or has expired' });
  const back = step(page, 'Back from the link: recovery session');
  await expect(back.getByRole('status')).toContainText('otp_expired');
  await expect(back.getByRole('status')).toContainText('Email link is invalid or has expired');

  const connection = page.getByRole('navigation', { name: 'Flows' }).getByLabel('Connection');
  await connection.getByRole('button', { name: 'Stop the emulator' }).click();
  await expect(page.getByRole('main')).toContainText('the in-app emulator is stopped');
  await connection.getByRole('button', { name: 'Start the emulator' }).click();
  await expect(connection).toContainText('in-app emulator: running');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Password recovery');
  await saveScreenshot(page, testInfo, 'desktop-emulator-restarted');
});

test('the connection panel chooses how redirects come back, and flows ask the shell for that one', async ({ page }, testInfo) => {
  const email = uniqueEmail(testInfo, 'desk');
  await openAsDesktop(page, 'recovery');
  const choice = page.getByRole('group', { name: 'Redirects come back through' });
  await expect(choice.getByLabel(/Loopback listener/)).toBeChecked();
  await choice.getByLabel(/Custom protocol/).check();
  await expect(choice).toContainText('needs authlab://** in its allow list');

  await page.getByLabel('Email').fill(email);
  await step(page, 'Create the user').getByRole('button', { name: 'Sign up' }).click();
  await expect(step(page, 'Create the user').getByRole('status')).toContainText('Succeeded');
  await step(page, 'Request a reset link').getByRole('button', { name: 'Send reset link' }).click();
  await expect(mailBeside(page, 'Request a reset link')).toContainText('Reset Your Password');
  const prepared = await page.evaluate(() => (window as unknown as { __desktop: { prepared: string[] } }).__desktop.prepared);
  expect(prepared).toEqual(['custom-scheme']);

  // the choice outlives a reload of the window (the shell reloads it when the connection changes)
  await page.reload();
  await expect(page.getByRole('group', { name: 'Redirects come back through' }).getByLabel(/Custom protocol/)).toBeChecked();
  await saveScreenshot(page, testInfo, 'desktop-redirect-choice');
});
