import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { ensureTemplate } from '../../emulator/src/db/node-template.js';

/** Ships the database template and MSW's service worker with the page. */
function authlabAssets(): Plugin {
  const require = createRequire(import.meta.url);
  return {
    name: 'authlab-assets',
    async generateBundle() {
      const template = await ensureTemplate();
      this.emitFile({ type: 'asset', fileName: 'authlab-template.tar.gz', source: readFileSync(template.tarball) });
      this.emitFile({ type: 'asset', fileName: 'mockServiceWorker.js', source: readFileSync(require.resolve('msw/mockServiceWorker.js')) });
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [authlabAssets()],
  build: { outDir: fileURLToPath(new URL('../../dist/msw-page', import.meta.url)), emptyOutDir: true, target: 'es2022' },
  optimizeDeps: { exclude: ['@electric-sql/pglite'] },
});
