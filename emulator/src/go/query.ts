/**
 * Go's net/url query encoding, which GoTrue uses for every link and redirect it builds: the
 * encoded strings must match byte for byte, since tests and apps compare URLs.
 */

/** url.QueryEscape: like encodeURIComponent, but also escapes !'()* and writes a space as "+". */
export const queryEscape = (value: string) =>
  encodeURIComponent(value)
    .replace(/[!'()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');

/** url.QueryUnescape: "+" is a space, %XX a byte; throws URIError on a bad escape. */
export const queryUnescape = (value: string) => decodeURIComponent(value.replace(/\+/g, ' '));

/** Query values as Go holds them: each key with its values in order. */
export type Values = Map<string, string[]> | Record<string, string>;

/** url.Values.Encode: keys sorted (byte order), each key's values in order, all query-escaped. */
export function encodeValues(values: Values): string {
  const entries: [string, string[]][] =
    values instanceof Map ? [...values] : Object.entries(values).map(([k, v]) => [k, [v]]);
  return entries
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .flatMap(([key, vs]) => vs.map((v) => `${queryEscape(key)}=${queryEscape(v)}`))
    .join('&');
}

/** u.Query() as url.Values: the URL's parameters by key, repeated keys keeping every value. */
export function queryValues(url: URL): Map<string, string[]> {
  const values = new Map<string, string[]>();
  for (const [k, v] of url.searchParams) values.set(k, [...(values.get(k) ?? []), v]);
  return values;
}
