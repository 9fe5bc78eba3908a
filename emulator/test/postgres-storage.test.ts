import { randomBytes } from 'node:crypto';
import { createClient } from '@supabase/supabase-js';
import postgres from 'postgres';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { listen } from '../src/adapters/node-server.js';
import type { ConfigInput } from '../src/config.js';
import { migrations, RESETTABLE_TABLES } from '../src/db/migrations/index.js';
import { openPostgres } from '../src/db/postgres.js';
import { createEmulator, type Emulator } from '../src/index.js';
import { uniqueEmail, type TestServer } from './support/emulator.js';
import { follow, fragment, latestMail, linkIn } from './support/mail.js';

/**
 * The emulator on a real PostgreSQL server (--database-url), through HTTP and supabase-js, and two
 * emulators sharing one database as two processes would. Each run gets a database of its own,
 * created here and dropped at the end, so runs never see each other's rows.
 */
// only a variable named for this suite: never a DATABASE_URL the shell has for something else
const adminUrl = process.env.AUTHLAB_TEST_DATABASE_URL;
const HOW_TO_RUN =
  'set AUTHLAB_TEST_DATABASE_URL to a PostgreSQL URL whose role may create databases, ' +
  'e.g. postgres://authlab:authlab-ci@127.0.0.1:5432/authlab as `bash .ci/run` sets up';

/** A server's TimeZone that would shift timestamps if a connection did not run in UTC. */
const SERVER_TIME_ZONE = 'Pacific/Auckland';

const urlFor = (base: string, database: string) => {
  const u = new URL(base);
  u.pathname = `/${database}`;
  return u.toString();
};

