import type { BrowserBootResult } from './browser-boot.js';
import type { ExplorerLoadResult } from './explorer-load.js';
import type { HttpResetResult, TimedResult } from './control-bench.js';
import type { LoadResult } from './load.js';
import type { MailLatencyResult, VerifyResult } from './mail-bench.js';
import { log } from './progress.js';
import { row, type Row } from './report.js';
import { round } from './stats.js';

/** Table rows of the scenarios, and the failure handling of those that may fail on their own. */

/** A scenario that fails is reported as such; the others' numbers are still worth having. */
export type Attempt<T> = T | { error: string };

export async function attempt<T>(what: string, fn: () => Promise<T>): Promise<Attempt<T>> {
  try {
    return await fn();
  } catch (e) {
    const message = (e as Error)?.message ?? String(e);
    log(`${what} failed: ${message}`);
    return { error: `${what}: ${message}` };
  }
}

export const failed = <T extends object>(a: Attempt<T>): a is { error: string } => 'error' in a;

const errorRow = (scenario: string) => row(scenario, 'error (see ERROR below)', '');

export function loadRows(r: LoadResult, rpsTarget?: { above: number }): Row[] {
  return [
    row(`${r.label} throughput`, r.rps, 'req/s', rpsTarget),
    row(`${r.label} p50`, r.p50Ms, 'ms'),
    row(`${r.label} p99`, r.p99Ms, 'ms'),
    row(`${r.label} non-2xx`, r.non2xx, `of ${r.requests}`, { equals: 0 }),
  ];
}

export interface SuiteResults {
  mail: Attempt<MailLatencyResult>;
  verify: Attempt<VerifyResult>;
  httpReset: Attempt<HttpResetResult>;
  fixtures: Attempt<TimedResult & { label: string }>[];
}

export function suiteRows(r: SuiteResults, target: { httpResetMs: number }): Row[] {
  const { mail, verify, httpReset: reset } = r;
  return [
    ...(failed(mail)
      ? [errorRow('mail latency')]
      : [
          row(`mail latency, POST /otp -> found via inbox API (median of ${mail.samples})`, mail.medianMs, 'ms'),
          row('mail latency p99', mail.p99Ms, 'ms'),
        ]),
    ...(failed(verify) ? [errorRow('verify magiclink')] : loadRows(verify.load)),
    ...(failed(reset)
      ? [errorRow('reset over HTTP')]
      : [
          row(`POST /_/control/reset after ${reset.users} users (median of ${reset.repetitions})`, reset.medianMs, 'ms', { below: target.httpResetMs }),
          row('POST /_/control/reset p99', reset.p99Ms, 'ms'),
          row('reset over HTTP leaves no user (re-seed -> 200)', reset.verified ? 'yes' : 'NO', ''),
        ]),
    ...r.fixtures.flatMap((f) =>
      failed(f)
        ? [errorRow('fixture setup per test')]
        : [row(`${f.label} (median of ${f.repetitions})`, f.medianMs, 'ms'), row(`${f.label} p99`, f.p99Ms, 'ms')],
    ),
  ];
}

/** Wrong answers and broken scenarios; a MISSed target is not one of them. */
export function suiteFailures(r: SuiteResults): string[] {
  const { mail, verify, httpReset: reset } = r;
  return [
    ...[mail, verify, reset, ...r.fixtures].filter(failed).map((a) => a.error),
    ...(!failed(mail) && mail.failures.length > 0 ? [`mail latency: ${mail.failures.length} failed samples, e.g. ${mail.failures[0]}`] : []),
    ...(!failed(reset) && !reset.verified ? [`reset over HTTP: ${reset.verification}`] : []),
  ];
}

export function browserRows(b: Attempt<BrowserBootResult>, runs: number, target: { browserBootMs: number }): Row[] {
  const label = `in-browser boot: createBrowserEmulator() -> ready, cold tab (median of ${runs})`;
  if (failed(b)) return [errorRow(label)];
  if ('skipped' in b) return [row(label, b.skipped, '')];
  const { authlab, pgliteAlone } = b;
  return [
    row(label, authlab.medianBootMs, 'ms', { below: target.browserBootMs }),
    row('  floor: PGlite alone, same template and assets, cold tab', pgliteAlone.medianBootMs, 'ms'),
    row('  authlab / PGlite alone (same run)', round(authlab.medianBootMs / pgliteAlone.medianBootMs, 2), 'x'),
    row('in-browser: navigation -> ready, cold tab', authlab.medianNavigationToReadyMs, 'ms'),
    row('in-browser: navigation -> ready, tab reloaded', authlab.medianReloadToReadyMs, 'ms'),
    row('  floor: PGlite alone, tab reloaded', pgliteAlone.medianReloadToReadyMs, 'ms'),
  ];
}

export function explorerRows(e: Attempt<ExplorerLoadResult>, runs: number, target: { explorerLoadMs: number }): Row[] {
  const label = `explorer cold load to interactive, cache disabled (median of ${runs})`;
  if (failed(e)) return [errorRow(label)];
  if ('skipped' in e) return [row(label, e.skipped, '')];
  return [
    row(label, e.medianToInteractiveMs, 'ms', { below: target.explorerLoadMs }),
    row('  explorer cold load: bytes on the wire', e.medianTransferredKb, 'KB'),
    row('  explorer cold load: requests', e.requests, ''),
  ];
}
