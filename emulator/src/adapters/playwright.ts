import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import type { ConfigInput } from '../config.js';
import type { SeedUserInput } from '../control/seed.js';
import { seedUsers, SeedUser } from '../control/seed.js';
import { toCapturedMail, type CapturedMail, type MailKind } from '../mail/captured.js';
import { latestMailTo, type MailRow } from '../mail/store.js';
import { startEmulator, type RunningEmulator } from '../node.js';
import { formatSupabaseReport } from '../supabase-config.js';
import { withExplorer } from './explorer-files.js';
import { listSms } from '../db/sms-store.js';

/**
 * authlab as a Playwright fixture: each worker gets its own emulator (own port, own database), and
 * every test starts from an empty one — a reset takes milliseconds, no restart.
 *
 * The app under test needs no change: whatever page the test opens, its requests to the Supabase
 * URL the app was built with (http://127.0.0.1:54321 or http://localhost:54321, as for
 * `supabase start`) are answered by this worker's emulator, so workers never share users.
 *
 *   import { test, expect } from 'authlab/playwright';
 *   test.use({ authlabConfig: { mailerAutoconfirm: false } });
 *   test('confirms by link', async ({ page, authlab }) => {
 *     await page.goto('http://localhost:3000/sign-up');
 *     ...sign up in the page...
 *     await authlab.clickLink(page, 'ada@example.com');
 *   });
 */
