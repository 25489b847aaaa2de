// What every benchmark runs against: a fresh Temporal server (lib/servers.ts: the dev server as
// `npm start` runs it, or the cluster as `npm run cluster` runs it) and bench workers in processes
// of their own (bench/worker.ts), so the load generator in this process competes with them only
// for the CPU, as the API would.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { loadDataConverter, payloadKeysPath } from '../../codec/key-ring';
import { startWorkerProcess, type WorkerProcess } from '../../test/chaos/worker-process';
import { TRUSTS_TEST_KEY } from '../../test/workflows/fixtures';
import { PROJECT_ROOT } from '../../workers/bundle';
import { sdkDefaultCacheSize, type BenchWorkerSettings, type MemoryAnswer } from '../worker';
import { startServer, type BenchServer, type Target } from './servers';

export interface BenchWorker extends WorkerProcess {
  options: Record<string, unknown>;
  memory(): Promise<MemoryAnswer>;
}

export interface Stack {
  server: BenchServer;
  client: Client;
  dir: string;
  /** `nodeArgs`: extra flags for the worker's node (e.g. --cpu-prof) */
  startWorker(settings: Pick<BenchWorkerSettings, 'workflows'> & Partial<Omit<BenchWorkerSettings, 'address'>>, nodeArgs?: string[]): Promise<BenchWorker>;
  stop(): Promise<void>;
}

export async function startStack(target: Target = 'dev'): Promise<Stack> {
  const dir = mkdtempSync(join(tmpdir(), 'yuqing-bench-'));
  const server = await startServer(target, dir);
  // payloads encrypted as in production (YUQING_ENCRYPTION=off to compare): one key ring for this
  // process and every bench worker, which inherit the setting
  const dataConverter = loadDataConverter(dir, { YUQING_ENCRYPTION: process.env.YUQING_ENCRYPTION });
  const connection = await Connection.connect({ address: server.address });
  const client = new Client({ connection, dataConverter });
  const workers: WorkerProcess[] = [];
  let n = 0;
  return {
    server,
    client,
    dir,
    async startWorker(settings, nodeArgs = []) {
      const full: BenchWorkerSettings = {
        ...settings,
        address: server.address,
        taskQueue: settings.taskQueue ?? `bench-${++n}`,
        maxCachedWorkflows: settings.maxCachedWorkflows ?? sdkDefaultCacheSize(),
        // the SDK's own defaults, written out so the results say what they were measured with
        maxConcurrentWorkflowTaskExecutions: settings.maxConcurrentWorkflowTaskExecutions ?? 40,
        maxConcurrentActivityTaskExecutions: settings.maxConcurrentActivityTaskExecutions ?? 100,
      };
      const w = await startWorkerProcess({
        entry: 'bench/worker.ts',
        name: `worker-${n}`,
        nodeArgs: ['--expose-gc', ...nodeArgs],
        env: { ...TRUSTS_TEST_KEY, BENCH_WORKER: JSON.stringify(full), YUQING_DATA_DIR: join(dir, `data-${n}`), YUQING_PAYLOAD_KEYS: payloadKeysPath(dir) },
      });
      workers.push(w);
      // a worker stopped by its benchmark is not stopped again at the end
      void w.exited.then(() => workers.splice(workers.indexOf(w), 1));
      return { ...w, options: (w.ready as { options: Record<string, unknown> }).options, memory: () => w.request<MemoryAnswer>({ type: 'memory' }) };
    },
    async stop() {
      await Promise.all(workers.map((w) => w.stop()));
      await connection.close();
      await server.stop();
    },
  };
}

/** The production bundle (incidents and roll-ups) and the yardsticks' own bundle. */
export const INCIDENT_WORKFLOWS = 'workflows/index.ts';
export const TRIVIAL_WORKFLOWS = 'bench/workflows.ts';

