import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Plugin } from 'vite';
import { ensureTemplate } from '../db/node-template.js';
import { templateTarball } from '../db/template-tarball.js';

export interface AuthlabViteOptions {
  /** Where the page finds the database template, relative to Vite's base. */
  templateFile?: string;
  /** Also serve and emit MSW's `mockServiceWorker.js` (instead of `npx msw init public/`). */
  mockServiceWorker?: boolean;
}

/**
 * The files an in-page emulator (createBrowserEmulator from `authlab/browser`) downloads, in
 * `vite dev`, `vite preview` and `vite build` alike: the prebuilt database template (built once per
 * machine and schema, as for the Node server) and, if asked, MSW's service worker.
 *
 *   // vite.config.ts
 *   import { authlab } from 'authlab/vite';
 *   export default defineConfig({ plugins: [authlab({ mockServiceWorker: true })] });
 *
 *   // in the page
 *   createBrowserEmulator({ templateUrl: `${import.meta.env.BASE_URL}authlab-template.tar.gz` })
 */
export function authlab(options: AuthlabViteOptions = {}): Plugin {
  const templateFile = options.templateFile ?? 'authlab-template.tar.gz';
  const files = async (): Promise<Record<string, { type: string; read: () => Buffer }>> => {
    const tarball = templateTarball(await ensureTemplate());
    return {
      [templateFile]: { type: 'application/gzip', read: () => tarball },
      ...(options.mockServiceWorker
        ? { 'mockServiceWorker.js': { type: 'text/javascript', read: () => readFileSync(createRequire(import.meta.url).resolve('msw/mockServiceWorker.js')) } }
        : {}),
    };
  };
  let base = '/';
  return {
    name: 'authlab',
    configResolved(config) {
      base = config.base.startsWith('/') ? config.base : '/';
    },
    configureServer(server) {
      // built before the first page asks for it, not during that request
      const ready = files();
      ready.catch(() => {}); // a failed build fails the template's request (below), not the dev server
      const names = new Set([templateFile, ...(options.mockServiceWorker ? ['mockServiceWorker.js'] : [])]);
      server.middlewares.use((req, res, next) => {
        const path = req.url?.split('?')[0] ?? '';
        const name = path.startsWith(base) ? path.slice(base.length) : '';
        // only the plugin's own files wait for the template; the rest of the app is served at once
        if (!names.has(name)) return next();
        ready
          .then((served) => {
            const file = served[name];
            if (!file) return next();
            res.setHeader('content-type', file.type);
            res.setHeader('cache-control', 'no-cache');
            res.end(file.read());
          })
          .catch(next);
      });
    },
    async generateBundle() {
      for (const [fileName, file] of Object.entries(await files())) this.emitFile({ type: 'asset', fileName, source: file.read() });
    },
  };
}
