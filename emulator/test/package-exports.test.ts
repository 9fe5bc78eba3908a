import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * What the README tells users to import: every subpath of package.json's exports is built from a
 * source module that exists and exports the names the README uses. (The build itself, tsc over
 * emulator/src, runs when the package is packed; package/consumer-app.test.ts installs and uses it.)
 */
const ROOT = new URL('../../', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', ROOT), 'utf8')) as {
  name: string;
  exports: Record<string, string | { types: string; default: string }>;
};

const DOCUMENTED: Record<string, string[]> = {
  '.': ['createEmulator', 'AuthError', 'resolveConfig'],
  './node': ['startEmulator'],
  './msw': ['authlabHandlers'],
  './browser': ['createBrowserEmulator'],
  './vite': ['authlab'],
  './playwright': ['test', 'expect'],
};

describe("the authlab package's exports", () => {
  it('names every subpath the README documents, and nothing undocumented', () => {
    expect(pkg.name).toBe('authlab');
    const subpaths = Object.keys(pkg.exports).filter((p) => p !== './package.json');
    expect(subpaths.sort()).toEqual(Object.keys(DOCUMENTED).sort());
  });

  for (const [subpath, names] of Object.entries(DOCUMENTED)) {
    it(`${subpath === '.' ? 'authlab' : `authlab/${subpath.slice(2)}`} comes from a source module exporting ${names.join(', ')}`, async () => {
      const target = pkg.exports[subpath]!;
      expect(typeof target).toBe('object');
      const { types, default: js } = target as { types: string; default: string };
      expect(js).toMatch(/^\.\/dist\/emulator\/.+\.js$/);
      expect(types).toBe(js.replace(/\.js$/, '.d.ts'));
      const source = js.replace('./dist/emulator/', 'emulator/src/').replace(/\.js$/, '.ts');
      expect(existsSync(fileURLToPath(new URL(source, ROOT))), source).toBe(true);
      const mod = (await import(/* @vite-ignore */ fileURLToPath(new URL(source, ROOT)))) as Record<string, unknown>;
      for (const name of names) expect(mod[name], `${source} exports ${name}`).toBeDefined();
    });
  }
});
