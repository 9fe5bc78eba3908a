import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { authlab } from '../../emulator/src/adapters/vite.js';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  // the database template and MSW's service worker, in `vite dev` and in the build
  plugins: [authlab({ mockServiceWorker: true })],
  build: { outDir: fileURLToPath(new URL('../../dist/msw-page', import.meta.url)), emptyOutDir: true, target: 'es2022' },
  optimizeDeps: { exclude: ['@electric-sql/pglite'] },
});
