/**
 * Request JSON as GoTrue's decoder reads it, plus what Postgres cannot store. Go's decoder turns a
 * lone surrogate escape into U+FFFD; authlab does the same, since Postgres refuses one in jsonb.
 * Go accepts \u0000, but Postgres refuses NUL in text and jsonb, so GoTrue fails later with a 500;
 * authlab refuses it up front as invalid JSON content. Nesting is bounded: jsonb deeper than this
 * makes PGlite spin.
 */
export const MAX_JSON_DEPTH = 512;

/** Content that parses as JSON but cannot be accepted; the message says why. */
export class JsonContentError extends Error {}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function clean(text: string): string {
  if (text.includes('\u0000')) throw new JsonContentError('strings may not contain the NUL character (\\u0000)');
  return text.replace(LONE_SURROGATE, '\ufffd');
}

/** JSON.parse (SyntaxError as usual), then every key and string checked, without recursion. */
export function parseRequestJson(text: string): unknown {
  const root: unknown = JSON.parse(text);
  if (typeof root === 'string') return clean(root);
  const stack: { value: unknown; depth: number }[] = [{ value: root, depth: 1 }];
  while (stack.length > 0) {
    const { value, depth } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth > MAX_JSON_DEPTH) throw new JsonContentError(`nested deeper than ${MAX_JSON_DEPTH} levels`);
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      let item = record[key];
      if (typeof item === 'string') item = record[key] = clean(item);
      const fixed = Array.isArray(value) ? key : clean(key);
      if (fixed !== key) {
        delete record[key];
        record[fixed] = item;
      }
      if (item !== null && typeof item === 'object') stack.push({ value: item, depth: depth + 1 });
    }
  }
  return root;
}
