// The app against a real Temporal dev server and a real worker with the real activities, on a
// task queue of its own (test/helpers/temporal.ts).
import { Client } from '@temporalio/client';
import type { EncryptionCodec } from '../../codec/encryption';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { AppDeps } from '../../api/deps';
import { type RunningWorker, startTestServer, startWorker, type TestServerOptions } from '../helpers/temporal';
import { baseDeps, listen, testUsers, type Listening } from './harness';

export interface LiveApp extends Listening {
  env: TestWorkflowEnvironment;
  worker: RunningWorker;
  teardown(): Promise<void>;
}

/**
 * A dev server, a worker on its own task queue, and the app listening on a free port (or `port`).
 * With `codec`, the worker and the API's client encrypt as they do with YUQING_ENCRYPTION=on;
 * `workerEnv` holds the activities' settings (a notify file and its secrets).
 */
export async function startLiveApp(
  opts: { server?: TestServerOptions; deps?: Partial<AppDeps>; codec?: EncryptionCodec; port?: number; workerEnv?: NodeJS.ProcessEnv } = {},
): Promise<LiveApp> {
  const env = await startTestServer(opts.server);
  const worker = await startWorker(env, { codec: opts.codec, env: opts.workerEnv });
  const client = opts.codec ? new Client({ connection: env.connection, namespace: env.namespace, dataConverter: { payloadCodecs: [opts.codec] } }) : env.client;
  const app = await listen(baseDeps(client, await testUsers(), { taskQueue: worker.taskQueue, dataDir: worker.dataDir, ...opts.deps }), opts.port);
  return {
    ...app,
    env,
    worker,
    async teardown() {
      await app.close();
      await worker.stop();
      await env.teardown();
    },
  };
}

