#!/usr/bin/env node
// The authlab command: the compiled CLI when it has been built (npm run build, done by prepare),
// otherwise the TypeScript sources through tsx, so a fresh clone works either way.
import { existsSync } from 'node:fs';

const built = new URL('../dist/emulator/cli.js', import.meta.url);
if (existsSync(built)) {
  await import(built.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('../emulator/src/cli.ts', import.meta.url).href);
}
