import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LOOPBACK_CALLBACK_PATH } from './deep-links.js';

/**
 * The alternative to the authlab:// scheme: a one-page server on 127.0.0.1 that the browser is
 * redirected to (RFC 8252 §7.3). Needs no OS registration, so it also works from a dev build.
 */

export interface LoopbackListener {
  /** The redirect URL to give GoTrue, e.g. http://127.0.0.1:49152/callback */
  redirectUrl: string;
  origin: string;
  close(): Promise<void>;
}

export interface LoopbackOptions {
  /** Receives the full callback URL (fragment included); answers whether the app accepted it. */
  onRedirect(url: string): boolean;
}

/** The fragment never reaches a server, so the callback page sends it back on this path as a query. */
const FRAGMENT_RELAY_PATH = `${LOOPBACK_CALLBACK_PATH}/fragment`;

export function startLoopbackListener({ onRedirect }: LoopbackOptions): Promise<LoopbackListener> {
  const server = createServer((request, response) => {
    const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    answer(request, response, host, onRedirect);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      const origin = `http://127.0.0.1:${port}`;
      resolve({
        redirectUrl: `${origin}${LOOPBACK_CALLBACK_PATH}`,
        origin,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

function answer(request: IncomingMessage, response: ServerResponse, host: string, onRedirect: (url: string) => boolean): void {
  // a page on another site can resolve its own name to 127.0.0.1 (DNS rebinding); its requests
  // then carry that name in Host, never ours
  if (request.headers.host !== host) return send(response, 421, page('Wrong host', 'This address only answers as ' + host + '.'));
  if (request.method !== 'GET') return send(response, 405, page('Not allowed', 'Only GET is answered here.'));
  const url = new URL(request.url ?? '/', `http://${host}`);
  if (url.pathname === FRAGMENT_RELAY_PATH) {
    const accepted = onRedirect(`http://${host}${LOOPBACK_CALLBACK_PATH}#${url.search.slice(1)}`);
    return send(response, accepted ? 200 : 400, resultPage(accepted));
  }
  if (url.pathname !== LOOPBACK_CALLBACK_PATH) return send(response, 404, page('Not found', 'Nothing here.'));
  if (url.search) {
    const accepted = onRedirect(`http://${host}${LOOPBACK_CALLBACK_PATH}${url.search}`);
    return send(response, accepted ? 200 : 400, resultPage(accepted));
  }
  // no query: the tokens, if any, are in the fragment, which only the page itself can read
  const nonce = randomBytes(16).toString('base64');
  const relay = `<script nonce="${nonce}">if (location.hash.length > 1) location.replace(${JSON.stringify(FRAGMENT_RELAY_PATH)} + '?' + location.hash.slice(1));</script>`;
  send(response, 200, page('Returning to authlab…', 'If nothing happens, this link carried nothing for authlab.', relay), nonce);
}

function resultPage(accepted: boolean): string {
  return accepted
    ? page('Back to authlab', 'authlab received the redirect. You can close this tab.')
    : page('Not accepted', 'authlab did not accept this redirect. Start the flow again from the app.');
}

function page(title: string, message: string, script = ''): string {
  return `<!doctype html><meta charset="utf-8"><title>${title}</title><h1>${title}</h1><p>${message}</p>${script}`;
}

function send(response: ServerResponse, status: number, html: string, scriptNonce?: string): void {
  response.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': `default-src 'none'; script-src ${scriptNonce ? `'nonce-${scriptNonce}'` : "'none'"}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    'cache-control': 'no-store',
    // the callback URL carries a code or tokens: never send it on to anything else
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
  });
  response.end(html);
}
