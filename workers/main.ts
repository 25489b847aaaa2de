// The worker process (`npm run worker`, or started by `npm start`): runs the incident workflows and
// their activities. It holds no state of its own, so any number of them can serve one task queue.
import { Client } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { NativeConnection, Runtime, Worker, type LogLevel, type RuntimeOptions } from '@temporalio/worker';
import { createActivities } from '../activities';
import { createFeedActivities } from '../activities/feeds';
import { createRollupActivities } from '../activities/rollup';
import { DEFAULT_UTC_OFFSET_MINUTES } from '../domain/rules/calendar';
import { loadDataConverter } from '../codec/key-ring';
import { loadActivityConfig, type ActivityConfig } from '../config/channels';
import { ConfigError, loadEnv, temporalAddress, type Env } from '../config/env';
import { type FeedsConfig, loadFeedsConfig } from '../config/feeds';
import { temporalConnectionOptions, type TemporalConnectionOptions } from '../ops/connection';
import { createLogger, logFormat, sdkLevel, type AppLogger } from '../ops/logger';
import { workerTelemetry } from '../ops/worker-telemetry';
import { ensureWorkflowBundle } from './bundle';
import { ensureFeedSchedule } from './feed-schedule';
import { ensureRollupSchedules } from './schedules';
import { scriptOf } from '../domain/script';

/** how long in-flight activities may take to finish after SIGTERM (the launcher waits longer) */
const SHUTDOWN_GRACE_MS = 10_000;
/** how long to wait for Temporal to come up: the launcher starts us alongside its server */
const CONNECT_TIMEOUT_MS = 60_000;
/** the gRPC status a server answers with while it cannot serve yet */
const GRPC_UNAVAILABLE = 14;

// The SDK's INFO lines are lifecycle chatter (each worker state change, several lines apiece) that
// buries the launcher's ready block; our own ready line says the same once.
const SDK_LOG_LEVELS: Record<Env['LOG_LEVEL'], LogLevel> = { debug: 'DEBUG', info: 'WARN', warn: 'WARN', error: 'ERROR' };

let env: Env;
let config: ActivityConfig;
let activities: ReturnType<typeof createActivities>;
let feeds: FeedsConfig | undefined;
let logger: AppLogger;
let telemetry: Pick<RuntimeOptions, 'logger' | 'telemetryOptions'>;
let connectionOptions: TemporalConnectionOptions;
let dataConverter: DataConverter | undefined;
try {
  env = loadEnv();
  const sdk = { service: 'worker', level: SDK_LOG_LEVELS[env.LOG_LEVEL], format: logFormat() };
  logger = createLogger({ ...sdk, level: sdkLevel(env.LOG_LEVEL) });
  telemetry = workerTelemetry(createLogger(sdk), sdk.level);
  connectionOptions = temporalConnectionOptions(env);
  config = loadActivityConfig(env);
  dataConverter = loadDataConverter(config.dataDir, process.env, { worker: true });
  activities = createActivities(config);
  feeds = loadFeedsConfig(env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}

// Signals are ours, not the runtime's: before the worker exists there is nothing in flight and
// the process leaves at once; after, shutdown() stops polling, lets running tasks finish within
// the grace time, and run() resolves. Started by the launcher we also hold an IPC channel to it:
// if the launcher dies without stopping us, the channel closes and we leave the same way instead
// of polling on as an orphan (unreferenced, so the channel alone keeps nothing alive).
let worker: Worker | undefined;
const stop = () => {
  if (!worker) process.exit(0);
  if (worker.getState() === 'RUNNING') worker.shutdown();
};
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, stop);
process.channel?.unref();
process.on('disconnect', stop);

Runtime.install({ ...telemetry, shutdownSignals: [] });

const bundleStarted = Date.now();
const { codePath, rebuilt } = await ensureWorkflowBundle();
if (rebuilt) logger.info(`workflow code changed: bundled in ${((Date.now() - bundleStarted) / 1000).toFixed(1)}s`);
const address = temporalAddress(env);
const connection = await connectWhenReady(connectionOptions, env.TEMPORAL_NAMESPACE);
// the roll-ups read incidents through visibility and queries, so their activities need a client
const client = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE, dataConverter });
await whileServerStarts('the roll-up Schedules', () => ensureRollupSchedules(client, { taskQueue: env.YUQING_TASK_QUEUE, utcOffsetMinutes: DEFAULT_UTC_OFFSET_MINUTES, script: scriptOf(config.organisation.language) }));
await whileServerStarts('the feed Schedule', () => ensureFeedSchedule(client, { taskQueue: env.YUQING_TASK_QUEUE, feeds, script: scriptOf(config.organisation.language) }));
worker = await Worker.create({
  connection,
  namespace: env.TEMPORAL_NAMESPACE,
  taskQueue: env.YUQING_TASK_QUEUE,
  workflowBundle: { codePath },
  // the codec runs here in the worker, outside the workflow sandbox: workflow code sees plain values
  dataConverter,
  activities: { ...activities, ...createRollupActivities({ ...config, client }), ...createFeedActivities(feeds) },
  shutdownGraceTime: SHUTDOWN_GRACE_MS,
  maxCachedWorkflows: env.YUQING_MAX_CACHED_WORKFLOWS,
});
const running = worker.run();
logger.info('worker ready', { taskQueue: env.YUQING_TASK_QUEUE, namespace: env.TEMPORAL_NAMESPACE, address });
process.send?.('ready');
await running;
await connection.close();

/**
 * A cluster's frontend answers before its history hosts have joined ("Not enough hosts to serve the
 * request", gRPC UNAVAILABLE), e.g. just after a restore: what the worker sets up at start is tried
 * again until the server serves, within the time a connection is given.
 */
async function whileServerStarts<T>(what: string, call: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + CONNECT_TIMEOUT_MS;
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const code = (error as { cause?: { code?: number } }).cause?.code;
      if (code !== GRPC_UNAVAILABLE || Date.now() > deadline) throw error;
      if (attempt === 0) logger.info(`Temporal is still starting; setting up ${what} again shortly`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

// Polling a namespace that does not exist yet fails the worker, so "ready" means the namespace
// answers, not merely that the port accepts connections.
async function connectWhenReady(options: TemporalConnectionOptions, namespace: string): Promise<NativeConnection> {
  const deadline = Date.now() + CONNECT_TIMEOUT_MS;
  for (let attempt = 0; ; attempt++) {
    let connection: NativeConnection | undefined;
    try {
      connection = await NativeConnection.connect(options);
      await connection.workflowService.describeNamespace({ namespace });
      return connection;
    } catch (error) {
      await connection?.close();
      if (Date.now() > deadline) throw error;
      if (attempt === 10) logger.info(`waiting for Temporal namespace ${namespace} at ${options.address}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
