import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * What the README tells users to import, as they get it: every subpath of package.json's exports,
 * imported by the package's own name (Node resolves `authlab/node` inside this package through its
 * exports map), so the built dist/ entry points are what is tested, not the sources. `npm test`
 * builds dist/ first (pretest); package/consumer-app.test.ts goes further and installs the packed
 * tarball.
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

/** The specifier a user writes for a subpath of the exports map: '.' -> authlab, './node' -> authlab/node. */
const specifier = (subpath: string) => `${pkg.name}${subpath.slice(1)}`;

describe("the authlab package's exports", () => {
  beforeAll(() => {
    const missing = Object.values(pkg.exports)
      .flatMap((target) => (typeof target === 'string' ? [target] : [target.default, target.types]))
      .filter((file) => !existsSync(fileURLToPath(new URL(file, ROOT))));
    if (missing.length > 0) {
      throw new Error(`the built package is missing ${missing.join(', ')}: run \`npm run build\` first (\`npm test\` does, in pretest)`);
    }
  });

  it('names every subpath the README documents, and nothing undocumented', () => {
    expect(pkg.name).toBe('authlab');
    const subpaths = Object.keys(pkg.exports).filter((p) => p !== './package.json');
    expect(subpaths.sort()).toEqual(Object.keys(DOCUMENTED).sort());
  });

  for (const [subpath, names] of Object.entries(DOCUMENTED)) {
    it(`${specifier(subpath)} resolves to its built module, with types beside it, exporting ${names.join(', ')}`, async () => {
      const target = pkg.exports[subpath]!;
      expect(typeof target).toBe('object');
      const { types, default: js } = target as { types: string; default: string };
      expect(js).toMatch(/^\.\/dist\/emulator\/.+\.js$/);
      expect(types).toBe(js.replace(/\.js$/, '.d.ts'));
      // resolved by name, as in a user's project: through the exports map, to the built file
      expect(import.meta.resolve(specifier(subpath))).toBe(new URL(js, ROOT).href);
      const mod = (await import(/* @vite-ignore */ specifier(subpath))) as Record<string, unknown>;
      for (const name of names) expect(mod[name], `${specifier(subpath)} exports ${name}`).toBeDefined();
    });
  }
});
