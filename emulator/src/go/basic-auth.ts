import { queryEscape, queryUnescape } from './query.js';

/**
 * HTTP Basic credentials as golang.org/x/oauth2 sends a client's: id and secret each
 * query-escaped (RFC 6749 §2.3.1), then base64 of "id:secret".
 */
export const oauth2BasicAuth = (id: string, secret: string) => `Basic ${btoa(`${queryEscape(id)}:${queryEscape(secret)}`)}`;

export type BasicCredentials = { id: string; secret: string } | { error: 'encoding' | 'format' };

/**
 * The credentials in the base64 part of a Basic header: split at the first ":". `formEncoded`
 * undoes oauth2BasicAuth's escaping, as a provider reading RFC 6749 credentials does.
 */
export function decodeBasicAuth(encoded: string, formEncoded = false): BasicCredentials {
  let decoded: string;
  try {
    decoded = atob(encoded);
  } catch {
    return { error: 'encoding' };
  }
  const colon = decoded.indexOf(':');
  if (colon < 0) return { error: 'format' };
  const [id, secret] = [decoded.slice(0, colon), decoded.slice(colon + 1)];
  if (!formEncoded) return { id, secret };
  try {
    return { id: queryUnescape(id), secret: queryUnescape(secret) };
  } catch {
    return { error: 'encoding' };
  }
}
