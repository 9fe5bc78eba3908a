/**
 * Where the explorer page may connect: its own origin, any emulator on this machine (whatever its
 * port), and the project named by the page's own `?url=`, so "Change connection" and
 * `/_/?url=https://<ref>.supabase.co` work without loosening the policy for anything else.
 */
const LOOPBACK_SOURCES = ['http://127.0.0.1:*', 'http://localhost:*'];

/**
 * An origin safe to splice into the header: http(s), scheme, host and port only, so a hostile
 * `?url=` (say "https://x; script-src *") cannot add directives of its own.
 */
export function connectSourceFor(url: string | null | undefined): string | undefined {
  if (!url || /[\u0000-\u0020\u007f;,']/.test(url)) return undefined;
  let origin: string;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
    origin = parsed.origin;
  } catch {
    return undefined;
  }
  return /^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/.test(origin) ? origin : undefined;
}

/** The Content-Security-Policy of the explorer's HTML, for a request to `requestUrl`. */
export function explorerContentSecurityPolicy(requestUrl: string): string {
  const chosen = connectSourceFor(new URL(requestUrl).searchParams.get('url'));
  const connect = ["'self'", ...LOOPBACK_SOURCES, ...(chosen && !LOOPBACK_SOURCES.includes(chosen) ? [chosen] : [])];
  return [
    "default-src 'self'",
    `connect-src ${connect.join(' ')}`,
    "img-src 'self' data:",
    "style-src 'self' 'unsafe-inline'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
}
