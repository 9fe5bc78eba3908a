import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { explorerContentSecurityPolicy } from './explorer-csp.js';

/** The built flow explorer (npm run build:renderer), served by the emulator's own port under /_/. */
export const EXPLORER_DIR = fileURLToPath(new URL('../../../dist/renderer/', import.meta.url));

/**
 * The emulator's fetch handler with the explorer's files in front of it under /_/. Paths that are
 * not files (the inbox under /_/inbox, the auth API) fall through to the emulator.
 */
export function withExplorer(
  fetch: (request: Request) => Promise<Response>,
  dir: string = EXPLORER_DIR,
): (request: Request) => Promise<Response> {
  if (!existsSync(dir)) return fetch;
  const app = new Hono();
  app.get('/_', (c) => c.redirect('/_/'));
  app.use(
    '/_/*',
    async (c, next) => {
      await next();
      // no inline script, no framing by other sites; the inbox and the fake identity provider set their own, nonce-based policies
      const ownPolicy = c.req.path.startsWith('/_/inbox') || c.req.path.startsWith('/_/idp');
      if (c.res.headers.get('content-type')?.startsWith('text/html') && !ownPolicy) {
        c.res.headers.set('content-security-policy', explorerContentSecurityPolicy(c.req.url));
      }
    },
    serveStatic({ root: dir, rewriteRequestPath: (path) => path.replace(/^\/_/, '') }),
  );
  app.all('*', (c) => fetch(c.req.raw));
  return (request) => Promise.resolve(app.fetch(request));
}
