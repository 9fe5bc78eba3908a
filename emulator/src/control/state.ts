import type { Sql, Storage } from '../db/storage.js';
import { RESETTABLE_TABLES } from '../db/migrations/index.js';

/**
 * The whole emulator state as JSON: every row of every table reset() empties. Exported state can be
 * imported into any emulator of the same schema version, which is also how named snapshots work.
 */
export interface EmulatorState {
  /** Schema version the rows belong to (the latest migration). */
  version: string;
  tables: Record<string, Record<string, unknown>[]>;
}

/** Parents before children, so foreign keys hold while importing. */
const IMPORT_ORDER = [...RESETTABLE_TABLES].reverse();

async function currentVersion(sql: Sql): Promise<string> {
  const rows = await sql.query<{ version: string }>('select max(version) as version from auth.schema_migrations');
  return rows[0]?.version ?? '';
}

export async function exportState(db: Storage): Promise<EmulatorState> {
  return db.transaction(async (tx) => {
    const tables: EmulatorState['tables'] = {};
    for (const table of IMPORT_ORDER) {
      const rows = await tx.query<{ rows: Record<string, unknown>[] }>(`select coalesce(json_agg(t), '[]') as rows from ${table} t`);
      tables[table] = rows[0]!.rows;
    }
    return { version: await currentVersion(tx), tables };
  });
}

/** Replaces everything with the given state, in one transaction: all of it or none. */
export async function importState(db: Storage, state: EmulatorState): Promise<void> {
  await db.transaction(async (tx) => {
    const version = await currentVersion(tx);
    if (state.version !== version) {
      throw new StateVersionError(`state is of schema version ${state.version}, this emulator is ${version}`);
    }
    for (const table of RESETTABLE_TABLES) await tx.query(`delete from ${table}`);
    for (const table of IMPORT_ORDER) {
      const rows = state.tables[table] ?? [];
      if (rows.length === 0) continue;
      const [schema, name] = table.split('.');
      // generated columns (users.confirmed_at, identities.email) are computed again, never written
      const columns = (
        await tx.query<{ column_name: string }>(
          `select column_name from information_schema.columns
           where table_schema = $1 and table_name = $2 and is_generated = 'NEVER' order by ordinal_position`,
          [schema, name],
        )
      ).map((c) => `"${c.column_name}"`);
      await tx
        .query(
          `insert into ${table} (${columns.join(', ')})
           select ${columns.join(', ')} from jsonb_populate_recordset(null::${table}, $1::jsonb)`,
          [JSON.stringify(rows)],
        )
        .catch((e: unknown) => {
          throw rowError(table, e);
        });
    }
    await tx.query(`select setval('auth.refresh_tokens_id_seq', coalesce((select max(id) from auth.refresh_tokens), 0) + 1, false)`);
  });
}

export class StateVersionError extends Error {}

/**
 * A row Postgres refused (a bad uuid or time, a missing foreign key, a duplicate): the caller's
 * state is wrong, so it is named, table and offending key, and the whole import rolls back.
 */
export class StateRowError extends Error {}

function rowError(table: string, e: unknown): unknown {
  const code = (e as { code?: unknown }).code;
  if (typeof code !== 'string' || !/^2[23]/.test(code)) return e;
  const detail = (e as { detail?: unknown }).detail;
  return new StateRowError(`a row of ${table}: ${(e as Error).message}${typeof detail === 'string' && detail ? ` (${detail})` : ''}`);
}
