import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { migrate, schemaFingerprint } from './migrate.js';
import { pgliteStorage } from './pglite.js';

/**
 * A prebuilt, migrated Postgres data directory, so no start ever runs initdb (4-5 s, ~700 MB).
 * Built once per schema and PGlite version, then copied for each emulator (a new --data-dir, or a
 * throwaway copy); its tarball is what browsers load (createBrowserEmulator). Measured on 2 cores:
 * ~0.7-1 s to a ready database, ~130-190 MB.
 *
 * Tuning baked into the template (postgresql.auto.conf), each measured:
 * - shared_buffers 16 MB instead of 128 MB: Postgres zeroes it at start (~0.45 s, +110 MB RSS);
 * - 1 MB WAL segments, no template0/template1, compacted catalogs and only the WAL segment in use:
 *   8.5 MB instead of 39 MB to copy or untar.
 */

const pgliteVersion = (): string => {
  const require = createRequire(import.meta.url);
  const pkg = require.resolve('@electric-sql/pglite');
  let dir = dirname(pkg);
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
};

/** Where templates are cached: the package's own .cache, else the OS temp dir (read-only installs). */
function cacheRoot(): string {
  const packageRoot = fileURLToPath(new URL('../../../', import.meta.url));
  for (const root of [join(packageRoot, '.cache'), join(tmpdir(), 'authlab-cache')]) {
    try {
      mkdirSync(root, { recursive: true });
      return root;
    } catch {
      // not writable: try the next one
    }
  }
  throw new Error('authlab: no writable cache directory for the database template');
}

/** Bumped when the way a template is built changes, so caches built the old way are replaced. */
const TEMPLATE_FORMAT = 'f3';

export interface Template {
  /** A migrated data directory to copy. */
  dir: string;
  /** The same, as a gzipped tarball for PGlite's loadDataDir. */
  tarball: string;
}

/** The template for this schema, built first if needed (once per machine and schema version). */
export async function ensureTemplate(onBuild?: () => void): Promise<Template> {
  const name = `pg-template-${pgliteVersion()}-${schemaFingerprint()}-${TEMPLATE_FORMAT}`;
  const root = cacheRoot();
  const dir = join(root, name);
  const tarball = `${dir}.tar.gz`;
  if (existsSync(join(dir, 'PG_VERSION')) && existsSync(tarball)) return { dir, tarball };

  onBuild?.();
  // build beside the final place and rename, so concurrent processes never see half a template
  const staging = `${dir}.building-${process.pid}-${Date.now()}`;
  try {
    await buildInto(staging);
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    rmSync(`${staging}.tar.gz`, { force: true });
    throw e;
  }
  try {
    renameSync(`${staging}.tar.gz`, tarball);
    renameSync(staging, dir);
  } catch {
    // another process finished first; theirs is as good as ours
    rmSync(staging, { recursive: true, force: true });
    rmSync(`${staging}.tar.gz`, { force: true });
  }
  removeStaleTemplates(root, name);
  return { dir, tarball };
}

/** initdb, migrations, tuning, then a tarball of the result beside the directory. */
async function buildInto(staging: string) {
  const pg = await PGlite.create(staging, { initDbStartParams: ['--wal-segsize=1'] });
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
  removeRecycledWal(staging, currentWal);
  // the tarball is taken from a reopened copy so it carries the tuned settings as written
  const reopened = await PGlite.create(staging);
  const dump = await reopened.dumpDataDir('gzip');
  await reopened.close();
  writeFileSync(`${staging}.tar.gz`, Buffer.from(await dump.arrayBuffer()));
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
    if (/^[0-9A-F]{24}$/.test(entry) && entry < keep) rmSync(join(walDir, entry));
  }
}

/** Copies the template into an empty data directory, so a new --data-dir starts migrated. */
export function seedDataDir(template: Template, dataDir: string): void {
  if (existsSync(join(dataDir, 'PG_VERSION'))) return;
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    throw new Error(`${dataDir} is not empty and holds no authlab database`);
  }
  cpSync(template.dir, dataDir, { recursive: true });
}

/** Older schema versions' templates are dead weight once a new one exists. */
function removeStaleTemplates(root: string, keep: string) {
  for (const entry of readdirSync(root)) {
    if (entry.startsWith('pg-template-') && !entry.startsWith(keep) && !entry.includes('.building-')) {
      rmSync(join(root, entry), { recursive: true, force: true });
    }
  }
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
  cpSync(template.dir, dir, { recursive: true });
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

function removeOrphanedCopies() {
  for (const entry of readdirSync(tmpdir())) {
    if (!entry.startsWith(EPHEMERAL_PREFIX)) continue;
    const pid = Number(entry.slice(EPHEMERAL_PREFIX.length).split('-')[0]);
    if (Number.isInteger(pid) && !isAlive(pid)) rmSync(join(tmpdir(), entry), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
