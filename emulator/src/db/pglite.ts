import { PGlite, type Transaction } from '@electric-sql/pglite';
import { migrate } from './migrate.js';
import { RESETTABLE_TABLES } from './migrations/index.js';
import { preparedStatements } from './pglite-prepared.js';
import type { Sql, Storage } from './storage.js';
import { diskFull, isStorageCode, storageUnavailable } from './storage-failure.js';

export interface PgliteOptions {
  /** A directory to persist to; in memory when absent. */
  dataDir?: string;
  /** A tarball of a prebuilt data directory to start from (PGlite's loadDataDir). */
  loadDataDir?: Blob;
  /** PGlite's own WebAssembly module and file bundle, when the caller fetched them already. */
  pgliteWasmModule?: WebAssembly.Module;
  fsBundle?: Blob;
}

/**
 * Statements run as cached prepared statements while holding the same locks PGlite's own query()
 * takes: the transaction lock outside a transaction (so no other caller's statements interleave),
 * the query lock always. A backend that has panicked (see openPglite) is never sent a batch again:
 * PGlite loops forever over a batch its aborted backend does not consume, blocking the event loop.
 */
function wrap(pg: PGlite, prepared: ReturnType<typeof preparedStatements>, health: Health, tx?: Transaction): Sql {
  const run = <T>(text: string, params: unknown[], syncToFs: boolean) => {
    if (health.dead) throw health.dead;
    return prepared.run<T>(text, params, syncToFs);
  };
  return {
    async query<T>(text: string, params: unknown[] = []) {
      if (!prepared.accepts(text)) return (await (tx ?? pg).query<T>(text, params)).rows;
      if (tx) return pg.runExclusive(() => run<T>(text, params, false));
      return pg._runExclusiveTransaction(() => pg.runExclusive(() => run<T>(text, params, true)));
    },
    async exec(script: string) {
      await (tx ?? pg).exec(script);
    },
  };
}

/** Set once the backend has failed beyond repair: the error every later call gets instead. */
interface Health {
  dead?: Error;
}

/** The Storage interface over an open PGlite instance. */
export function pgliteStorage(pg: PGlite, health: Health = {}): Storage {
  const prepared = preparedStatements(pg);
  return {
    ...wrap(pg, prepared, health),
    transaction: (fn) => pg.transaction((tx) => fn(wrap(pg, prepared, health, tx))),
    async reset() {
      // Every table is emptied, so the per-row foreign-key triggers are skipped (replica role):
      // measured 10-12 ms -> 2-3 ms with 100 users. PGlite runs as the superuser this needs.
      await pg.exec(
        `begin; set local session_replication_role = replica; ${RESETTABLE_TABLES.map((t) => `delete from ${t};`).join(' ')} commit;`,
      );
    },
    async close() {
      if (!pg.closed) await pg.close();
    },
  };
}

/** Opens PGlite and brings GoTrue's auth schema up to date (a no-op when started from a template). */
export async function openPglite(options: PgliteOptions = {}): Promise<Storage> {
  const create = (loadDataDir = options.loadDataDir) =>
    PGlite.create({
      ...(options.dataDir ? { dataDir: options.dataDir } : {}),
      ...(loadDataDir ? { loadDataDir } : {}),
      ...(options.pgliteWasmModule ? { pgliteWasmModule: options.pgliteWasmModule } : {}),
      ...(options.fsBundle ? { fsBundle: options.fsBundle } : {}),
    });
  const pg = await create();
  const health: Health = {};
  const storage = pgliteStorage(pg, health);
  // types created by a migration (enums used as arrays) must be known to PGlite's parsers
  if ((await migrate(storage)) > 0) await pg.refreshArrayTypes();
  const freeBytes = await freeSpaceProbe(options.dataDir);
  return guarded({ pg, health, storage }, options.dataDir ?? 'memory', freeBytes, async () => {
    const next = await create(undefined);
    await next.refreshArrayTypes();
    return next;
  });
}

/**
 * Room authlab keeps free on the data directory's disk. Postgres panics when it cannot create the
 * next WAL segment (1 MB in the template), and a panicked PGlite answers nothing again; refusing
 * writes a few segments early keeps the database open for reads, and writes resume once there is
 * room.
 */
