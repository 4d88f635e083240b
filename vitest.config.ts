import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Browser tests start Chromium; keep them from competing with each other on a 2-core machine.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
