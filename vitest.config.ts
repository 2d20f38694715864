import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: a few files at a time against one PostgreSQL.
    pool: 'forks',
    maxWorkers: 3,
    fileParallelism: true,
  },
});
