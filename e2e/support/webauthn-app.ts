import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';

/**
 * A tiny app page for the WebAuthn journeys. Chromium refuses WebAuthn on IP-address origins, so the
 * page is served at http://localhost:<port> (a secure context) and the emulator's relying party is
 * rp_id "localhost" with that exact origin. The port is fixed because the relying party is part of
 * the worker's emulator config, set before any test runs; AUTHLAB_E2E_PORT_OFFSET moves it.
 */

const require = createRequire(import.meta.url);
const SUPABASE_UMD = readFileSync(require.resolve('@supabase/supabase-js').replace(/dist\/.*$/, 'dist/umd/supabase.js'), 'utf8');
const offset = Number(process.env.AUTHLAB_E2E_PORT_OFFSET ?? 0) || 0;

/** The page of one spec: its own port, so specs in parallel workers never share an origin. */
export const appOrigin = (slot: number) => `http://localhost:${55000 + offset + slot}`;

/** The relying party settings an emulator needs to accept ceremonies from that page. */
export const relyingPartyFor = (origin: string) => ({
  webauthnRpId: 'localhost',
  webauthnRpDisplayName: 'authlab e2e',
  webauthnRpOrigins: [origin],
});

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>App</title><script src="/supabase.js"></script></head>
<body><p id="status">loading</p><script src="/app.js"></script></body></html>`;

/**
 * Serves the page: supabase-js's UMD build and an app script that creates a client for the
 * emulator (read per request from AUTHLAB_E2E_APP, set by the test) and exposes `window.client`.
 */
export async function serveApp(origin: string): Promise<Server> {
  const app = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/supabase.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(SUPABASE_UMD);
    if (path === '/app.js') {
      const { url, key } = JSON.parse(process.env.AUTHLAB_E2E_APP ?? '{}') as { url: string; key: string };
      const script = `window.client = supabase.createClient(${JSON.stringify(url)}, ${JSON.stringify(key)});
document.getElementById('status').textContent = 'ready';`;
      return res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    }
    res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
  });
  await new Promise<void>((resolve) => app.listen(Number(new URL(origin).port), '127.0.0.1', resolve));
  return app;
}

/**
 * Chromium's virtual authenticator through the DevTools protocol: it creates and uses credentials
 * as a real one would, user present and verified, with no prompt.
 */
export async function addVirtualAuthenticator(page: Page, transport: 'internal' | 'usb') {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport, hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
  });
  return {
    credentials: async () => (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials,
  };
}
