import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { migrate, schemaFingerprint } from './migrate.js';
import { pgliteStorage } from './pglite.js';
import { isAlive, lockName, removeQuietly, setAsideName, stagingName, sweepTemplates, withLock } from './template-lock.js';
import { verifyTemplate, writeManifest } from './template-manifest.js';

/**
 * A prebuilt, migrated Postgres data directory, so no start ever runs initdb (4-5 s, ~700 MB).
 * Built once at pack time and shipped in the package (dist/template); built at run time only when
 * that one does not fit (another PGlite version, a changed schema in a clone), into a cache folder,
 * under a lock. Copied for each emulator (a new --data-dir, or a throwaway copy); browsers load it
 * as a tarball (template-tarball.ts). Measured on 2 cores: ~0.7-1 s to a ready database, ~130-190 MB.
 *
 * Tuning baked into the template (postgresql.auto.conf), each measured:
 * - shared_buffers 16 MB instead of 128 MB: Postgres zeroes it at start (~0.45 s, +110 MB RSS);
 * - 1 MB WAL segments, no template0/template1, compacted catalogs and only the WAL segment in use.
 *
 * A template is a folder `<name>/` holding `data/` and, written last, `manifest.json` (checksum and
 * directory list): one whose files do not match is never loaded.
 */

const pgliteVersion = (): string => {
  const require = createRequire(import.meta.url);
  const pkg = require.resolve('@electric-sql/pglite');
  let dir = dirname(pkg);
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
};

/** Bumped when the way a template is built changes, so templates built the old way are replaced. */
const TEMPLATE_FORMAT = 'f4';

export const templateName = () => `pg-template-${pgliteVersion()}-${schemaFingerprint()}-${TEMPLATE_FORMAT}`;

const packageRoot = () => fileURLToPath(new URL('../../../', import.meta.url));

/** Where `npm pack` puts the template (emulator/scripts/build-template.ts), inside the package. */
export const shippedTemplateRoot = () => join(packageRoot(), 'dist', 'template');

/** Where a template built at run time goes: the package's own .cache, else the OS temp dir (read-only installs). */
function cacheRoot(): string {
  for (const root of [join(packageRoot(), '.cache'), join(tmpdir(), 'authlab-cache')]) {
    try {
      mkdirSync(root, { recursive: true });
      return root;
    } catch {
      // not writable: try the next one
    }
  }
  throw new Error('authlab: no writable cache directory for the database template');
}

export interface Template {
  /** A migrated data directory to copy (with copyTemplate: a packaged one lacks its empty directories). */
  dir: string;
  /** Every directory of it, relative. */
  dirs: string[];
}

/** Templates verified by this process: hashing once is enough. */
const verified = new Map<string, Template>();

function openTemplate(root: string, name: string, why?: (reason: string) => void): Template | undefined {
  const templateDir = join(root, name);
  const known = verified.get(templateDir);
  if (known) return known;
  if (!existsSync(templateDir)) return undefined;
  const manifest = verifyTemplate(templateDir, name, why);
  if (!manifest) return undefined;
  const template = { dir: join(templateDir, 'data'), dirs: manifest.dirs };
  verified.set(templateDir, template);
  return template;
}

/** The template for this schema and PGlite: the packaged one, else one built (once) in the cache. */
export async function ensureTemplate(onProgress?: (message: string) => void): Promise<Template> {
  const name = templateName();
  let damaged = '';
  const shipped = openTemplate(shippedTemplateRoot(), name, (reason) => (damaged = reason));
  if (shipped) return shipped;
  if (damaged) onProgress?.(`the packaged database template is unusable (${damaged}); building one`);
  return ensureTemplateIn(cacheRoot(), onProgress);
}

/**
 * The template in `root`, built there if missing or damaged: one process builds while others wait
 * for it, in a staging folder renamed into place; leftovers of earlier builds are cleared.
 */
export async function ensureTemplateIn(root: string, onProgress?: (message: string) => void): Promise<Template> {
  const name = templateName();
  mkdirSync(root, { recursive: true });
  const template = await withLock(join(root, lockName(name)), {
    ready: () => openTemplate(root, name),
    onWait: (owner) => onProgress?.(`waiting for process ${owner ?? '?'}, which is building the database template…`),
    run: async () => {
      onProgress?.('building the database template (once per schema version, ~5 s)…');
      sweepTemplates(root, name);
      const staging = join(root, stagingName(name));
      try {
        mkdirSync(staging);
        await buildInto(join(staging, 'data'));
        writeManifest(staging, name);
        publish(staging, join(root, name));
      } finally {
        removeQuietly(staging);
      }
      const built = openTemplate(root, name);
      if (!built) throw new Error(`authlab: the database template built in ${join(root, name)} does not verify`);
      return built;
    },
  });
  sweepTemplates(root, name);
  return template;
}

