import { defineConfig } from 'vitest/config';

const PACKAGE_TESTS = 'emulator/test/package/**/*.test.ts';

export default defineConfig({
  test: {
    // each test file boots its own emulator (a PGlite database); allow for a slow machine
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // three on two cores: much of the suite waits (child processes, sockets, PGlite's file I/O), so a
    // third file fills those waits; measured, the run's CPU time stayed the same (307 s vs 308 s)
    maxWorkers: 3,
    // the default output, then why each skipped test was skipped (the default reporter only counts them)
    reporters: ['default', './emulator/test/support/skip-reasons-reporter.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'behaviour',
          include: ['emulator/test/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/**/*.test.ts'],
          exclude: [PACKAGE_TESTS],
          sequence: { groupOrder: 0 },
        },
      },
      {
        // the packed package in an app, afterwards and alone: it times the app's fixture set-ups and
        // first start, which the rest of the suite on the same two cores would only blur
        extends: true,
        test: { name: 'package', include: [PACKAGE_TESTS], sequence: { groupOrder: 1 } },
      },
    ],
  },
});
