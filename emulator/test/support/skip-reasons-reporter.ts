import type { Reporter, TestCase, TestModule, Vitest } from 'vitest/node';

/**
 * The default reporter counts skipped tests but never says why. This one lists, after the run,
 * every test skipped for a reason: the note of `ctx.skip(condition, note)`, or a describe or test
 * title ending in "(skipped: <reason>)" (what `describe.skipIf` cannot otherwise carry). Tests left
 * out by a name filter (-t) give no reason and are not listed.
 */
export default class SkipReasonsReporter implements Reporter {
  private log: (message: string) => void = console.log;

  onInit(vitest: Vitest): void {
    this.log = (message) => vitest.logger.log(message);
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    // one line per file and reason, with how many tests it covers
    const lines = new Map<string, number>();
    for (const module of testModules) {
      for (const test of module.children.allTests('skipped')) {
        const reason = reasonFor(test);
        if (!reason) continue;
        const key = `${module.moduleId.replace(`${process.cwd()}/`, '')}: ${reason}`;
        lines.set(key, (lines.get(key) ?? 0) + 1);
      }
    }
    if (lines.size === 0) return;
    this.log('\nSkipped, and why:');
    for (const [line, count] of lines) this.log(`  ↓ ${line} (${count} ${count === 1 ? 'test' : 'tests'})`);
  }
}

const TITLED = /\(skipped: (.+)\)$/;

/** The skip note, else a "(skipped: ...)" ending the test's title or that of a describe around it. */
function reasonFor(test: TestCase): string | undefined {
  const result = test.result();
  if (result.state === 'skipped' && result.note) return result.note;
  const titled = TITLED.exec(test.name)?.[1];
  if (titled) return titled;
  for (let parent = test.parent; parent.type === 'suite'; parent = parent.parent) {
    const reason = TITLED.exec(parent.name)?.[1];
    if (reason) return reason;
  }
  return undefined;
}
