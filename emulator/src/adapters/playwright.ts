import { test as base, expect, type Page } from '@playwright/test';
import type { ConfigInput } from '../config.js';
import type { SeedUserInput } from '../control/seed.js';
import { seedUsers, SeedUser } from '../control/seed.js';
import { toCapturedMail, type CapturedMail } from '../mail/captured.js';
import { latestMailTo, type MailRow } from '../mail/store.js';
import { startEmulator, type RunningEmulator } from '../node.js';
import { withExplorer } from './explorer-files.js';
import { listSms } from '../sms/store.js';

/**
 * authlab as a Playwright fixture: each worker gets its own emulator (own port, own database), and
 * every test starts from an empty one — a reset takes milliseconds, no restart.
 *
 *   import { test, expect } from 'authlab/playwright';
 *   test.use({ authlabConfig: { mailerAutoconfirm: false } });
 *   test('confirms by link', async ({ page, authlab }) => {
 *     await page.goto(`http://localhost:3000/?supabase=${authlab.url}`);
 *     ...sign up in the page...
 *     await authlab.clickLink(page, 'ada@example.com');
 *   });
 */
export interface AuthlabFixture {
  /** Supabase URL of this worker's emulator (also serves the explorer under /_/). */
  url: string;
  anonKey: string;
  serviceRoleKey: string;
  emulator: RunningEmulator;
  /** Creates a confirmed user directly (no mail, no rate limit). */
  createUser(user: SeedUserInput & { password: string }): Promise<{ id: string; email: string | null }>;
  /** Signs a user in over HTTP and puts the session where supabase-js in the page will find it. */
  signIn(page: Page, credentials: { email: string; password: string }, options?: { storageKey?: string }): Promise<Session>;
  /** Waits for the next mail to an address (one not returned before) and gives its code and link. */
  nextMail(to: string, options?: { timeout?: number }): Promise<CapturedMail>;
  /** Waits for the next SMS to a phone. */
  nextSms(phone: string, options?: { timeout?: number }): Promise<{ body: string; otp: string | null }>;
  /** Waits for the next mail to an address and opens its link in the page, as a person would. */
  clickLink(page: Page, to: string): Promise<void>;
  /** The emulator's clock: tokens, codes and rate-limit windows follow it. */
  clock: { advance(seconds: number): void; set(at: Date | number): void; restore(): void };
}

export interface Session {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  expires_at: number;
  token_type: string;
  user: Record<string, unknown>;
}

/** supabase-js's default storage key for a project URL (sb-<first label of the host>-auth-token). */
export const defaultStorageKey = (supabaseUrl: string) => `sb-${new URL(supabaseUrl).hostname.split('.')[0]}-auth-token`;

const POLL_MS = 50;

export const test = base.extend<
  { authlab: AuthlabFixture },
  { authlabConfig: ConfigInput; authlabWorker: RunningEmulator }
>({
  authlabConfig: [{ bcryptCost: 4 }, { scope: 'worker', option: true }],
  authlabWorker: [
    async ({ authlabConfig }, use) => {
      const emulator = await startEmulator({ config: authlabConfig, wrap: withExplorer });
      await use(emulator);
      await emulator.stop();
    },
    { scope: 'worker' },
  ],
  authlab: async ({ authlabWorker: em }, use) => {
    em.clock.restore();
    await em.reset();
    const seen = new Set<string>();

    async function waitFor<T>(what: string, timeout: number, probe: () => Promise<T | undefined>): Promise<T> {
      const deadline = Date.now() + timeout;
      for (;;) {
        const found = await probe();
        if (found !== undefined) return found;
        if (Date.now() > deadline) throw new Error(`authlab: no ${what} within ${timeout} ms`);
        await new Promise((r) => setTimeout(r, POLL_MS));
      }
    }
    const unseen = (row: MailRow | undefined) => (row && !seen.has(row.id) ? row : undefined);

    const fixture: AuthlabFixture = {
      url: em.url,
      anonKey: em.anonKey,
      serviceRoleKey: em.serviceRoleKey,
      emulator: em,
      async createUser(user) {
        const [created] = await seedUsers(em.services, [SeedUser.parse(user)]);
        return { id: created!.id, email: created!.email };
      },
      async signIn(page, credentials, options = {}) {
        const res = await fetch(`${em.url}/auth/v1/token?grant_type=password`, {
          method: 'POST',
          headers: { apikey: em.anonKey, 'content-type': 'application/json' },
          body: JSON.stringify(credentials),
        });
        if (!res.ok) throw new Error(`authlab: sign-in of ${credentials.email} failed: ${res.status} ${await res.text()}`);
        const session = (await res.json()) as Session;
        const key = options.storageKey ?? defaultStorageKey(em.url);
        // before any script of the page runs, on every origin the test visits
        await page.addInitScript(([k, v]) => window.localStorage.setItem(k, v), [key, JSON.stringify(session)] as const);
        return session;
      },
      async nextMail(to, options = {}) {
        const row = await waitFor(`mail to ${to}`, options.timeout ?? 5000, async () => unseen(await latestMailTo(em.db, to)));
        seen.add(row.id);
        return toCapturedMail(row, to);
      },
      async nextSms(phone, options = {}) {
        const row = await waitFor(`SMS to ${phone}`, options.timeout ?? 5000, async () => {
          const [m] = await listSms(em.db, phone, 1);
          return m && !seen.has(m.id) ? m : undefined;
        });
        seen.add(row.id);
        return { body: row.body, otp: row.otp };
      },
      async clickLink(page, to) {
        const mail = await fixture.nextMail(to);
        if (!mail.link) throw new Error(`authlab: the mail "${mail.subject}" to ${to} has no link`);
        await page.goto(mail.link);
      },
      clock: em.clock,
    };
    await use(fixture);
  },
});

export { expect };
