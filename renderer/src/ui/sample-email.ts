/** A fresh address each visit, so trying a flow twice never trips over user_already_exists. */
export function sampleEmail(name = 'ada'): string {
  return `${name}.${Math.random().toString(36).slice(2, 8)}@example.com`;
}

/** Parses a metadata box: empty means "no metadata", anything else must be a JSON object. */
export function parseJsonObject(text: string, what: string): Record<string, unknown> | undefined {
  if (!text.trim()) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new Error(`${what} is not valid JSON: ${(e as Error).message}`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error(`${what} must be a JSON object`);
  return value as Record<string, unknown>;
}
