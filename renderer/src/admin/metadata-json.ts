/** What the metadata editor makes of a textarea: an object to save, or why it cannot be one. */
export type ParsedMetadata = { ok: true; value: Record<string, unknown> } | { ok: false; error: string };

/** "line 3, column 5" for a character offset, as an editor counts. */
function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

/**
 * GoTrue keeps user_metadata and app_metadata as JSON objects: anything else in the body is refused
 * (400 bad_json), so it is refused here first, with where the text goes wrong. Blank means {}.
 */
export function parseMetadata(text: string, field: string): ParsedMetadata {
  if (!text.trim()) return { ok: true, value: {} };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    // engines name the offset ("at position 12"); Chromium adds "(line 2 column 3)" itself
    const position = /at position (\d+)/.exec(message);
    const where = position && !/line \d+/.test(message) ? ` (${lineAndColumn(text, Number(position[1]))})` : '';
    return { ok: false, error: `${field} is not valid JSON: ${message}${where}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, error: `${field} must be a JSON object ({ … }), not ${kindOf(value)}` };
  }
  return { ok: true, value: value as Record<string, unknown> };
}

/**
 * The body that turns `current` into `wanted`. GoTrue merges metadata key by key (its
 * UpdateUserMetaData): a key sent replaces that key, a key sent as null is removed, a key not sent
 * stays. So an edit that deletes a key sends it as null, and unchanged keys need not be sent.
 */
export function metadataPatch(current: Record<string, unknown>, wanted: Record<string, unknown>): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(wanted)) {
    if (JSON.stringify(current[key]) !== JSON.stringify(value) || !(key in current)) patch[key] = value;
  }
  for (const key of Object.keys(current)) if (!(key in wanted)) patch[key] = null;
  return patch;
}

export const formatJson = (value: unknown) => JSON.stringify(value ?? {}, null, 2);
