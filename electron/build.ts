import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

/**
 * Builds the desktop shell into dist/electron:
 * - main.js, ESM for Electron's Node. The emulator is NOT bundled in: its database code finds its
 *   template cache relative to its own file, so main imports the compiled emulator (dist/emulator,
 *   `npm run build`) instead of a copy of its source.
 * - preload.js, one self-contained CommonJS file: a sandboxed preload can require only electron's
 *   renderer modules, so everything else it uses (zod, the contract) is bundled into it.
 */

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'dist/electron');
const emulatorSource = join(root, 'emulator/src');
const emulatorBuild = join(root, 'dist/emulator');

/** `../emulator/src/x.js` in the shell's source becomes `../emulator/x.js` next to the built main.js. */
const useBuiltEmulator: Plugin = {
  name: 'use-built-emulator',
  setup(b) {
    b.onResolve({ filter: /\/emulator\/src\// }, (args) => {
      const source = resolve(args.resolveDir, args.path);
      const built = join(emulatorBuild, relative(emulatorSource, source));
      return { path: `./${relative(outDir, built).split('\\').join('/')}`, external: true };
    });
  },
};

const common = { bundle: true, platform: 'node', target: 'node22', sourcemap: true, logLevel: 'warning' } as const;

await build({
  ...common,
  entryPoints: [join(root, 'electron/main.ts')],
  outfile: join(outDir, 'main.js'),
  format: 'esm',
  // node_modules resolve at run time from the repository, as for the CLI
  packages: 'external',
  plugins: [useBuiltEmulator],
});

await build({
  ...common,
  entryPoints: [join(root, 'electron/preload.ts')],
  outfile: join(outDir, 'preload.js'),
  format: 'cjs',
  external: ['electron'],
});

mkdirSync(outDir, { recursive: true });
// the window's icon (electron/icon/render-icon.ts renders it from the favicon's SVG)
copyFileSync(join(root, 'electron/icon/icon.png'), join(outDir, 'icon.png'));
// makes dist/electron an app directory (`electron dist/electron` works) and pins main.js to ESM
writeFileSync(
  join(outDir, 'package.json'),
  `${JSON.stringify({ name: 'authlab', productName: 'authlab', private: true, type: 'module', main: 'main.js' }, null, 2)}\n`,
);
process.stdout.write(`authlab: built ${relative(root, join(outDir, 'main.js'))} and ${relative(root, join(outDir, 'preload.js'))}\n`);
