import { defineConfig } from 'vitest/config';

// `npm run test:chaos` (test/chaos): real processes and faults, one run of about 3 minutes.
// Its file is named *.chaos.ts so that `npm test` (test/**/*.test.ts) never runs it.
export default defineConfig({
  test: {
    include: ['test/chaos/**/*.chaos.ts'],
    testTimeout: 30_000,
    hookTimeout: 330_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
  },
});
