import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer is served by the emulator under /_/ (and later loaded by the Electron shell), so
// every asset URL is relative to that base.
export default defineConfig({
  root: 'renderer',
  base: '/_/',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
  },
});
