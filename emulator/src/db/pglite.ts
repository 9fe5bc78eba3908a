import { PGlite, type Transaction } from '@electric-sql/pglite';
import { migrate } from './migrate.js';
import { RESETTABLE_TABLES } from './migrations/index.js';
import { preparedStatements } from './pglite-prepared.js';
import type { Sql, Storage } from './storage.js';

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
 * the query lock always.
 */
function wrap(pg: PGlite, prepared: ReturnType<typeof preparedStatements>, tx?: Transaction): Sql {
  return {
    async query<T>(text: string, params: unknown[] = []) {
      if (!prepared.accepts(text)) return (await (tx ?? pg).query<T>(text, params)).rows;
      if (tx) return pg.runExclusive(() => prepared.run<T>(text, params, false));
      return pg._runExclusiveTransaction(() => pg.runExclusive(() => prepared.run<T>(text, params, true)));
    },
    async exec(script: string) {
      await (tx ?? pg).exec(script);
    },
  };
}

/** The Storage interface over an open PGlite instance. */
export function pgliteStorage(pg: PGlite): Storage {
  const prepared = preparedStatements(pg);
  return {
    ...wrap(pg, prepared),
    transaction: (fn) => pg.transaction((tx) => fn(wrap(pg, prepared, tx))),
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
  const pg = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    ...(options.pgliteWasmModule ? { pgliteWasmModule: options.pgliteWasmModule } : {}),
    ...(options.fsBundle ? { fsBundle: options.fsBundle } : {}),
  });
  const storage = pgliteStorage(pg);
  // types created by a migration (enums used as arrays) must be known to PGlite's parsers
  if ((await migrate(storage)) > 0) await pg.refreshArrayTypes();
  return storage;
}
