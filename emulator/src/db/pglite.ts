import { PGlite, type Transaction } from '@electric-sql/pglite';
import { migrate } from './migrate.js';
import { RESETTABLE_TABLES } from './migrations/index.js';
import type { Sql, Storage } from './storage.js';

export interface PgliteOptions {
  /** A directory to persist to; in memory when absent. */
  dataDir?: string;
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

/** Opens PGlite with GoTrue's auth schema migrated. */
export async function openPglite(options: PgliteOptions = {}): Promise<Storage> {
  const pg = await PGlite.create(options.dataDir ? { dataDir: options.dataDir } : {});
  const base = wrap(pg);
  const storage: Storage = {
    ...base,
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    async reset() {
      await pg.exec(`begin; ${RESETTABLE_TABLES.map((t) => `delete from ${t};`).join(' ')} commit;`);
    },
    async close() {
      if (!pg.closed) await pg.close();
    },
  };
  await migrate(storage);
  return storage;
}
