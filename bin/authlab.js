#!/usr/bin/env node
// The authlab command: the compiled CLI, which the package always carries. In a clone of the
// repository it exists once built (`npm start` builds first; `npm run build` alone suffices).
import { existsSync } from 'node:fs';

const built = new URL('../dist/emulator/cli.js', import.meta.url);
if (!existsSync(built)) {
  process.stderr.write('authlab: not built yet; in a clone of the repository run `npm run build` (or `npm start`)\n');
  process.exit(1);
}
await import(built.href);
