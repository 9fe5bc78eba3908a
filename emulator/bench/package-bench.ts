import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { removeQuietly } from '../src/db/template-lock.js';
import { folderBytes, installApp, packRepo } from '../test/package/packed-app.js';
import { log, status } from './progress.js';
import { row, type Row } from './report.js';
import { failed, type Attempt } from './rows.js';
import { startServer } from './server-process.js';
import { median, round } from './stats.js';

/**
 * authlab as a stranger installs it: the tarball `npm pack` makes, installed into an empty app
 * outside the repository, started with `npx authlab` (the first start after the install, then
 * warm ones). Ready means the first HTTP answer (/health 200, which waits for the database).
 */

export interface PackageResult {
  tarballBytes: number;
  unpackedBytes: number;
  files: number;
  installSeconds: number;
  /** node_modules of an app that installed only authlab */
  installedBytes: number;
  authlabBytes: number;
  firstStart: { healthMs: number; firstSignupMs: number };
  warmStarts: { healthMs: number; firstSignupMs: number }[];
  /** whether any start had to build the database template (the package should carry it) */
  templateBuiltAtRunTime: boolean;
}

const MB = 1024 * 1024;

export async function packageBench(root: string, warmRuns: number): Promise<PackageResult> {
  const work = mkdtempSync(join(tmpdir(), 'authlab-bench-pack-'));
  // the app's processes get a temp folder of their own, so a template built at run time would show
  const appTmp = mkdtempSync(join(tmpdir(), 'authlab-bench-tmp-'));
  let app: string | undefined;
  try {
    status('package: npm pack (builds the emulator, the explorer and the template)…');
    const packed = await packRepo(work);
    status('package: installing the tarball into an empty app…');
    const installing = performance.now();
    app = await installApp(packed.tarball, []);
    const installSeconds = round((performance.now() - installing) / 1000, 1);
    const launch = { command: 'npx', args: ['authlab'], cwd: app };
    const env = { TMPDIR: appTmp };

    status('package: first npx authlab after the install…');
    const first = await startServer(root, env, launch);
    await first.stop();
    log(`package: first npx authlab answered after ${Math.round(first.healthMs)} ms`);
    const warm = [];
    for (let i = 0; i < warmRuns; i++) {
      status(`package: warm npx authlab ${i + 1}/${warmRuns}…`);
      const s = await startServer(root, env, launch);
      await s.stop();
      warm.push({ healthMs: round(s.healthMs, 0), firstSignupMs: round(s.firstSignupMs, 0) });
    }
    return {
      tarballBytes: packed.size,
      unpackedBytes: packed.unpackedSize,
      files: packed.files.length,
      installSeconds,
      installedBytes: folderBytes(join(app, 'node_modules')),
      authlabBytes: folderBytes(join(app, 'node_modules', 'authlab')),
      firstStart: { healthMs: round(first.healthMs, 0), firstSignupMs: round(first.firstSignupMs, 0) },
      warmStarts: warm,
      templateBuiltAtRunTime: existsSync(join(app, 'node_modules', 'authlab', '.cache')) || existsSync(join(appTmp, 'authlab-cache')),
    };
  } finally {
    removeQuietly(work);
    removeQuietly(appTmp);
    if (app) removeQuietly(app);
  }
}

export function packageRows(p: Attempt<PackageResult>, warmRuns: number, target: { packageStartMs: number; tarballMb: number }): Row[] {
  if (failed(p)) return [row('installed package', 'error (see ERROR below)', '')];
  return [
    row('npx authlab, first start after a fresh install: spawn -> first HTTP answer', p.firstStart.healthMs, 'ms', { below: target.packageStartMs }),
    row('  the same, spawn -> first sign-up', p.firstStart.firstSignupMs, 'ms'),
    row(`npx authlab, warm start (median of ${warmRuns}): spawn -> first HTTP answer`, median(p.warmStarts.map((w) => w.healthMs)), 'ms', {
      below: target.packageStartMs,
    }),
    row('database template built at run time', p.templateBuiltAtRunTime ? 'YES' : 'no', ''),
    row('tarball (npm pack)', round(p.tarballBytes / MB, 2), 'MB', { below: target.tarballMb }),
    row(`  unpacked, ${p.files} files`, round(p.unpackedBytes / MB, 1), 'MB'),
    row('installed footprint: node_modules of an app with only authlab', round(p.installedBytes / MB, 1), 'MB'),
    row('  of which authlab itself', round(p.authlabBytes / MB, 1), 'MB'),
    row('npm install of the tarball (npm cache warm)', p.installSeconds, 's'),
  ];
}
