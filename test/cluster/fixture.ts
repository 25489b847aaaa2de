// A whole Yuqing cluster for one test file: a private PostgreSQL, the real Temporal server, N worker
// processes and optionally the API process, all from the same code as `npm run cluster`, on free
// ports and in a temp folder. The worker and API lines are captured (JSON) for log assertions.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { loadDataConverter } from '../../codec/key-ring';
import { hashToken } from '../../api/auth/secrets';
import { apiReady, startApiProcess, startWorkerProcess, stopApiProcess, stopWorkerProcess, workerReady } from '../../scripts/cluster/app-processes';
import { freePort } from '../../scripts/ports';
import { startScratchCluster } from '../../scripts/cluster/scratch-cluster';
import type { RunningCluster } from '../../scripts/cluster/start-cluster';
import type { Child } from '../../scripts/processes';
import { PROJECT_ROOT } from '../../workers/bundle';
import { TEST_KEY, TRUSTS_TEST_KEY } from '../workflows/fixtures';

export interface TestClusterOptions {
  workers: number;
  api?: boolean;
  taskQueue?: string;
  /** extra settings for the worker and API processes (publish webhook, log level …) */
  env?: NodeJS.ProcessEnv;
  /** the cluster's own settings (scripts/cluster/settings.ts), e.g. YUQING_PG_URL */
  clusterEnv?: NodeJS.ProcessEnv;
  /** an existing data folder (its private PostgreSQL included) instead of a new temp one */
  dataDir?: string;
}

export interface TestCluster {
  cluster: RunningCluster;
  client: Client;
  dataDir: string;
  taskQueue: string;
  workers: Child[];
  /** `http://127.0.0.1:<port>/metrics` of each worker, by worker name */
  workerMetrics: Map<string, string>;
  api?: { child: Child; url: string; token: string };
  /** every stdout line of the workers and the API, oldest first */
  lines: { from: string; line: string }[];
  /** another worker process; `env` overrides the cluster's settings (e.g. its own task queue) */
  startWorker(name: string, env?: NodeJS.ProcessEnv): Promise<Child>;
  stop(): Promise<void>;
}

/** the one API user of the tests: every role, so any decision can be sent */
export const API_TOKEN = 'yq_cluster-test-token-0123456789';

export async function startTestCluster(o: TestClusterOptions): Promise<TestCluster> {
  const dataDir = o.dataDir ?? mkdtempSync(join(tmpdir(), 'yuqing-cluster-'));
  const taskQueue = o.taskQueue ?? 'yuqing-incidents';
  const cluster = await startScratchCluster({ dataDir, clusterEnv: o.clusterEnv });
  const lines: TestCluster['lines'] = [];
  const usersFile = join(dataDir, 'users.json');
  writeFileSync(usersFile, JSON.stringify({ users: [{ name: 'tester', displayName: '测试员', roles: ['monitor', 'handler', 'approver', 'admin'], tokenHash: hashToken(API_TOKEN) }] }));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LOG_LEVEL: 'info',
    ...o.env,
    TEMPORAL_ADDRESS: cluster.address,
    TEMPORAL_NAMESPACE: 'default',
    YUQING_TASK_QUEUE: taskQueue,
    YUQING_DATA_DIR: dataDir,
    YUQING_USERS_FILE: usersFile,
    // the API signs as the scripted duty team and the workers trust that key, so incidents started
    // through the API and those the tests start straight in Temporal are both the organisation's
    YUQING_SIGNING_KEY: TEST_KEY.privateKey,
    YUQING_SIGNING_KEY_ID: TEST_KEY.keyId,
    YUQING_TRUSTED_KEYS: TRUSTS_TEST_KEY.YUQING_TRUSTED_KEYS,
  };
  // kept for the log assertions; errors are shown too, they explain a failing test
  const capture = (from: string) => (line: string) => {
    lines.push({ from, line });
    if (line.includes('"level":"error"')) process.stderr.write(`[${from}] ${line}\n`);
    return true;
  };
  const workerMetrics = new Map<string, string>();
  const workers: Child[] = [];
  const startWorker = async (name: string, overrides: NodeJS.ProcessEnv = {}) => {
    const port = await freePort();
    const child = startWorkerProcess({ projectRoot: PROJECT_ROOT, env: { ...env, ...overrides }, onStdout: capture(name) }, name, `127.0.0.1:${port}`);
    workers.push(child);
    workerMetrics.set(name, `http://127.0.0.1:${port}/metrics`);
    await workerReady(child);
    return child;
  };
  let api: TestCluster['api'];
  try {
    const apiStart = o.api ? startTestApi(env, capture('api')) : undefined;
    await Promise.all(Array.from({ length: o.workers }, (_, i) => startWorker(`worker-${i + 1}`)));
    api = await apiStart;
  } catch (error) {
    await Promise.all(workers.map(stopWorkerProcess));
    await cluster.stop();
    throw error;
  }
  const connection = await Connection.connect({ address: cluster.address });
  // the processes encrypt payloads with the key ring they created in the data dir (unless
  // YUQING_ENCRYPTION=off): the tests' client reads it, as the API does
  const dataConverter = loadDataConverter(dataDir, env);
  return {
    cluster,
    client: new Client({ connection, namespace: 'default', dataConverter }),
    dataDir,
    taskQueue,
    workers,
    workerMetrics,
    api,
    lines,
    startWorker,
    async stop() {
      await connection.close();
      if (api) await stopApiProcess(api.child);
      await Promise.all(workers.map(stopWorkerProcess));
      await cluster.stop();
    },
  };
}

async function startTestApi(env: NodeJS.ProcessEnv, onStdout: (line: string) => boolean): Promise<TestCluster['api']> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = startApiProcess({ projectRoot: PROJECT_ROOT, env: { ...env, PORT: String(port), YUQING_HOST: '127.0.0.1' }, onStdout });
  await apiReady(child, `${url}/healthz`);
  return { child, url, token: API_TOKEN };
}
