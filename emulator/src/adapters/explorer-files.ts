import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type Context } from 'hono';
import { cacheControlFor, etagFor, matchesIfNoneMatch, notModified } from './explorer-caching.js';
import { explorerContentSecurityPolicy } from './explorer-csp.js';

/** The built flow explorer (npm run build:renderer), served by the emulator's own port under /_/. */
export const EXPLORER_DIR = fileURLToPath(new URL('../../../dist/renderer/', import.meta.url));

/** Set when a request was answered from a file of the explorer: the file actually sent. */
type ExplorerEnv = { Variables: { explorerFile?: string } };
const remember = (file: string, c: Context<ExplorerEnv>) => c.set('explorerFile', file);

/**
 * The emulator's fetch handler with the explorer's files in front of it under /_/. Paths that are
 * not files (the inbox under /_/inbox, the auth API) fall through to the emulator. Files go out
 * brotli- or gzip-compressed when the build left a .br/.gz beside them (renderer/build/precompress.ts).
 */
export function withExplorer(
  fetch: (request: Request) => Promise<Response>,
  dir: string = EXPLORER_DIR,
): (request: Request) => Promise<Response> {
  if (!existsSync(dir)) return fetch;
  const app = new Hono<ExplorerEnv>();
  app.use('*', async (c, next) => {
    await next();
    const file = c.get('explorerFile');
    if (!file) return;
    c.res.headers.set('cache-control', cacheControlFor(c.req.path));
    // one URL, several encodings: a shared cache must key on what the browser accepts
    if (!c.res.headers.get('vary')?.toLowerCase().includes('accept-encoding')) c.res.headers.append('vary', 'Accept-Encoding');
    const etag = etagFor(file);
    if (!etag) return;
    c.res.headers.set('etag', etag);
    if (matchesIfNoneMatch(c.req.header('if-none-match'), etag)) {
      await c.res.body?.cancel();
      c.res = notModified(c.res);
    }
  });
  app.get('/_', (c) => c.redirect('/_/'));
  // browsers ask for /favicon.ico on their own; the page itself names favicon.svg
  app.get('/favicon.ico', serveStatic({ root: dir, path: 'favicon.svg', onFound: remember }));
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
    serveStatic({ root: dir, precompressed: true, rewriteRequestPath: (path) => path.replace(/^\/_/, ''), onFound: remember }),
  );
  app.all('*', (c) => fetch(c.req.raw));
  return (request) => Promise.resolve(app.fetch(request));
}
