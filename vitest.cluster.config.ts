// `npm run test:cluster`: the tests on the real, PostgreSQL-backed Temporal cluster. One file at a
// time (each runs a whole cluster and kills parts of it), with the workflow issue's lifecycle tests
// pointed at the cluster by swapping their Temporal helper for test/cluster/harness.ts.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/cluster/**/*.test.ts', 'test/workflows/lifecycle.test.ts'],
    globalSetup: ['test/cluster/global-setup.ts'],
    fileParallelism: false,
    pool: 'forks',
    testTimeout: 240_000,
    hookTimeout: 300_000,
  },
  resolve: {
    alias: [{ find: /^\.\.\/helpers\/temporal$/, replacement: fileURLToPath(new URL('./test/cluster/harness.ts', import.meta.url)) }],
  },
});
