/**
 * Rows read as JSON (row_to_json, json_agg), so one statement can bring back a row with its
 * related rows: each statement costs PGlite ~0.1 ms of CPU however small it is, and a session
 * response used to need four. JSON carries timestamps as strings; the schema's time columns all
 * end in _at or _until (or are not_after), and only top-level columns are revived, never values
 * inside jsonb metadata.
 */
const TIME_COLUMN = /(_at|_until)$|^not_after$/;
/** timestamptz prints with an offset; a bare timestamp (sessions.refreshed_at) holds UTC. */
const HAS_OFFSET = /(Z|[+-]\d\d:\d\d)$/;

export function reviveRow<T>(json: Record<string, unknown>): T {
  const row: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(json)) {
    row[key] = typeof value === 'string' && TIME_COLUMN.test(key) ? new Date(HAS_OFFSET.test(value) ? value : `${value}Z`) : value;
  }
  return row as T;
}

export const reviveRows = <T>(json: unknown): T[] => (Array.isArray(json) ? json.map((r) => reviveRow<T>(r as Record<string, unknown>)) : []);
