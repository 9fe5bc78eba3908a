import { resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Protocol } from 'electron';
import { APP_HOST, APP_SCHEME, RENDERER_BASE_PATH } from './app-origin.js';

/**
 * app://authlab/_/… serves the built renderer (dist/renderer). Registered as standard and secure so
 * the page gets a real origin, web storage and fetch; deliberately NOT bypassCSP.
 */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true },
};

/**
 * The file behind an app:// URL, or undefined: other hosts, paths outside the renderer's base,
 * and anything that would resolve outside the renderer directory (encoded ../, backslashes) are refused.
 */
export function rendererFileFor(requestUrl: string, rendererDir: string): string | undefined {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return undefined;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || url.username || url.password) return undefined;
  if (!url.pathname.startsWith(RENDERER_BASE_PATH)) return undefined;
  let relative: string;
  try {
    relative = decodeURIComponent(url.pathname.slice(RENDERER_BASE_PATH.length));
  } catch {
    return undefined;
  }
  if (relative.includes('\0') || relative.includes('\\')) return undefined;
  const root = resolve(rendererDir);
  const file = resolve(root, relative === '' ? 'index.html' : relative);
  return file.startsWith(root + sep) ? file : undefined;
}

/**
 * Serves the renderer. The CSP is set here on every response: session.webRequest's header hooks
 * do not run for custom-scheme responses (electron/electron#6021), so onHeadersReceived alone
 * would leave the packaged page without a policy.
 */
export function serveRenderer(
  protocol: Pick<Protocol, 'handle'>,
  options: { rendererDir: string; csp: () => string; fetchFile: (fileUrl: string) => Promise<Response> },
): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response('Method not allowed', { status: 405 });
    const file = rendererFileFor(request.url, options.rendererDir);
    if (!file) return new Response('Not found', { status: 404 });
    let fileResponse: Response;
    try {
      fileResponse = await options.fetchFile(pathToFileURL(file).href);
    } catch {
      return new Response('Not found', { status: 404 });
    }
    const headers = new Headers(fileResponse.headers);
    headers.set('content-security-policy', options.csp());
    headers.set('x-content-type-options', 'nosniff');
    return new Response(fileResponse.body, { status: fileResponse.status, headers });
  });
}
