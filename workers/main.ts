// The worker process (`npm run worker`, or started by `npm start`): runs the incident workflows and
// their activities. It holds no state of its own, so any number of them can serve one task queue.
import { DefaultLogger, NativeConnection, Runtime, Worker, type LogLevel } from '@temporalio/worker';
import { createActivities } from '../activities';
import { loadActivityConfig } from '../config/channels';
import { ConfigError, loadEnv, temporalAddress, type Env } from '../config/env';
import { ensureWorkflowBundle } from './bundle';

/** how long in-flight activities may take to finish after SIGTERM (the launcher waits longer) */
const SHUTDOWN_GRACE_MS = 10_000;

const LOG_LEVELS: Record<Env['LOG_LEVEL'], LogLevel> = { debug: 'DEBUG', info: 'INFO', warn: 'WARN', error: 'ERROR' };

let env: Env;
let activities: ReturnType<typeof createActivities>;
try {
  env = loadEnv();
  activities = createActivities(loadActivityConfig(env));
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}

// The runtime's default signal handling (SIGINT, SIGTERM) shuts the worker down gracefully:
// it stops polling, lets running tasks finish within the grace time, then `run()` resolves.
Runtime.install({ logger: new DefaultLogger(LOG_LEVELS[env.LOG_LEVEL]) });

const { codePath } = await ensureWorkflowBundle();
const address = temporalAddress(env);
const connection = await NativeConnection.connect({ address });
const worker = await Worker.create({
  connection,
  namespace: env.TEMPORAL_NAMESPACE,
  taskQueue: env.YUQING_TASK_QUEUE,
  workflowBundle: { codePath },
  activities,
  shutdownGraceTime: SHUTDOWN_GRACE_MS,
});

// Started by the launcher, we hold an IPC channel to it: if the launcher dies without stopping us,
// the channel closes and we leave too, instead of polling on as an orphan.
process.on('disconnect', () => {
  if (worker.getState() === 'RUNNING') worker.shutdown();
});

const running = worker.run();
console.log(`worker ready: task queue ${env.YUQING_TASK_QUEUE}, namespace ${env.TEMPORAL_NAMESPACE}, ${address}`);
process.send?.('ready');
await running;
await connection.close();
