import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';

/** The stdout table and the JSON file; judging against targets happens here, in one place. */

export type Verdict = 'PASS' | 'MISS' | '';

export interface Row {
  scenario: string;
  value: number | string;
  unit: string;
  /** e.g. "< 1500"; empty for figures without a target */
  target: string;
  verdict: Verdict;
}

export function row(
  scenario: string,
  value: number | string,
  unit: string,
  target?: { below?: number; above?: number; equals?: number },
): Row {
  if (!target || typeof value !== 'number') return { scenario, value, unit, target: '', verdict: '' };
  const judge = (ok: boolean): Verdict => (ok ? 'PASS' : 'MISS');
  if (target.below !== undefined) return { scenario, value, unit, target: `< ${target.below}`, verdict: judge(value < target.below) };
  if (target.above !== undefined) return { scenario, value, unit, target: `> ${target.above}`, verdict: judge(value > target.above) };
  return { scenario, value, unit, target: `= ${target.equals}`, verdict: judge(value === target.equals) };
}

export function table(rows: readonly Row[]): string {
  const header = ['scenario', 'value', 'unit', 'target'];
  const cells = rows.map((r) => [r.scenario, String(r.value), r.unit, r.target ? `${r.target} ${r.verdict}` : '']);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((v, i) => (i === 1 ? v.padStart(widths[i]!) : v.padEnd(widths[i]!))).join(' | ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...cells.map(line)].join('\n');
}

export function machine() {
  const cpu = cpus();
  return {
    os: `${platform()} ${release()}`,
    cpus: cpu.length,
    cpuModel: cpu[0]?.model ?? 'unknown',
    node: process.version,
    totalMemoryMb: Math.round(totalmem() / 1024 / 1024),
  };
}

/** Writes bench-<timestamp>.json and latest.json; returns the timestamped path. */
export function writeResults(dir: string, results: Record<string, unknown> & { date: string }): string {
  mkdirSync(dir, { recursive: true });
  const json = `${JSON.stringify(results, null, 2)}\n`;
  // ':' is not allowed in file names on every system
  const path = join(dir, `bench-${results.date.replace(/:/g, '-')}.json`);
  writeFileSync(path, json);
  writeFileSync(join(dir, 'latest.json'), json);
  return path;
}
