import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // the cluster tests run a whole PostgreSQL-backed cluster each: `npm run test:cluster`
    exclude: ['test/cluster/**', 'node_modules/**'],
    globalSetup: ['test/helpers/global-setup.ts'],
    // integration tests start a dev server and a worker; a busy 2-core machine needs the margin
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // child processes rather than threads: the Temporal core bridge is a native module, and a
    // crashed file then cannot take its neighbours down
    pool: 'forks',
    maxWorkers: 2,
  },
});
