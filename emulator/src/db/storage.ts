/**
 * The storage interface the emulator core speaks. PGlite implements it in-process; any Postgres
 * with GoTrue's auth schema could implement it too.
 */
export type Row = Record<string, unknown>;

/** GoTrue writes its rows under the nil instance id (a relic of multi-tenancy) and reads only those back. */
export const INSTANCE_ID = '00000000-0000-0000-0000-000000000000';

export interface Sql {
  /** Runs one parameterised statement ($1, $2, ...) and returns its rows. */
  query<T = Row>(text: string, params?: unknown[]): Promise<T[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
}

export interface Storage extends Sql {
  /** Runs fn in one transaction: every write commits together or none does. */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  /** Deletes every row the emulator wrote (users, sessions, tokens, mail, ...), keeping the schema. */
  reset(): Promise<void>;
  /** Flushes to disk (when persistent) and releases the database. */
  close(): Promise<void>;
}
