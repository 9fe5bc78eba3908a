import { createClock, createRandom, type Clock, type Random } from './clock.js';
import { configFromEnv, resolveConfig, type Config, type ConfigInput } from './config.js';
import { createRateLimits } from './auth/rate-limits.js';
import { createControlApp } from './control/control-app.js';
import { createApp } from './core/app.js';
import { createInboxApp, INBOX_VERSION } from './mail/inbox-app.js';
import { createInboxEvents, type InboxEvents } from './mail/inbox-events.js';
import { createInbox, createOutbox, type Inbox, type Outbox } from './mail/captured.js';
import { createMailer } from './mail/mailer.js';
import { createIdpStore } from './idp/state.js';
import { openPglite } from './db/pglite.js';
import type { Storage } from './db/storage.js';
import type { SupabaseConfig } from './supabase-config.js';
import type { Services } from './services.js';
import type { ApiKeys } from './tokens/api-keys.js';
import type { Jwk } from './tokens/keys.js';
import { setUpSigning } from './tokens/signing-setup.js';
import { isLoopbackHost } from './idp/login-hint.js';

export interface EmulatorOptions {
  /** Settings by GoTrue name (camelCase); anything not given comes from `env`, then the defaults. */
  config?: ConfigInput;
  /** Environment to read GOTRUE_* overrides from; pass process.env in Node. Default: none. */
  env?: Record<string, string | undefined>;
  /** Persist to this directory; in memory when absent. */
  dataDir?: string;
  /**
   * Keep data in this PostgreSQL database (postgres://user:password@host:port/database) instead of
   * PGlite, so several emulator processes can share it; migrated on first use. dataDir is then ignored.
   */
  databaseUrl?: string;
  /** Bring your own storage (tests, other databases); databaseUrl and dataDir are then ignored. */
  storage?: Storage;
  clock?: Clock;
  random?: Random;
  /**
   * A Supabase project whose supabase/config.toml to read: its directory, its supabase/ folder or
   * the file. Default (in Node): ./supabase/config.toml of the working directory if there is one,
   * as the authlab CLI and `supabase start`; false: none. `config` and `env` beat it.
   */
  workdir?: string | false;
  /**
   * The address the server listens on (--host), when a server does. Some shortcuts are only safe
   * when nobody else can reach it (login_hint on the fake provider; see idpLoginHint). Unknown, each
   * request's own host is judged instead.
   */
  host?: string;
  /** Progress of slow, one-time work (building the database template); silent by default. */
  onProgress?: (message: string) => void;
}

export interface Emulator {
  /** The whole emulator as a fetch handler: GoTrue under /auth/v1 and at /, the inbox under /_/inbox. */
  fetch: (request: Request) => Promise<Response>;
  /** The Mailpit-compatible inbox (and SMS outbox under /sms) alone, for Mailpit's own port. */
  inboxFetch: (request: Request) => Promise<Response>;
  /** Mailpit's live events (new, update, delete, truncate, stats), for a host that speaks WebSocket. */
  inboxEvents: InboxEvents;
  /** Captured mail: the newest to an address, and its link opened inside the emulator. */
  inbox: Inbox;
  /** Captured SMS: the newest to a phone. */
  sms: Outbox;
  /**
   * Points mail links, the token issuer and OAuth callbacks at the Supabase URL this emulator is
   * reached at (e.g. "http://localhost:54321"), unless apiExternalUrl was configured. The MSW
   * handlers call it with their URL; the last call wins.
   */
  answerAt(supabaseUrl: string): void;
  config: Config;
  /** The supabase/config.toml that was read (see `workdir`): what it set, and what it did not. */
  supabaseConfig?: Omit<SupabaseConfig, 'config'>;
  keys: ApiKeys;
  /** What access tokens are signed with: HS256 (the secret) unless signing keys are configured. */
  signingKey: { alg: string; kid?: string };
  /** The private JWKs made for signingKeys: "generate", so a caller can keep them; absent otherwise. */
  generatedSigningKeys?: Jwk[];
  clock: Clock;
  /** Deletes every user, session, token and captured message; the schema stays. */
  reset: () => Promise<void>;
  close: () => Promise<void>;
  /** Direct access to storage, for tools and tests that inspect auth.* tables. */
  db: Storage;
  /** Everything the routes use, for adapters (the Playwright fixture seeds users through it). */
  services: Services;
}