/** A fresh database on the admin connection's server, and a function that drops it. */
async function freshDatabase(prefix: string) {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(adminUrl!, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.unsafe(`alter database ${name} set timezone to '${SERVER_TIME_ZONE}'`);
  return {
    url: urlFor(adminUrl!, name),
    async drop() {
      // not WITH (FORCE): that needs rights over autovacuum workers; a plain drop stops those itself,
      // and only waits out backends of just-closed pools that have not exited yet
      for (let attempt = 1; ; attempt++) {
        try {
          await admin.unsafe(`drop database if exists ${name}`);
          break;
        } catch (e) {
          if ((e as { code?: string }).code !== '55006' || attempt === 20) throw e;
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
      }
      await admin.end({ timeout: 5 });
    },
  };
}

/** An emulator on the given database, served on its own random port, as one authlab process. */
async function serve(databaseUrl: string, config: ConfigInput = {}): Promise<TestServer> {
  let emulator: Emulator | undefined;
  const server = await listen((request) => emulator!.fetch(request), { port: 0, host: '127.0.0.1' });
  emulator = await createEmulator({ databaseUrl, config: { bcryptCost: 4, apiExternalUrl: `${server.url}/auth/v1`, ...config } });
  const e = emulator;
  return {
    emulator: e,
    server,
    url: server.url,
    client: (key = e.keys.anon) =>
      createClient(server.url, key, {
        auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
        realtime: { transport: WebSocket as never },
      }),
    auth: (path, init = {}) => {
      const headers = new Headers(init.headers);
      if (!headers.has('apikey')) headers.set('apikey', e.keys.anon);
      if (init.json !== undefined) headers.set('content-type', 'application/json');
      const body = init.json !== undefined ? JSON.stringify(init.json) : init.body;
      return fetch(`${server.url}/auth/v1${path}`, { ...init, headers, body });
    },
  };
}

const stop = async (t: TestServer | undefined) => {
  await t?.server.close();
  await t?.emulator.close();
};

const control = (t: TestServer, path: string, init: RequestInit & { json?: unknown } = {}) =>
  fetch(`${t.url}/_/control${path}`, {
    ...init,
    headers: { authorization: `Bearer ${t.emulator.keys.serviceRole}`, 'content-type': 'application/json' },
    body: init.json !== undefined ? JSON.stringify(init.json) : init.body,
  });

async function refresh(t: TestServer, refreshToken: string) {
  const res = await t.auth('/token?grant_type=refresh_token', { method: 'POST', json: { refresh_token: refreshToken } });
  return { status: res.status, body: (await res.json()) as { refresh_token: string; error_code?: string } };
}

async function signedUp(t: TestServer) {
  const email = uniqueEmail();
  const { data, error } = await t.client().auth.signUp({ email, password: 'secret-123' });
  expect(error).toBeNull();
  return { email, session: data.session! };
}

it.runIf(!adminUrl && process.env.CI)('has a PostgreSQL to test against in CI', () => {
  expect.fail(`no database URL in CI: ${HOW_TO_RUN}`);
});

describe.skipIf(!adminUrl)(adminUrl ? 'PostgreSQL storage' : `PostgreSQL storage (skipped: ${HOW_TO_RUN})`, () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  // two processes' worth of emulators on one database, and one that mails confirmations
  let a: TestServer, b: TestServer, confirming: TestServer;

  beforeAll(async () => {
    database = await freshDatabase('authlab_test');
    // started together against an empty database: the migration lock lets one migrate, the others wait
    [a, b, confirming] = await Promise.all([
      serve(database.url),
      serve(database.url),
      serve(database.url, { mailerAutoconfirm: false }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([stop(a), stop(b), stop(confirming)]);
    await database?.drop();
  });

  beforeEach(async () => {
    for (const t of [a, b, confirming]) t.emulator.clock.restore();
    await a.emulator.reset();
  });

  it('migrates once, however many emulators start together', async () => {
    const rows = await a.emulator.db.query<{ version: string }>('select version from auth.schema_migrations order by version');
    expect(rows.map((r) => r.version)).toEqual(migrations.map((m) => m.version));
  });

  it('signs up and signs in with a password', async () => {
    const { email, session } = await signedUp(a);
    expect(session.user.email).toBe(email);
    const { data, error } = await a.client().auth.signInWithPassword({ email, password: 'secret-123' });
    expect(error).toBeNull();
    expect(data.user!.id).toBe(session.user.id);
    const wrong = await a.client().auth.signInWithPassword({ email, password: 'wrong-123' });
    expect(wrong.error?.code).toBe('invalid_credentials');
  });

  it('reads rows as PGlite does, in UTC whatever the server TimeZone', async () => {
    const { session } = await signedUp(a);
    a.emulator.clock.advance(5);
    await refresh(a, session.refresh_token);
    const db = a.emulator.db;
    const [settings] = await db.query<{ tz: string }>(`select current_setting('TimeZone') as tz`);
    expect(settings!.tz).toBe('UTC');
    const [user] = await db.query<Record<string, unknown>>('select id, created_at, raw_app_meta_data from auth.users');
    expect(user!.id).toBe(session.user.id);
    expect(user!.created_at).toBeInstanceOf(Date);
    expect(user!.raw_app_meta_data).toEqual({ provider: 'email', providers: ['email'] });
    const tokens = await db.query<{ id: unknown; created_at: Date }>('select id, created_at from auth.refresh_tokens order by id');
    expect(tokens.map((r) => typeof r.id)).toEqual(['number', 'number']);
    // refreshed_at is a timestamp without time zone, written as UTC with the same instant as the new token
    const [s] = await db.query<{ refreshed_at: Date }>(`select refreshed_at at time zone 'UTC' as refreshed_at from auth.sessions`);
    expect(s!.refreshed_at).toEqual(tokens[1]!.created_at);
    expect(Math.abs(s!.refreshed_at.getTime() - a.emulator.clock.now().getTime())).toBeLessThan(5_000);
  });

  it('rotates refresh tokens and revokes the session when an old one is reused', async () => {
    const { session } = await signedUp(a);
    const first = await refresh(a, session.refresh_token);
    expect(first.status).toBe(200);
    expect(first.body.refresh_token).not.toBe(session.refresh_token);
    const second = await refresh(a, first.body.refresh_token);
    a.emulator.clock.advance(11); // past the 10 s reuse interval
    const reuse = await refresh(a, session.refresh_token);
    expect(reuse.status).toBe(400);
    expect(reuse.body.error_code).toBe('refresh_token_already_used');
    a.emulator.clock.advance(11);
    expect((await refresh(a, second.body.refresh_token)).body.error_code).toBe('refresh_token_already_used');
  });

  it('confirms an email through the link in the captured mail', async () => {
    const email = uniqueEmail();
    const { data } = await confirming.client().auth.signUp({ email, password: 'secret-123' });
    expect(data.session).toBeNull();
    const landing = await follow(linkIn(await latestMail(confirming, email)));
    expect(fragment(landing)).toMatchObject({ token_type: 'bearer', type: 'signup' });
    const { data: signedIn, error } = await confirming.client().auth.signInWithPassword({ email, password: 'secret-123' });
    expect(error).toBeNull();
    expect(signedIn.user!.email_confirmed_at).toBeTruthy();
  });

  it('exports the state and imports it back, sessions included', async () => {
    const { email, session } = await signedUp(a);
    const state = await (await control(a, '/state')).json();
    expect(state.tables['auth.users']).toHaveLength(1);
    expect((await control(a, '/reset', { method: 'POST' })).status).toBe(204);
    expect((await a.client().auth.signInWithPassword({ email, password: 'secret-123' })).error?.code).toBe('invalid_credentials');
    expect((await control(a, '/state', { method: 'PUT', json: state })).status).toBe(204);
    expect((await a.client().auth.signInWithPassword({ email, password: 'secret-123' })).error).toBeNull();
    // the session came back too, and its refresh token still rotates (the id sequence was moved on)
    expect((await refresh(a, session.refresh_token)).status).toBe(200);
  });

  it('empties every table on reset and keeps the schema', async () => {
    await signedUp(a);
    await signedUp(confirming);
    await a.emulator.reset();
    for (const table of RESETTABLE_TABLES) {
      const [row] = await a.emulator.db.query<{ n: number }>(`select count(*) as n from ${table}`);
      expect(row!.n, table).toBe(0);
    }
    expect((await signedUp(a)).session).toBeTruthy();
  });

  describe('two emulators sharing the database', () => {
    it('answers every loser of concurrent duplicate sign-ups through both with 422 user_already_exists', async () => {
      const email = uniqueEmail('race');
      const attempts = Array.from({ length: 12 }, (_, i) =>
        (i % 2 === 0 ? a : b).auth('/signup', { method: 'POST', json: { email, password: 'secret-123' } }),
      );
      const answers = await Promise.all((await Promise.all(attempts)).map(async (r) => ({ status: r.status, body: await r.json() })));
      expect(answers.filter((x) => x.status === 200)).toHaveLength(1);
      for (const x of answers.filter((y) => y.status !== 200)) {
        expect(x).toEqual({ status: 422, body: { code: 422, error_code: 'user_already_exists', msg: 'User already registered' } });
      }
    });

    it('signs in through one a user who signed up through the other', async () => {
      const { email, session } = await signedUp(a);
      const { data, error } = await b.client().auth.signInWithPassword({ email, password: 'secret-123' });
      expect(error).toBeNull();
      expect(data.user!.id).toBe(session.user.id);
    });

    it('refuses through one a refresh token rotated through the other, once the interval has passed', async () => {
      const { session } = await signedUp(a);
      const rotated = await refresh(a, session.refresh_token);
      expect(rotated.status).toBe(200);
      // inside the interval the other process still accepts the parent (a lost response)
      expect((await refresh(b, session.refresh_token)).status).toBe(200);
      await refresh(b, rotated.body.refresh_token);
      b.emulator.clock.advance(11);
      const reuse = await refresh(b, session.refresh_token);
      expect(reuse.status).toBe(400);
      expect(reuse.body.error_code).toBe('refresh_token_already_used');
    });
  });
});

describe.skipIf(!adminUrl)(adminUrl ? 'a database that is not authlab\'s' : `a database that is not authlab's (skipped: ${HOW_TO_RUN})`, () => {
  it('refuses an auth schema migrated by GoTrue, and changes nothing', async () => {
    const database = await freshDatabase('authlab_gotrue');
    try {
      const sql = postgres(database.url, { max: 1, onnotice: () => {} });
      await sql.unsafe(`
        create schema auth;
        create table auth.schema_migrations (version varchar(255) primary key);
        insert into auth.schema_migrations values ('20171026211738'), ('20180103212743'), ('20240427152123');
        create table auth.users (id uuid primary key);`);
      await expect(openPostgres(database.url)).rejects.toThrow(/already has an auth schema that authlab did not create.*20171026211738/);
      const [left] = await sql.unsafe(`select to_regnamespace('authlab') is null as untouched`);
      expect(left!.untouched).toBe(true);
      await sql.end();
    } finally {
      await database.drop();
    }
  });

  it('opens a database authlab migrated before', async () => {
    const database = await freshDatabase('authlab_reopen');
    try {
      await (await openPostgres(database.url)).close();
      const again = await openPostgres(database.url);
      expect(await again.query('select 1 as one')).toEqual([{ one: 1 }]);
      await again.close();
    } finally {
      await database.drop();
    }
  });
});
