import postgres from 'postgres';
import { describeDatabaseUrl } from './database-url.js';
import { migrate } from './migrate.js';
import { migrations, RESETTABLE_TABLES } from './migrations/index.js';
import type { Sql, Storage } from './storage.js';

/**
 * Storage in a real PostgreSQL server (`--database-url`), so several emulator processes can share
 * one database. Rows must read exactly as from PGlite, which the emulator was written against:
 * - parameters go untyped, as PGlite sends them, and Postgres infers each from its place in the
 *   SQL; postgres.js would otherwise declare a Date a timestamptz, and a timestamptz written into a
 *   `timestamp without time zone` column shifts by the session's TimeZone;
 * - json/jsonb parameters that already are strings pass through (PGlite does; postgres.js would
 *   encode them a second time);
 * - int8 reads as a number while it fits (refresh_tokens.id, count(*)), as PGlite does;
 * - every connection runs with TimeZone UTC, so timestamps rendered by Postgres (json_agg in state
 *   export, casts to text) do not depend on the server's configuration.
 */

type Client = postgres.Sql | postgres.TransactionSql;

const JSON_TYPES = [114, 3802]; // json, jsonb
const INT8 = 20;

/** The key of the advisory lock that serialises migrations across processes (any fixed int8). */
const MIGRATION_LOCK = 0x6175_7468_6c61; // "authla"

function clientOptions(max: number): postgres.Options<Record<string, postgres.PostgresType>> {
  return {
    max,
    prepare: true,
    // "schema already exists, skipping" and the like are not worth a line on the console
    onnotice: () => {},
    connection: { TimeZone: 'UTC', application_name: 'authlab' },
    // PGlite binds undefined as null; postgres.js would refuse it
    transform: { undefined: null },
    types: {
      json: {
        to: 114,
        from: JSON_TYPES,
        serialize: (x: unknown) => (typeof x === 'string' ? x : JSON.stringify(x)),
        parse: (x: string) => JSON.parse(x) as unknown,
      },
      int8: {
        to: INT8,
        from: [INT8],
        serialize: (x: unknown) => String(x),
        parse: (x: string) => {
          const n = BigInt(x);
          return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n;
        },
      },
    },
  };
}

/**
 * A parameter as PGlite would send it: a Date as its ISO string (which Postgres reads as UTC for a
 * timestamptz and drops the zone of for a timestamp column, as PGlite stores it), anything else
 * left for the type Postgres infers.
 */
const untyped = (value: unknown) => (value instanceof Date ? value.toISOString() : value);

function wrap(client: Client): Sql {
  return {
    async query<T>(text: string, params: unknown[] = []) {
      const rows = await client.unsafe(text, params.map(untyped) as postgres.ParameterOrJSON<never>[], { prepare: true });
      // a plain array, as PGlite returns: postgres.js adds count, command, columns, ...
      return Array.from(rows) as T[];
    },
    async exec(script: string) {
      await client.unsafe(script);
    },
  };
}

/** The Storage interface over a postgres.js pool; every transaction reserves one connection. */
export function postgresStorage(client: postgres.Sql): Storage {
  return {
    ...wrap(client),
    transaction: <T>(fn: (tx: Sql) => Promise<T>) => client.begin((tx) => fn(wrap(tx))) as Promise<T>,
    async reset() {
      // one transaction, children first, as pgliteStorage's reset
      await client.begin((tx) => tx.unsafe(RESETTABLE_TABLES.map((t) => `delete from ${t};`).join(' ')));
    },
    async close() {
      await client.end({ timeout: 5 });
    },
  };
}

export class PostgresStorageError extends Error {
  constructor(message: string) {
    super(`authlab: ${message}`);
    this.name = 'PostgresStorageError';
  }
}

/**
 * Opens a PostgreSQL database for the emulator: migrates it (once, whoever gets there first), then
 * returns a pool. Refuses a database whose `auth` schema belongs to a real GoTrue.
 */
export async function openPostgres(url: string, options: { maxConnections?: number } = {}): Promise<Storage> {
  const where = describeDatabaseUrl(url);
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    throw new PostgresStorageError(`--database-url is not a URL: expected postgres://user:password@host:port/database`);
  }
  if (protocol !== 'postgres:' && protocol !== 'postgresql:') {
    throw new PostgresStorageError(`--database-url must start with postgres:// or postgresql://, got ${where}`);
  }
  await migrateShared(url, where);
  // a new pool after migrating: postgres.js learns array types (auth.one_time_token_type[]) per
  // connection when it connects, so connections must not predate the migrations
  return postgresStorage(postgres(url, clientOptions(options.maxConnections ?? 10)));
}

/**
 * The same migrate() PGlite runs, all of it in one transaction under an advisory lock: a second
 * process starting at the same moment waits, then finds the schema up to date.
 */
async function migrateShared(url: string, where: string) {
  const client = postgres(url, clientOptions(1));
  try {
    await client.begin(async (tx) => {
      await tx.unsafe('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await refuseForeignAuthSchema(wrap(tx), where);
      await migrate({
        ...wrap(tx),
        // each migration is a savepoint of the outer transaction
        transaction: <T>(fn: (sp: Sql) => Promise<T>) => tx.savepoint((sp) => fn(wrap(sp))) as Promise<T>,
        reset: () => Promise.reject(new Error('not while migrating')),
        close: () => Promise.reject(new Error('not while migrating')),
      });
    });
  } catch (e) {
    if (e instanceof PostgresStorageError) throw e;
    throw new PostgresStorageError(`cannot use the database ${where}: ${(e as Error).message}`);
  } finally {
    await client.end({ timeout: 5 });
  }
}

/**
 * A Supabase database already has GoTrue's own `auth` schema, migrated by GoTrue: authlab's
 * migrations over it would clash, or worse, half-succeed. Only an auth schema authlab created (its
 * first migration recorded, none of GoTrue's older ones) is taken as ours.
 */
async function refuseForeignAuthSchema(sql: Sql, where: string) {
  const [objects] = await sql.query<{ n: number }>(
    `select (select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace
             where n.nspname = 'auth' and c.relname not like 'schema_migrations%')
          + (select count(*) from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'auth') as n`,
  );
  if (!objects || objects.n === 0) return;
  const [table] = await sql.query<{ present: boolean }>(`select to_regclass('auth.schema_migrations') is not null as present`);
  const versions = table?.present
    ? (await sql.query<{ version: string }>('select version from auth.schema_migrations order by version')).map((r) => r.version)
    : [];
  const first = migrations[0]!.version;
  const foreign = versions.filter((v) => v < first);
  if (versions.includes(first) && foreign.length === 0) return;
  const seen = foreign.length
    ? `auth.schema_migrations holds GoTrue's versions ${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ', …' : ''}`
    : 'no authlab migration is recorded in it';
  throw new PostgresStorageError(
    `the database ${where} already has an auth schema that authlab did not create (${seen}). ` +
      'It looks like a Supabase database, whose auth schema belongs to GoTrue; authlab will not migrate over it. ' +
      'Point --database-url at an empty database of its own (e.g. `createdb authlab`).',
  );
}
