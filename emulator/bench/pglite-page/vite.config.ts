import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { authlab } from '../../src/adapters/vite.js';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [authlab()],
  build: { target: 'es2022' },
  optimizeDeps: { exclude: ['@electric-sql/pglite'] },
});
