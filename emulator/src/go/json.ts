/**
 * Go's encoding/json writes time.Time as RFC 3339 with the fraction's trailing zeros trimmed
 * ("2024-05-01T12:00:00.12Z", or no fraction at all). We match it so clients comparing strings agree.
 */
export function goTime(date: Date): string {
  const iso = date.toISOString(); // always ...ss.mmmZ
  return iso.replace(/\.(\d*?)0*Z$/, (_m, frac: string) => (frac ? `.${frac}Z` : 'Z'));
}

export function goTimeOrUndefined(date: Date | null | undefined): string | undefined {
  return date ? goTime(date) : undefined;
}

/** Drops undefined fields, as Go's `omitempty` does for nil pointers. */
export function omitUndefined<T extends Record<string, unknown>>(obj: T): T {
  for (const key of Object.keys(obj)) if (obj[key] === undefined) delete obj[key];
  return obj;
}

/** Go marshals maps with sorted keys, at every depth; JSON metadata read back from jsonb is not sorted. */
export function sortKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(sortKeys) as T;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)])) as T;
  }
  return value;
}