export interface AuthlabFixture {
  /** This worker's emulator, where it really listens, e.g. http://127.0.0.1:41234 (the explorer is under /_/). */
  url: string;
  /** The Supabase URLs the page's requests are taken from and answered by this emulator (authlabSupabaseUrl). */
  supabaseUrls: string[];
  anonKey: string;
  serviceRoleKey: string;
  emulator: RunningEmulator;
  /** Creates a confirmed user directly (no mail, no rate limit). */
  createUser(user: SeedUserInput & { password: string }): Promise<{ id: string; email: string | null }>;
  /**
   * Signs a user in over HTTP and puts the session where supabase-js in the page will find it,
   * before any script of the page runs: under the storage key of each Supabase URL in
   * `supabaseUrls` (sb-127-auth-token, sb-localhost-auth-token), or under `storageKey`.
   */
  signIn(page: Page, credentials: { email: string; password: string }, options?: { storageKey?: string }): Promise<Session>;
  /**
   * Waits for the next mail to an address (one not returned before in this test), optionally of
   * one kind, and gives its code and link.
   */
  nextMail(to: string, options?: { timeout?: number; type?: MailKind }): Promise<CapturedMail>;
  /** Waits for the next SMS to a phone. */
  nextSms(phone: string, options?: { timeout?: number }): Promise<{ body: string; otp: string | null }>;
  /** Waits for the next mail to an address and opens its link in the page, as a person would. */
  clickLink(page: Page, to: string, options?: { timeout?: number; type?: MailKind }): Promise<CapturedMail>;
  /** Routes a context or page the test made itself (browser.newContext()) to this emulator, as the fixture's own. */
  route(target: BrowserContext | Page): Promise<void>;
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

/** Options, set with test.use() in a file or in playwright.config.ts `use`; each is per worker. */
export interface AuthlabOptions {
  /**
   * Settings by GoTrue name over the fixture's defaults (those of `supabase start`, with
   * bcryptCost: 4 so sign-ups are fast), e.g. { mailerAutoconfirm: false }.
   */
  authlabConfig: ConfigInput;
  /**
   * The Supabase project whose supabase/config.toml to apply (its directory, its supabase/ folder
   * or the file). Default: ./supabase/config.toml of the working directory if there is one, as the
   * authlab CLI; false: none. authlabConfig beats it.
   */
  authlabWorkdir: string | false | undefined;
  /**
   * The Supabase URL(s) the app under test talks to; the page's requests to them are answered by
   * this worker's emulator. Default: http://127.0.0.1:<port> and http://localhost:<port>, with the
   * [api] port of config.toml, else 54321. [] leaves the page's requests alone.
   */
  authlabSupabaseUrl: string | string[] | undefined;
}

/** supabase-js's default storage key for a project URL (sb-<first label of the host>-auth-token). */
export const defaultStorageKey = (supabaseUrl: string) => `sb-${new URL(supabaseUrl).hostname.split('.')[0]}-auth-token`;

const POLL_MS = 50;
/** What the fixture changes from the local defaults: bcrypt at its cheapest, so sign-ups take milliseconds. */
const FIXTURE_DEFAULTS: ConfigInput = { bcryptCost: 4 };

interface Worker {
  emulator: RunningEmulator;
  supabaseUrls: string[];
}

export const test = base.extend<{ authlab: AuthlabFixture }, AuthlabOptions & { authlabWorker: Worker }>({
  authlabConfig: [{}, { scope: 'worker', option: true }],
  authlabWorkdir: [undefined, { scope: 'worker', option: true }],
  authlabSupabaseUrl: [undefined, { scope: 'worker', option: true }],
  authlabWorker: [
    async ({ authlabConfig, authlabWorkdir, authlabSupabaseUrl }, use) => {
      const emulator = await startEmulator({
        config: { ...FIXTURE_DEFAULTS, ...authlabConfig },
        ...(authlabWorkdir !== undefined ? { workdir: authlabWorkdir } : {}),
        wrap: withExplorer,
      });
      const read = emulator.supabaseConfig;
      // as the CLI: a typo in config.toml is said, not ignored
      if (read?.report.unknown.length) process.stderr.write(`${formatSupabaseReport(read)}\n`);
      const port = read?.ports.api ?? 54321;
      const supabaseUrls = authlabSupabaseUrl === undefined
        ? [`http://127.0.0.1:${port}`, `http://localhost:${port}`]
        : [authlabSupabaseUrl].flat();
      await use({ emulator, supabaseUrls });
      await emulator.stop();
    },
    { scope: 'worker' },
  ],
  // every page of the test reaches this worker's emulator at the URL the app was built with
  context: async ({ context, authlabWorker }, use) => {
    await routeToEmulator(context, authlabWorker);
    await use(context);
  },
  authlab: async ({ authlabWorker }, use) => {
    const { emulator: em, supabaseUrls } = authlabWorker;
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
    const unseen = (row: MailRow | undefined, type: MailKind | undefined) =>
      row && !seen.has(row.id) && (!type || toCapturedMail(row, '').type === type) ? row : undefined;

    const fixture: AuthlabFixture = {
      url: em.url,
      supabaseUrls,
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
        const keys = options.storageKey ? [options.storageKey] : [...new Set([...supabaseUrls, em.url].map(defaultStorageKey))];
        // before any script of the page runs, on every origin the test visits
        await page.addInitScript(
          ([ks, v]) => ks.forEach((k) => window.localStorage.setItem(k, v)),
          [keys, JSON.stringify(session)] as const,
        );
        return session;
      },
      async nextMail(to, options = {}) {
        const kind = options.type ? `${options.type} mail` : 'mail';
        const row = await waitFor(`${kind} to ${to}`, options.timeout ?? 5000, async () => unseen(await latestMailTo(em.db, to), options.type));
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
      async clickLink(page, to, options) {
        const mail = await fixture.nextMail(to, options);
        if (!mail.link) throw new Error(`authlab: the mail "${mail.subject}" to ${to} has no link`);
        await page.goto(mail.link);
        return mail;
      },
      route: (target) => routeToEmulator(target, authlabWorker),
      clock: em.clock,
    };
    await use(fixture);
  },
});

/**
 * Answers the page's requests to the app's Supabase URLs with the worker's emulator: the request
 * goes to the emulator's real port, and its answer (CORS headers, redirects) back to the page as is.
 */
async function routeToEmulator(target: BrowserContext | Page, { emulator, supabaseUrls }: Worker) {
  const origins = new Set(supabaseUrls.map((u) => new URL(u).origin));
  if (origins.size === 0) return;
  await target.route(
    (url) => origins.has(url.origin),
    async (route) => {
      const from = new URL(route.request().url());
      // a redirect (a mail link's 303) goes back to the browser, which follows it as it would
      const response = await route.fetch({ url: `${emulator.url}${from.pathname}${from.search}`, maxRedirects: 0 });
      await route.fulfill({ response });
    },
  );
}

export { expect };
export type { CapturedMail, MailKind } from '../mail/captured.js';
