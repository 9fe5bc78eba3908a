import type { FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';

/**
 * The list reporter marks a skipped test with "-" and never says why. This one lists, after the
 * run, each skipped test with the reason given to test.skip(condition, reason) (or fixme), which
 * Playwright keeps as an annotation.
 */
export default class SkipReasonsReporter implements Reporter {
  private readonly skipped: string[] = [];

  printsToStdio(): boolean {
    return true;
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    if (result.status !== 'skipped') return;
    const reason = test.annotations.find((a) => a.type === 'skip' || a.type === 'fixme')?.description;
    this.skipped.push(`  - ${test.titlePath().filter(Boolean).join(' › ')}: ${reason ?? 'no reason given'}`);
  }

  onEnd(_result: FullResult): void {
    if (this.skipped.length === 0) return;
    console.log(`\nSkipped, and why:\n${this.skipped.join('\n')}`);
  }
}
