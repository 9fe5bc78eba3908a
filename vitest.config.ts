import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['emulator/test/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/**/*.test.ts'],
    // each test file boots its own emulator (a PGlite database); allow for a slow machine
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // two cores: more workers only contend
    maxWorkers: 2,
    // the default output, then why each skipped test was skipped (the default reporter only counts them)
    reporters: ['default', './emulator/test/support/skip-reasons-reporter.ts'],
  },
});
