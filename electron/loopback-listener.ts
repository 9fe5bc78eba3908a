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

/**
 * The fragment never reaches a server, so the callback page POSTs it here: in a request body, never
 * in a URL the browser would keep in its history, address bar or a server log.
 */
export const FRAGMENT_RELAY_PATH = `${LOOPBACK_CALLBACK_PATH}/fragment`;
/** Where the callback page goes once it is done: clean URLs, nothing in them worth keeping. */
export const RELAYED_PATH = `${LOOPBACK_CALLBACK_PATH}/done`;
export const REFUSED_PATH = `${LOOPBACK_CALLBACK_PATH}/refused`;
/** Far above any real fragment (MAX_DEEP_LINK_LENGTH refuses longer links anyway). */
const MAX_FRAGMENT_BYTES = 64 * 1024;

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
  const url = new URL(request.url ?? '/', `http://${host}`);
  if (url.pathname === FRAGMENT_RELAY_PATH) return relayFragment(request, response, host, onRedirect);
  if (request.method !== 'GET') return send(response, 405, page('Not allowed', 'Only GET is answered here.'));
  if (url.pathname === RELAYED_PATH) return send(response, 200, resultPage(true));
  if (url.pathname === REFUSED_PATH) return send(response, 200, resultPage(false));
  if (url.pathname !== LOOPBACK_CALLBACK_PATH) return send(response, 404, page('Not found', 'Nothing here.'));
  if (url.search) {
    const accepted = onRedirect(`http://${host}${LOOPBACK_CALLBACK_PATH}${url.search}`);
    return send(response, accepted ? 200 : 400, resultPage(accepted));
  }
  // no query: the tokens, if any, are in the fragment, which only the page itself can read
  const nonce = randomBytes(16).toString('base64');
  send(response, 200, page('Returning to authlab…', 'If nothing happens, this link carried nothing for authlab.', `<script nonce="${nonce}">${RELAY_SCRIPT}</script>`), nonce);
}

/**
 * The callback page's script. First the fragment leaves the address bar and this history entry;
 * then it goes to the listener in a POST body; then the tab moves on to a clean URL. At no point
 * is a URL with the tokens in it created.
 */
const RELAY_SCRIPT = `(() => {
  const fragment = location.hash.slice(1);
  history.replaceState(null, '', location.pathname);
  if (!fragment) return;
  fetch(${JSON.stringify(FRAGMENT_RELAY_PATH)}, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: fragment, credentials: 'omit', cache: 'no-store' })
    .then((r) => r.ok, () => false)
    .then((ok) => location.replace(ok ? ${JSON.stringify(RELAYED_PATH)} : ${JSON.stringify(REFUSED_PATH)}));
})();`;

/** POST /callback/fragment from the callback page itself: its body is the fragment. */
function relayFragment(request: IncomingMessage, response: ServerResponse, host: string, onRedirect: (url: string) => boolean): void {
  if (request.method !== 'POST') return send(response, 405, page('Not allowed', 'Only the callback page posts here.'));
  // a browser names the page that posts; any other site's page is refused (it could plant a session)
  if (request.headers.origin !== `http://${host}`) return send(response, 403, page('Forbidden', 'Only the callback page posts here.'));
  const chunks: Buffer[] = [];
  let size = 0;
  request.on('data', (chunk: Buffer) => {
    size += chunk.byteLength;
    if (size > MAX_FRAGMENT_BYTES) {
      send(response, 413, page('Too large', 'That is no redirect from GoTrue.'));
      request.destroy();
      return;
    }
    chunks.push(chunk);
  });
  request.on('end', () => {
    if (response.headersSent) return;
    const fragment = Buffer.concat(chunks).toString('utf8');
    const accepted = onRedirect(`http://${host}${LOOPBACK_CALLBACK_PATH}#${fragment}`);
    response.writeHead(accepted ? 204 : 400, { 'cache-control': 'no-store' }).end();
  });
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
  // the relay script may post to this listener and nowhere else
  const script = scriptNonce ? `script-src 'nonce-${scriptNonce}'; connect-src 'self'` : "script-src 'none'";
  response.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': `default-src 'none'; ${script}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    'cache-control': 'no-store',
    // the callback URL carries a code or tokens: never send it on to anything else
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
  });
  response.end(html);
}
