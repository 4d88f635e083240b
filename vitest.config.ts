import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    // Browser tests wait for eventual states; on a loaded 2-core machine they take longer than 1 s.
    expect: { poll: { timeout: 15_000, interval: 100 } },
    hookTimeout: 30_000,
    pool: 'forks',
    // Browser tests start Chromium; keep them from competing with each other on a 2-core machine.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
