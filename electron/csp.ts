import { originOf } from './app-origin.js';

export interface CspOptions {
  /** The project URL the user chose (the in-process emulator, another emulator, or a real project). */
  connectionUrl?: string | null;
  /** Loosen exactly what the Vite dev server needs; never set for the packaged renderer. */
  dev?: boolean;
}

/** Any local emulator, whatever port it picked: the in-process one falls back to a free port. */
const LOOPBACK_SOURCES = ['http://127.0.0.1:*', 'http://localhost:*'];

/**
 * An origin safe to splice into a header: http(s), and nothing but scheme, host and port, so a
 * hostile URL (say "https://x; script-src *") cannot add directives of its own.
 */
export function cspSourceFor(url: string): string | undefined {
  // the URL parser drops tabs and newlines silently; a URL the user meant never has them
  if (/[\u0000-\u0020\u007f]/.test(url)) return undefined;
  const origin = originOf(url);
  if (!origin || !/^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$|^https?:\/\/\[[0-9a-f:.]+\](:\d{1,5})?$/.test(origin)) return undefined;
  return origin;
}

/**
 * The renderer's Content-Security-Policy. Scripts only from the app itself; network only to the
 * app, local emulators and the project the user chose; no plugins, frames, forms or <base>.
 */
export function buildContentSecurityPolicy(options: CspOptions = {}): string {
  const chosen = options.connectionUrl ? cspSourceFor(options.connectionUrl) : undefined;
  const connect = ["'self'", ...(chosen ? [chosen] : []), ...LOOPBACK_SOURCES];
  const script = ["'self'"];
  const style = ["'self'"];
  if (options.dev) {
    // @vitejs/plugin-react injects an inline module preamble, Vite injects CSS as <style> tags,
    // and HMR talks over a WebSocket to the dev server
    script.push("'unsafe-inline'");
    style.push("'unsafe-inline'");
    connect.push('ws://127.0.0.1:*', 'ws://localhost:*');
  }
  return [
    "default-src 'self'",
    `script-src ${script.join(' ')}`,
    `style-src ${style.join(' ')}`,
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${connect.join(' ')}`,
    "object-src 'none'",
    "frame-src 'none'",
    "worker-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
