import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureTemplateIn, ephemeralCopy, templateName } from '../src/db/node-template.js';
import { verifyTemplate } from '../src/db/template-manifest.js';

/**
 * The template built at run time (when the packaged one does not fit): one build per cache folder
 * across processes, a damaged template never loaded, and every stale piece cleared without failing
 * on pieces that cannot be removed.
 */

const CHILD = fileURLToPath(new URL('./support/template-child.ts', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'authlab-template-test-'));
const name = templateName();
const immutable: string[] = [];

afterAll(() => {
  for (const path of immutable) spawnSync('chattr', ['-i', path]);
  rmSync(root, { recursive: true, force: true });
});

function startChild() {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, root], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const said = (text: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => out.includes(text) && resolve();
      child.stdout.on('data', check);
      check();
      void exited.then(() => (out.includes(text) ? resolve() : reject(new Error(`never said "${text}":\n${out}`))));
    });
  return { exited, said, output: () => out };
}

/** A pid no process has: one that just exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid!;
}

/** Makes a file undeletable even by root, when the file system allows it (ext4 on Linux). */
function pin(path: string): boolean {
  const ok = spawnSync('chattr', ['+i', path]).status === 0;
  if (ok) immutable.push(path);
  return ok;
}

describe('the database template built at run time', () => {
  it('is built once when two processes start together: the second waits for the first and reuses its template', { timeout: 120_000 }, async () => {
    const first = startChild();
    await first.said('building the database template');
    const second = startChild();
    const [a, b] = await Promise.all([first.exited, second.exited]);
    expect([a, b], first.output() + second.output()).toEqual([0, 0]);

    expect(second.output()).toContain('progress: waiting for process');
    expect(second.output()).not.toContain('progress: building');
    const dir = (out: string) => /template: (.+)/.exec(out)?.[1];
    expect(dir(second.output())).toBe(dir(first.output()));
    // no lock, no staging folder: only the template itself
    expect(readdirSync(root)).toEqual([name]);
  });

  it('is never loaded once damaged: the next start sets it aside and builds a good one', { timeout: 120_000 }, async () => {
    const control = join(root, name, 'data', 'global', 'pg_control');
    const damaged = Buffer.from(readFileSync(control));
    damaged.fill(0xff, 0, 64);
    writeFileSync(control, damaged);
    expect(verifyTemplate(join(root, name), name)).toBeUndefined();

    const progress: string[] = [];
    const template = await ensureTemplateIn(root, (message) => progress.push(message));
    expect(progress.join('\n')).toContain('building the database template');
    expect(readFileSync(control).subarray(0, 64).equals(damaged.subarray(0, 64))).toBe(false);
    expect(readdirSync(root)).toEqual([name]);

    // and the rebuilt one opens: a copy of it answers with the auth schema
    const copy = ephemeralCopy(template);
    const pg = await PGlite.create(copy.dir);
    expect((await pg.query<{ n: number }>('select count(*)::int as n from auth.users')).rows[0]?.n).toBe(0);
    await pg.close();
    copy.dispose();
  });

  it('counts a template without its manifest (a half-written one) as missing', () => {
    const half = join(root, 'half-written');
    mkdirSync(join(half, 'data'), { recursive: true });
    writeFileSync(join(half, 'data', 'PG_VERSION'), '17\n');
    const reasons: string[] = [];
    expect(verifyTemplate(half, name, (reason) => reasons.push(reason))).toBeUndefined();
    expect(reasons).toEqual(['no readable manifest (half-written)']);
    rmSync(half, { recursive: true });
  });

  it('clears builds of processes that are gone, abandoned locks and older templates, and keeps a live build', async () => {
    const gone = deadPid();
    const leftovers = [`${name}.building-${gone}-1`, 'pg-template-0.0.1-00000000-f1', 'pg-template-0.0.1-00000000-f3.tar.gz'];
    for (const entry of leftovers.slice(0, 2)) mkdirSync(join(root, entry, 'data'), { recursive: true });
    writeFileSync(join(root, leftovers[2]!), 'old tarball');
    writeFileSync(join(root, `${name}.lock`), JSON.stringify({ pid: gone, host: hostname(), token: 'x' }));
    const live = `${name}.building-${process.pid}-${Date.now()}`;
    mkdirSync(join(root, live));

    await ensureTemplateIn(root);
    expect(readdirSync(root).sort()).toEqual([name, live].sort());
    rmSync(join(root, live), { recursive: true });
  });

  it("skips leftovers it cannot remove (another user's, in a shared temp folder) instead of failing the start", async (context) => {
    const stuck = join(root, `${name}.building-${deadPid()}-1`);
    mkdirSync(stuck);
    writeFileSync(join(stuck, 'file'), 'x');
    const privateTmp = mkdtempSync(join(root, 'tmp-'));
    const orphan = join(privateTmp, `authlab-run-${deadPid()}-abc`);
    mkdirSync(orphan);
    writeFileSync(join(orphan, 'file'), 'x');
    if (!pin(join(stuck, 'file')) || !pin(join(orphan, 'file'))) {
      context.skip('needs a file system where chattr +i makes a file undeletable (run as root on ext4)');
    }

    const template = await ensureTemplateIn(root);
    expect(existsSync(stuck)).toBe(true);

    const previous = process.env.TMPDIR;
    process.env.TMPDIR = privateTmp;
    try {
      const copy = ephemeralCopy(template);
      expect(existsSync(join(copy.dir, 'PG_VERSION'))).toBe(true);
      copy.dispose();
    } finally {
      if (previous === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previous;
    }
    expect(existsSync(orphan)).toBe(true);
  });
});
