/** Longer than any link a flow produces (verify links with PKCE parameters are ~400 characters). */
export const MAX_EXTERNAL_URL_LENGTH = 4096;

/**
 * The URL to hand to shell.openExternal, or undefined when it must not be opened. Only http(s):
 * the OS would happily run file:, javascript:, smb: or any registered app's scheme, which turns
 * "open this link" into "run this program". Credentials in the URL are refused too: a link such
 * as https://accounts.example.com@evil.test/ is a phishing shape, never something a flow needs.
 */
export function externalUrlToOpen(raw: unknown): string | undefined {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_EXTERNAL_URL_LENGTH) return undefined;
  // URL parsing silently drops tabs and newlines and trims spaces; a link with any of them was not
  // written by a flow
  if (/[\u0000-\u0020\u007f]/.test(raw)) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (!url.hostname || url.username || url.password) return undefined;
  return url.href;
}
