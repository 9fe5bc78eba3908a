import { writeFileSync } from 'node:fs';
import type { Reporter, TestCase, TestResult, TestStep } from '@playwright/test/reporter';

/**
 * How long each fixture took to set up, per test, in fixture-timings.json. Playwright's JSON
 * reporter keeps only test.step() steps; fixture set-up (an emulator per worker, a reset per test)
 * is reported to reporters as steps of category "fixture" under "Before Hooks".
 */
export default class FixtureTimings implements Reporter {
  private readonly rows: { test: string; fixture: string; ms: number }[] = [];

  onStepEnd(test: TestCase, _result: TestResult, step: TestStep): void {
    if (step.category !== 'fixture' || !isSetUp(step)) return;
    this.rows.push({ test: test.title, fixture: step.title, ms: step.duration });
  }

  onEnd(): void {
    writeFileSync('fixture-timings.json', `${JSON.stringify(this.rows, null, 2)}\n`);
  }
}

function isSetUp(step: TestStep): boolean {
  for (let parent = step.parent; parent; parent = parent.parent) if (parent.title === 'Before Hooks') return true;
  return false;
}
