// Integration tests run on a real Temporal dev server (the same binary `npm start` resolves) and a
// real worker with the real activities writing to a temp folder. One server per test file, started
// in beforeAll; each worker gets its own task queue, so tests in one file cannot steal each other's
// tasks. The workflow bundle is built once per run (global-setup.ts) and only read here.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll } from 'vitest';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { createFeedActivities } from '../../activities/feeds';
import { createRollupActivities } from '../../activities/rollup';
import { loadActivityConfig } from '../../config/channels';
import { loadEnv, SEARCH_ATTRIBUTES } from '../../config/env';
import type { EncryptionCodec } from '../../codec/encryption';
import { codecDataConverter } from '../../codec/key-ring';
import { loadFeedsConfig } from '../../config/feeds';
import { searchAttributeArgs } from '../../scripts/dev-server';
import { resolveTemporalCli } from '../../scripts/temporal-cli';
import { ensureWorkflowBundle } from '../../workers/bundle';
import { TRUSTS_TEST_KEY } from '../workflows/fixtures';

// The SDK's INFO lines (each worker state change, several lines apiece) drown the test report.
Runtime.install({ logger: new DefaultLogger('WARN') });

export interface TestServerOptions {
  /** persist to this SQLite file (tests that restart the server); in memory by default */
  dbFilename?: string;
  extraArgs?: string[];
  /** serve the Temporal Web UI on this port (browser tests); headless by default */
  uiPort?: number;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestWorkflowEnvironment> {
  const { path } = await resolveTemporalCli({ env: process.env, log: (line) => console.log(line) });
  return TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path },
      dbFilename: options.dbFilename,
      ...(options.uiPort ? { ui: true, uiPort: options.uiPort } : {}),
      // warn prints a page of connection noise at every shutdown
      log: { format: 'pretty', level: 'error' },
      extraArgs: [...searchAttributeArgs(SEARCH_ATTRIBUTES), ...(options.extraArgs ?? [])],
    },
  });
}

export interface WorkerOptions {
  taskQueue?: string;
  /** where the activities write documents, releases and their ledger; a fresh temp dir by default */
  dataDir?: string;
  /** settings for the activities (e.g. YUQING_NOTIFY_WEBHOOK_URL), as the worker reads them from its environment */
  env?: NodeJS.ProcessEnv;
  /** encrypt payloads as workers/main.ts does with YUQING_ENCRYPTION=on; plain by default */
  codec?: EncryptionCodec;
  /** a workflow bundle built from other code (an earlier release's); the current code's by default */
  bundle?: string;
}

export interface RunningWorker {
  worker: Worker;
  taskQueue: string;
  dataDir: string;
  /** graceful shutdown; rethrows if the worker failed while running */
  stop(): Promise<void>;
}

export async function startWorker(testEnv: TestWorkflowEnvironment, options: WorkerOptions = {}): Promise<RunningWorker> {
  const taskQueue = options.taskQueue ?? `test-${randomUUID()}`;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'yuqing-test-'));
  const settings = { ...TRUSTS_TEST_KEY, ...options.env, YUQING_DATA_DIR: dataDir };
  const env = loadEnv(settings);
  const config = loadActivityConfig(env, settings);
  const codePath = options.bundle ?? (await ensureWorkflowBundle()).codePath;
  const codec = options.codec;
  const client = codec ? new Client({ connection: testEnv.connection, namespace: testEnv.namespace, dataConverter: { payloadCodecs: [codec] } }) : testEnv.client;
  const worker = await Worker.create({
    connection: testEnv.nativeConnection,
    namespace: testEnv.namespace ?? 'default',
    taskQueue,
    workflowBundle: { codePath },
    // as workers/main.ts: what the worker cannot decrypt reaches the workflow as a marker
    dataConverter: codec && codecDataConverter(codec, { worker: true }),
    // as workers/main.ts registers them
    activities: { ...createActivities(config), ...createRollupActivities({ ...config, client }), ...createFeedActivities(loadFeedsConfig(env, settings)) },
  });
  const running = worker.run();
  return {
    worker,
    taskQueue,
    dataDir,
    async stop() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
    },
  };
}

/**
 * One dev server and one worker for a test file, started before its tests and stopped after:
 * the getters are read inside tests, once beforeAll has run.
 */
export function useServerAndWorker(options: WorkerOptions = {}): { env: () => TestWorkflowEnvironment; worker: () => RunningWorker } {
  let env: TestWorkflowEnvironment | undefined;
  let worker: RunningWorker | undefined;
  beforeAll(async () => {
    env = await startTestServer();
    worker = await startWorker(env, options);
  });
  afterAll(async () => {
    await worker?.stop();
    await env?.teardown();
  });
  return { env: () => env!, worker: () => worker! };
}
