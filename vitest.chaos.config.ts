import { defineConfig } from 'vitest/config';

// `npm run test:chaos`: the resilience suite (issue 5). Its files end in .chaos.ts so `npm test`
// does not pick them up: they SIGKILL workers and servers and wait out activity timeouts, minutes
// each, and they run one at a time so a kill never lands on a neighbour's processes.
export default defineConfig({
  test: {
    include: ['test/chaos/**/*.chaos.ts'],
    globalSetup: ['test/helpers/global-setup.ts'],
    testTimeout: 600_000,
    hookTimeout: 180_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
  },
});