const RESERVE_BYTES = 8 * 1024 * 1024;
/** How long a failed reopen waits before the next request tries again (each attempt costs ~0.5 s). */
const REOPEN_RETRY_MS = 2 * 1000;

/** Free bytes on the disk of an on-disk data directory in Node; undefined in memory or a browser. */
async function freeSpaceProbe(dataDir: string | undefined): Promise<(() => number) | undefined> {
  if (!dataDir || dataDir.includes('://') || typeof process === 'undefined' || !process.versions?.node) return undefined;
  // a computed specifier keeps browser bundlers away from node:fs
  const fs = 'node:fs';
  const { statfsSync } = (await import(/* @vite-ignore */ fs)) as typeof import('node:fs');
  return () => {
    const stats = statfsSync(dataDir);
    return stats.bavail * stats.bsize;
  };
}

const isRead = (sql: string) => /^\s*select\b/i.test(sql) && !/\bfor\s+(update|share)\b/i.test(sql);

/**
 * Storage that survives a full or failing disk: writes are refused while the disk has less than
 * the reserve, a full-disk error becomes a StorageFailure (the request fails, the server goes on),
 * and a backend that panicked is dropped and the data directory reopened (Postgres's crash
 * recovery replays what was committed) once the disk has room again. Only an on-disk data
 * directory can be reopened; in memory a panic leaves the database failing every call, promptly.
 */
function guarded(
  first: { pg: PGlite; health: Health; storage: Storage },
  where: string,
  freeBytes: (() => number) | undefined,
  reopen: () => Promise<PGlite>,
): Storage {
  let { pg, health, storage } = first;
  let reopening: Promise<void> | undefined;
  let retryAt = 0;

  const hasRoom = () => !freeBytes || freeBytes() >= RESERVE_BYTES;

  async function live(write: boolean): Promise<Storage> {
    if (health.dead) {
      if (!freeBytes) throw health.dead;
      if (!hasRoom()) throw diskFull(where);
      if (!reopening && Date.now() >= retryAt) reopening = replace().finally(() => (reopening = undefined));
      await reopening;
      if (health.dead) throw health.dead;
    }
    if (write && !hasRoom()) throw diskFull(where);
    return storage;
  }

  async function replace() {
    try {
      const next = await reopen();
      pg = next;
      health = {};
      storage = pgliteStorage(next, health);
    } catch (e) {
      retryAt = Date.now() + REOPEN_RETRY_MS;
      console.error(`authlab: cannot reopen the database in ${where} yet: ${(e as Error).message}`);
    }
  }

  /** What a failed call means for the caller, marking the backend dead when it cannot go on. */
  function failure(e: unknown, failedHealth: Health, failedPg: PGlite): unknown {
    const { severity, code, message } = e as { severity?: string; code?: unknown; message?: string };
    const fatal = severity === 'PANIC' || severity === 'FATAL' || e instanceof WebAssembly.RuntimeError;
    if (fatal && !failedHealth.dead) {
      failedHealth.dead = code === '53100' ? diskFull(where) : storageUnavailable(where, String(message));
      console.error(`authlab: the database stopped after: ${String(message)}`);
      // the aborted backend is only told to exit; nothing else is ever sent to it
      failedPg.close().catch(() => {});
    }
    if (fatal) return failedHealth.dead;
    if (isStorageCode(code)) return code === '53100' ? diskFull(where) : storageUnavailable(where, String(message));
    return e;
  }

  async function guard<T>(write: boolean, fn: (s: Storage) => Promise<T>): Promise<T> {
    const s = await live(write);
    const usedHealth = health;
    const usedPg = pg;
    try {
      return await fn(s);
    } catch (e) {
      throw failure(e, usedHealth, usedPg);
    }
  }

  return {
    query: (text, params) => guard(!isRead(text), (s) => s.query(text, params)),
    exec: (script) => guard(true, (s) => s.exec(script)),
    transaction: (fn) => guard(true, (s) => s.transaction(fn)),
    reset: () => guard(true, (s) => s.reset()),
    async close() {
      if (!health.dead) await storage.close();
    },
  };
}
