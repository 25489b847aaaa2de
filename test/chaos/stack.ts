// The system as deployed, for crash tests: the dev server on a SQLite file and the real worker
// process (`workers/main.ts`) with its environment pointing at it and a temp data dir, each of
// which a test can SIGKILL and start again.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { loadDataConverter, payloadKeysPath } from '../../codec/key-ring';
import { startFileDevServer, type FileDevServer } from './dev-server';
import { TRUSTS_TEST_KEY } from '../workflows/fixtures';
import { startWorkerProcess, type WorkerProcess } from './worker-process';

export interface ChaosStack {
  server: FileDevServer;
  client: Client;
  taskQueue: string;
  dataDir: string;
  /** the payload key ring the worker encrypts with, for other processes (the API) to share */
  payloadKeys: string;
  worker(): WorkerProcess;
  /** a new worker process on the same task queue and data dir (the old one must be gone) */
  startWorker(): Promise<WorkerProcess>;
  stop(): Promise<void>;
}

/** `env`: the worker's activity settings (webhook URLs, publish channel). */
export async function startChaosStack(env: NodeJS.ProcessEnv = {}): Promise<ChaosStack> {
  const dir = mkdtempSync(join(tmpdir(), 'yuqing-chaos-'));
  const server = await startFileDevServer({ dir });
  const taskQueue = `chaos-${randomUUID()}`;
  const dataDir = join(dir, 'data');
  // payloads are encrypted as in production: this creates the key ring the worker then reads
  const dataConverter = loadDataConverter(dataDir, {});
  const payloadKeys = payloadKeysPath(dataDir);
  const workerEnv = { ...TRUSTS_TEST_KEY, ...env, TEMPORAL_ADDRESS: server.address, YUQING_TASK_QUEUE: taskQueue, YUQING_DATA_DIR: dataDir, YUQING_PAYLOAD_KEYS: payloadKeys };
  let current: WorkerProcess;
  try {
    current = await startWorkerProcess({ env: workerEnv });
  } catch (error) {
    await server.stop();
    throw error;
  }
  const connection = await Connection.connect({ address: server.address });
  return {
    server,
    client: new Client({ connection, dataConverter }),
    taskQueue,
    dataDir,
    payloadKeys,
    worker: () => current,
    async startWorker() {
      current = await startWorkerProcess({ env: workerEnv });
      return current;
    },
    async stop() {
      await current.stop();
      await connection.close();
      await server.stop();
    },
  };
}