/** Builds an emulator. Resolves once the database is ready, so the first request can sign up. */
export async function createEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const project = await readSupabaseProject(options);
  const input: ConfigInput = { ...project?.config, ...configFromEnv(options.env ?? {}), ...(options.config ?? {}) };
  const config = resolveConfig(input);
  if (config.idpLoginHint === undefined && options.host !== undefined) config.idpLoginHint = isLoopbackHost(options.host);
  const clock = options.clock ?? createClock();
  const random = options.random ?? createRandom();
  // keys first: a bad key is reported before the database is opened
  const signing = await setUpSigning(config, random, clock.nowSeconds());
  const db = options.storage ?? (options.databaseUrl ? await openPostgresStorage(options.databaseUrl) : await openNodeStorage(options));
  const limits = createRateLimits(clock);
  const services: Services = {
    config,
    db,
    clock,
    random,
    jwt: signing.jwt,
    apiKeys: signing.apiKeys,
    mailer: createMailer({ config, limits, clock, random }),
    limits,
    idp: createIdpStore(random),
  };
  const reset = async () => {
    await db.reset();
    services.limits.reset();
    await services.idp.reset();
  };
  const app = createApp(services, createControlApp({ reset, snapshots: new Map() }));
  const inbox = createInboxApp(services, { allowedOrigins: config.inboxAllowedOrigins });
  const inboxEvents = createInboxEvents(db, INBOX_VERSION, config.inboxAllowedOrigins);
  // any answered request may have captured, read or deleted mail: the events look right away
  const poking = (handler: { fetch: (request: Request) => Response | Promise<Response> }) => async (request: Request) => {
    const response = await handler.fetch(request);
    inboxEvents.poke();
    return response;
  };
  const fetch = poking(app);
  return {
    fetch,
    inboxFetch: poking(inbox),
    inboxEvents,
    inbox: createInbox(db, fetch),
    sms: createOutbox(db),
    answerAt(supabaseUrl) {
      if (input.apiExternalUrl !== undefined) return;
      // everything derived from the external URL (verify and callback URLs, the issuer) follows it
      Object.assign(config, resolveConfig({ ...input, apiExternalUrl: `${supabaseUrl.replace(/\/+$/, '')}/auth/v1` }));
    },
    config,
    ...(project ? { supabaseConfig: { file: project.file, ports: project.ports, report: project.report } } : {}),
    keys: services.apiKeys,
    signingKey: signing.jwt.signingKey,
    ...(signing.generated ? { generatedSigningKeys: signing.generated } : {}),
    clock: services.clock,
    reset,
    close: async () => {
      inboxEvents.close();
      await db.close();
    },
    db,
    services,
  };
}

/** The app's supabase/config.toml, read only in Node (it needs the file system) and loaded only then. */
async function readSupabaseProject(options: EmulatorOptions): Promise<SupabaseConfig | undefined> {
  if (options.workdir === false || typeof process === 'undefined' || !process.versions?.node) return undefined;
  // a computed specifier keeps browser bundlers from pulling the TOML reader into the page
  const project = './supabase-config/project.js';
  const { readSupabaseProject: read } = (await import(/* @vite-ignore */ project)) as typeof import('./supabase-config/project.js');
  return read(options.workdir, options.env ?? {});
}

/** A PostgreSQL server through postgres.js, loaded only when asked for (it needs Node's sockets). */
async function openPostgresStorage(url: string): Promise<Storage> {
  // a computed specifier keeps browser bundlers from pulling the driver into the page
  const driver = './db/postgres.js';
  const { openPostgres } = (await import(/* @vite-ignore */ driver)) as typeof import('./db/postgres.js');
  return openPostgres(url);
}

/**
 * A --data-dir, held by this process alone until closed (see db/data-dir-lock.ts), seeded from the
 * template when new. A directory that cannot be opened gets a message that says what to do.
 */
async function openDataDir(dir: string, seed: () => void): Promise<Storage> {
  const lockModule = './db/data-dir-lock.js';
  const { lockDataDir } = (await import(/* @vite-ignore */ lockModule)) as typeof import('./db/data-dir-lock.js');
  const release = lockDataDir(dir);
  let storage: Storage;
  try {
    seed();
  } catch (e) {
    release();
    throw e;
  }
  try {
    storage = await openPglite({ dataDir: dir });
  } catch (e) {
    release();
    throw new Error(
      `the database in it cannot be opened (${(e as Error).message}). It may be damaged (a process killed mid-write, a full disk) ` +
        `or written by another PGlite version. Move it aside (mv ${dir} ${dir}.bad) to start empty, or restore a copy.`,
      { cause: e },
    );
  }
  return {
    ...storage,
    async close() {
      try {
        await storage.close();
      } finally {
        release();
      }
    },
  };
}

/** PGlite started from the prebuilt template: a throwaway copy, or a data directory seeded from it. */
async function openNodeStorage(options: EmulatorOptions): Promise<Storage> {
  // a computed specifier keeps browser bundlers from pulling Node's file system into the page
  const nodeTemplate = './db/node-template.js';
  const { ensureTemplate, ephemeralCopy, seedDataDir } = (await import(
    /* @vite-ignore */ nodeTemplate
  )) as typeof import('./db/node-template.js');
  const template = await ensureTemplate((message) => options.onProgress?.(message));
  if (options.dataDir) return openDataDir(options.dataDir, () => seedDataDir(template, options.dataDir!));
  const copy = ephemeralCopy(template);
  const storage = await openPglite({ dataDir: copy.dir });
  return {
    ...storage,
    async close() {
      await storage.close();
      copy.dispose();
    },
  };
}

export { resolveConfig, configSchema, envName, ConfigError } from './config.js';
export type { Config, ConfigInput } from './config.js';
export { AuthError } from './errors.js';
export type { CapturedMail, FollowedLink, Inbox, MailKind, Outbox } from './mail/captured.js';
