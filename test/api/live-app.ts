// The app against a real Temporal dev server and a real worker with the real activities, on a
// task queue of its own (test/helpers/temporal.ts).
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { AppDeps } from '../../api/deps';
import { type RunningWorker, startTestServer, startWorker, type TestServerOptions } from '../helpers/temporal';
import { baseDeps, listen, testUsers, type Listening } from './harness';

export interface LiveApp extends Listening {
  env: TestWorkflowEnvironment;
  worker: RunningWorker;
  teardown(): Promise<void>;
}

/** A dev server, a worker on its own task queue, and the app listening on a free port. */
export async function startLiveApp(opts: { server?: TestServerOptions; deps?: Partial<AppDeps> } = {}): Promise<LiveApp> {
  const env = await startTestServer(opts.server);
  const worker = await startWorker(env);
  const app = await listen(baseDeps(env.client, await testUsers(), { taskQueue: worker.taskQueue, dataDir: worker.dataDir, ...opts.deps }));
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

