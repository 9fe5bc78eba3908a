/**
 * Where the renderer lives. The packaged page is served from a privileged custom scheme rather
 * than file:// so that it has a real origin: CSP 'self', the navigation lock and the IPC sender
 * check all compare against it, and file:// would make every local file same-origin.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'authlab';
/** The renderer is built with Vite's base '/_/' (it is also served by the emulator under /_/). */
export const RENDERER_BASE_PATH = '/_/';

export interface RendererLocation {
  /** scheme://host[:port], compared against every navigation and IPC sender. */
  origin: string;
  /** What the window loads first. */
  entryUrl: string;
  /** The Vite dev server: its inline React-refresh preamble and HMR socket need a looser CSP. */
  dev: boolean;
}

/**
 * scheme://host[:port] of a URL, or undefined. Node's URL.origin is "null" for non-special schemes
 * such as app:, while Chromium gives registered standard schemes a real origin, so build it by hand.
 */
export function originOf(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (!parsed.host) return undefined;
  return `${parsed.protocol}//${parsed.host}`.toLowerCase();
}

export function isSameOrigin(url: string, origin: string): boolean {
  return originOf(url) === origin;
}

const LOOPBACK_DEV_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The built renderer over app://, or the dev server named by AUTHLAB_RENDERER_URL. The dev URL
 * must be plain http on this machine: the variable should never turn the shell into a browser
 * for a remote site that then gets the bridge.
 */
export function rendererLocation(devServerUrl: string | undefined): RendererLocation {
  if (!devServerUrl) {
    const origin = `${APP_SCHEME}://${APP_HOST}`;
    return { origin, entryUrl: `${origin}${RENDERER_BASE_PATH}index.html`, dev: false };
  }
  let parsed: URL;
  try {
    parsed = new URL(devServerUrl);
  } catch {
    throw new Error(`authlab: AUTHLAB_RENDERER_URL is not a URL: ${devServerUrl}`);
  }
  if (parsed.protocol !== 'http:' || !LOOPBACK_DEV_HOSTS.has(parsed.hostname)) {
    throw new Error(`authlab: AUTHLAB_RENDERER_URL must be an http:// URL on 127.0.0.1 or localhost, got ${devServerUrl}`);
  }
  return { origin: `${parsed.protocol}//${parsed.host}`, entryUrl: parsed.href, dev: true };
}
