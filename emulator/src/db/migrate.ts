import { migrations } from './migrations/index.js';
import type { Storage } from './storage.js';

/** Applies every migration not yet recorded, each in its own transaction. Returns how many ran. */
export async function migrate(db: Storage): Promise<number> {
  await db.query('create schema if not exists auth');
  await db.query('create table if not exists auth.schema_migrations (version varchar(255) primary key)');
  const done = new Set((await db.query<{ version: string }>('select version from auth.schema_migrations')).map((r) => r.version));
  let applied = 0;
  for (const m of migrations) {
    if (done.has(m.version)) continue;
    await db.transaction(async (tx) => {
      await tx.exec(m.sql);
      await tx.query('insert into auth.schema_migrations (version) values ($1)', [m.version]);
    });
    applied++;
  }
  return applied;
}

/** A fingerprint of the schema, so cached prebuilt databases are rebuilt when a migration changes. */
export function schemaFingerprint(): string {
  let h = 0x811c9dc5;
  for (const m of migrations) {
    for (const ch of m.version + m.sql) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}