/** Moves a finished build into place; a damaged template already there is set aside and deleted. */
function publish(staging: string, final: string) {
  if (existsSync(final)) {
    const aside = join(dirname(final), setAsideName(basename(final)));
    renameSync(final, aside);
    removeQuietly(aside);
  }
  try {
    renameSync(staging, final);
  } catch (e) {
    // a process that could not take the lock (a read-only lock folder) published first; the caller verifies theirs
    if (!existsSync(final)) throw e;
  }
}

/** initdb, migrations, tuning. */
async function buildInto(dataDir: string) {
  const pg = await PGlite.create(dataDir, { initDbStartParams: ['--wal-segsize=1'] });
  let currentWal = '';
  try {
    await migrate(pgliteStorage(pg));
    await pg.exec(`update pg_database set datistemplate = false where datname in ('template0', 'template1')`);
    await pg.exec('drop database template0');
    await pg.exec('drop database template1');
    for (const setting of [`shared_buffers = '16MB'`, `min_wal_size = '2MB'`, `max_wal_size = '32MB'`, `wal_buffers = '512kB'`]) {
      await pg.exec(`alter system set ${setting}`);
    }
    // rewritten compactly, the catalogs are 1.2 MB smaller to copy or untar on every start
    await pg.exec('vacuum (full, freeze)');
    await pg.exec('checkpoint');
    currentWal = (await pg.query<{ name: string }>('select pg_walfile_name(pg_current_wal_lsn()) as name')).rows[0]!.name;
  } finally {
    await pg.close();
  }
  removeRecycledWal(dataDir, currentWal);
}

/**
 * After the final checkpoint only the segment holding it (and any after it) is read at start; the
 * older ones are segments Postgres keeps for reuse. They were a third of the template (5 of 14 MB), copied or
 * untarred on every start for nothing; Postgres makes new ones when it needs them.
 */
function removeRecycledWal(dataDir: string, keep: string) {
  const walDir = join(dataDir, 'pg_wal');
  for (const entry of readdirSync(walDir)) {
    // older segments only: the shutdown checkpoint may have moved on into a newer one
    if (/^[0-9A-F]{24}$/.test(entry) && entry < keep) removeQuietly(join(walDir, entry));
  }
}

/** Copies the template into `dest`, with the empty directories npm leaves out of a package. */
function copyTemplate(template: Template, dest: string) {
  cpSync(template.dir, dest, { recursive: true });
  for (const dir of template.dirs) mkdirSync(join(dest, dir), { recursive: true });
}

/** Copies the template into an empty data directory, so a new --data-dir starts migrated. */
export function seedDataDir(template: Template, dataDir: string): void {
  if (existsSync(join(dataDir, 'PG_VERSION'))) return;
  // the lock this process holds on the directory (data-dir-lock.ts) does not make it non-empty
  if (existsSync(dataDir) && readdirSync(dataDir).some((entry) => entry !== 'authlab.lock')) {
    throw new Error(`${dataDir} is not empty and holds no authlab database`);
  }
  copyTemplate(template, dataDir);
}

const EPHEMERAL_PREFIX = 'authlab-run-';

/**
 * A private copy of the template in the OS temp dir, for emulators that keep nothing. Measured
 * faster and ~60 MB lighter than loading the tarball into PGlite's in-memory file system.
 * Returns the directory and a function that deletes it; copies left by killed processes are
 * removed by the next start.
 */
export function ephemeralCopy(template: Template): { dir: string; dispose: () => void } {
  removeOrphanedCopies();
  const dir = mkdtempSync(join(tmpdir(), `${EPHEMERAL_PREFIX}${process.pid}-`));
  copyTemplate(template, dir);
  return { dir, dispose: () => removeQuietly(dir) };
}

function removeOrphanedCopies() {
  for (const entry of readdirSync(tmpdir())) {
    if (!entry.startsWith(EPHEMERAL_PREFIX)) continue;
    const pid = Number(entry.slice(EPHEMERAL_PREFIX.length).split('-')[0]);
    // another user's copy in a shared temp dir answers EACCES: skipped, not fatal
    if (Number.isInteger(pid) && !isAlive(pid)) removeQuietly(join(tmpdir(), entry));
  }
}
