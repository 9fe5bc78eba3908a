import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const SOURCES = fileURLToPath(new URL('../../src/', import.meta.url));
const BUILT = fileURLToPath(new URL('../../../dist/emulator/', import.meta.url));

/** Every .ts file under a folder, as paths relative to it. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((p) => p.endsWith('.ts'));
}

/**
 * Whether dist/emulator was compiled from exactly the sources as they are now. The build's source
 * maps carry each file's source text (inlineSources), so this compares text, not timestamps: a file
 * saved during a build, or a build older than a checkout, still counts as stale.
 */
function builtFromCurrentSources(): boolean {
  try {
    return sourceFiles(SOURCES).every((path) => {
      const map = join(BUILT, path.replace(/\.ts$/, '.js.map'));
      if (!existsSync(map)) return false;
      const { sourcesContent } = JSON.parse(readFileSync(map, 'utf8')) as { sourcesContent?: string[] };
      return sourcesContent?.[0] === readFileSync(join(SOURCES, path), 'utf8');
    });
  } catch {
    // a build running right now (it empties dist/emulator first) or a half-written map: not usable
    return false;
  }
}

let chosen: string[] | undefined;

/**
 * How to start the authlab CLI: its compiled form when that is the current sources (npm test builds
 * dist first), which skips tsx transpiling some 160 modules on every start (about 0.7 s of CPU, most of
 * a start on a busy machine); else the sources through tsx, so a test never runs stale code.
 * Decided once per test file.
 */
export function cliCommand(): string[] {
  chosen ??= builtFromCurrentSources()
    ? [join(BUILT, 'cli.js')]
    : ['--import', 'tsx', join(SOURCES, 'cli.ts')];
  return chosen;
}

/** For failure messages: which CLI ran, the built one or the sources. */
export const cliFile = () => relative(process.cwd(), cliCommand().at(-1)!);
