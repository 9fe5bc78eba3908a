import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * authlab as a stranger gets it: `npm pack` (whose prepack builds the emulator, the explorer and the
 * database template), then a throwaway app outside the repository that installs the tarball. Used
 * by the consumer test and by the bench.
 */

export const REPO = fileURLToPath(new URL('../../../', import.meta.url));

export interface Packed {
  tarball: string;
  /** npm's own account of the tarball (`npm pack --json`). */
  files: { path: string; size: number }[];
  size: number;
  unpackedSize: number;
}

/** Runs a command to completion; rejects with its output when it fails. */
export function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 5 * 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`${command} ${args.join(' ')} failed (${code ?? signal}) in ${options.cwd}:\n${out}\n${err}`));
    });
  });
}

/**
 * Packs the working tree. In a private copy of it (node_modules linked), so the build that prepack
 * runs never rewrites the dist/ that other processes (an e2e run, an open explorer) are using.
 */
export async function packRepo(dest: string): Promise<Packed> {
  const copy = join(dest, 'repo');
  const listed = sourceFiles();
  if (listed) {
    for (const file of listed) {
      if (!existsSync(join(REPO, file))) continue; // deleted in the working tree
      mkdirSync(dirname(join(copy, file)), { recursive: true });
      cpSync(join(REPO, file), join(copy, file));
    }
  } else {
    const skipped = new Set(['node_modules', 'dist', '.git', '.cache', 'test-results', 'playwright-report', 'bench-results']);
    cpSync(REPO, copy, { recursive: true, filter: (path) => !skipped.has(path.slice(REPO.length).split(/[\\/]/)[0]!) });
  }
  symlinkSync(join(REPO, 'node_modules'), join(copy, 'node_modules'), 'dir');
  const out = await run('npm', ['pack', '--json', '--pack-destination', dest], { cwd: copy, timeoutMs: 4 * 60_000 });
  // prepack's build writes to stdout too; npm's JSON is the last thing printed
  const [report] = JSON.parse(out.slice(out.lastIndexOf('\n[\n') + 1)) as (Omit<Packed, 'tarball'> & { filename: string })[];
  return { tarball: join(dest, report!.filename), files: report!.files, size: report!.size, unpackedSize: report!.unpackedSize };
}

/** Tracked and new (not ignored) files of the working tree; undefined outside a git checkout. */
function sourceFiles(): string[] | undefined {
  try {
    const out = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: REPO, encoding: 'utf8' });
    return out.split('\0').filter(Boolean);
  } catch {
    return undefined;
  }
}

/** The version of a package the repository's lockfile installs, so the app tests what the repo does. */
export function lockedVersion(name: string): string {
  const lock = JSON.parse(readFileSync(join(REPO, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string }> };
  const version = lock.packages[`node_modules/${name}`]?.version;
  if (!version) throw new Error(`${name} is not in package-lock.json`);
  return version;
}

/**
 * A new app folder outside the repository with `template` copied in (or an empty package), and the
 * tarball plus `deps` (at the lockfile's versions) installed from npm's cache where it can.
 */
export async function installApp(tarball: string, deps: string[], template?: string): Promise<string> {
  const app = mkdtempSync(join(tmpdir(), 'authlab-consumer-'));
  if (template) cpSync(template, app, { recursive: true });
  else writeFileSync(join(app, 'package.json'), '{ "name": "authlab-bench-app", "private": true, "type": "module" }\n');
  await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball, ...deps.map((d) => `${d}@${lockedVersion(d)}`)], {
    cwd: app,
    timeoutMs: 4 * 60_000,
  });
  return app;
}

/** Bytes under a folder, as `du -sb` would count them (for the installed footprint). */
export function folderBytes(dir: string): number {
  return Number(execFileSync('du', ['-sb', dir], { encoding: 'utf8' }).split('\t')[0]);
}

export const tempDir = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));
