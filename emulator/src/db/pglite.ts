import { PGlite, type Transaction } from '@electric-sql/pglite';
import { migrate } from './migrate.js';
import { RESETTABLE_TABLES } from './migrations/index.js';
import type { Sql, Storage } from './storage.js';

export interface PgliteOptions {
  /** A directory to persist to; in memory when absent. */
  dataDir?: string;
  /** A tarball of a prebuilt data directory to start from (PGlite's loadDataDir). */
  loadDataDir?: Blob;
}

function wrap(db: PGlite | Transaction): Sql {
  return {
    async query<T>(text: string, params?: unknown[]) {
      const result = await db.query<T>(text, params);
      return result.rows;
    },
    async exec(script: string) {
      await db.exec(script);
    },
  };
}

/** The Storage interface over an open PGlite instance. */
export function pgliteStorage(pg: PGlite): Storage {
  return {
    ...wrap(pg),
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    async reset() {
      await pg.exec(`begin; ${RESETTABLE_TABLES.map((t) => `delete from ${t};`).join(' ')} commit;`);
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
  });
  const storage = pgliteStorage(pg);
  await migrate(storage);
  return storage;
}
