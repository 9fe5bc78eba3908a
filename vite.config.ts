import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from './renderer/build/precompress.js';

// The renderer is served by the emulator under /_/ (and later loaded by the Electron shell), so
// every asset URL is relative to that base.
export default defineConfig({
  root: 'renderer',
  base: '/_/',
  plugins: [react(), precompress()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        // libraries change less often than the explorer: their own hashed chunks stay cached across releases
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](?:react|react-dom|scheduler)[\\/]/ },
            { name: 'supabase', test: /node_modules[\\/]@supabase[\\/]/ },
          ],
        },
      },
    },
  },
});
