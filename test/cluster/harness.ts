// Stands in for test/helpers/temporal.ts when the workflow issue's lifecycle tests run on the
// cluster: vitest.cluster.config.ts points their `../helpers/temporal` import here. The same test
// file then talks to the PostgreSQL-backed Temporal server, and its "worker" is two worker
// processes on the test's own task queue instead of one in-process worker.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { stopWorkerProcess } from '../../scripts/cluster/app-processes';
import type { Child } from '../../scripts/processes';
import { startTestCluster, type TestCluster } from './fixture';
import { TRUSTS_TEST_KEY } from '../workflows/fixtures';

const clusters = new WeakMap<TestWorkflowEnvironment, TestCluster>();

export async function startTestServer(): Promise<TestWorkflowEnvironment> {
  // plain payloads, as test/helpers/temporal.ts gives by default (the chaos tests run encrypted)
  const cluster = await startTestCluster({ workers: 0, env: { YUQING_ENCRYPTION: 'off' } });
  const env = await TestWorkflowEnvironment.createFromExistingServer({ address: cluster.cluster.address, namespace: 'default' });
  const teardown = env.teardown.bind(env);
  env.teardown = async () => {
    await teardown();
    await cluster.stop();
  };
  clusters.set(env, cluster);
  return env;
}

export interface WorkerOptions {
  taskQueue?: string;
  dataDir?: string;
  env?: NodeJS.ProcessEnv;
}

export async function startWorker(testEnv: TestWorkflowEnvironment, options: WorkerOptions = {}) {
  const cluster = clusters.get(testEnv);
  if (!cluster) throw new Error('startWorker needs the environment startTestServer returned');
  const taskQueue = options.taskQueue ?? `test-${randomUUID()}`;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'yuqing-test-'));
  const env = { ...TRUSTS_TEST_KEY, ...options.env, YUQING_TASK_QUEUE: taskQueue, YUQING_DATA_DIR: dataDir };
  const workers: Child[] = await Promise.all(['worker-1', 'worker-2'].map((name) => cluster.startWorker(`${name}-${taskQueue.slice(-6)}`, env)));
  return {
    taskQueue,
    dataDir,
    async stop() {
      await Promise.all(workers.map(stopWorkerProcess));
    },
  };
}
