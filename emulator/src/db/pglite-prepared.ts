import { parse, protocol, type PGlite } from '@electric-sql/pglite';

/**
 * Named prepared statements over PGlite's wire protocol. PGlite's own query() sends six protocol
 * messages into WebAssembly per call and re-plans the SQL every time; a cached statement needs one
 * batch (bind, describe, execute, sync) and Postgres keeps its plan. Measured here: 690 -> 240 µs
 * for a user look-up, 380 -> 160 µs for an update.
 */

interface Statement {
  name: string;
  paramTypes: number[];
}

/** Plenty for the emulator's fixed SQL; dynamic SQL beyond it falls back to PGlite's query(). */
const MAX_STATEMENTS = 500;

const { serialize } = protocol;

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

export function preparedStatements(pg: PGlite) {
  const cache = new Map<string, Statement>();
  let counter = 0;

  async function prepare(text: string): Promise<Statement> {
    const name = `authlab_${counter++}`;
    const result = await pg.execProtocol(concat([serialize.parse({ name, text }), serialize.describe({ type: 'S', name }), serialize.sync()]), {
      syncToFs: false,
    });
    const description = result.messages.find((m) => m.name === 'parameterDescription') as { dataTypeIDs?: number[] } | undefined;
    const statement = { name, paramTypes: description?.dataTypeIDs ?? [] };
    cache.set(text, statement);
    return statement;
  }

  /** Runs one statement; call with PGlite's query lock held (see pglite.ts). */
  async function run<T>(text: string, params: unknown[], syncToFs: boolean): Promise<T[]> {
    const statement = cache.get(text) ?? (await prepare(text));
    // serialise parameters exactly as PGlite's query() does, by the types Postgres inferred
    const values = params.map((value, i) => {
      if (value === null || value === undefined) return null;
      const serializer = pg.serializers[statement.paramTypes[i] ?? 0];
      return serializer ? serializer(value) : String(value);
    });
    const result = await pg.execProtocol(
      concat([
        serialize.bind({ statement: statement.name, values }),
        serialize.describe({ type: 'P' }),
        serialize.execute({}),
        serialize.sync(),
      ]),
      { syncToFs },
    );
    return (parse.parseResults(result.messages, pg.parsers)[0]?.rows ?? []) as T[];
  }

  return {
    run,
    /** Whether this SQL may be cached (or is already). */
    accepts: (text: string) => cache.has(text) || cache.size < MAX_STATEMENTS,
  };
}
