// `npm run cluster [-- --workers N]`: Yuqing on a self-hosted Temporal cluster without Docker.
// PostgreSQL (YUQING_PG_URL, or a private one in data/pg), the real Temporal server and the
// standalone Temporal UI, then N worker processes and the API, and the same ready block as
// `npm start`; a worker or the API that dies is started again (scripts/supervision.ts). Ctrl-C
// stops them in order: the API stops accepting, the workers drain, then the UI, the server and the
// private PostgreSQL; a second run finds every incident of the first.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { encryptionEnabled } from '../codec/key-ring';
import { ConfigError, parseSettings, loadEnv, publicUrl, SEARCH_ATTRIBUTES } from '../config/env';
import {
  AppProcessError,
  apiReady,
  startApiProcess,
  startWorkerProcess,
  stopApiProcess,
  stopWorkerProcess,
  workerReady,
  type AppProcessOptions,
} from './cluster/app-processes';
import { SERVER_VERSION } from './cluster/binaries';
import { serverPortClaims, serverPorts } from './cluster/ports';
import { PostgresError } from './cluster/postgres';
import { SchemaError } from './cluster/schema';
import { loadClusterEnv } from './cluster/settings';
import { startCluster, type RunningCluster } from './cluster/start-cluster';
import { TemporalServerError } from './cluster/temporal-server';
import { UiServerError } from './cluster/ui-server';
import { assertPortsFree, PortInUseError } from './ports';
import type { Child } from './processes';
import { policySections, readyBlock } from './ready-block';
import { supervise } from './supervision';
import { BinaryNotFoundError } from './temporal-cli';
import { PROJECT_ROOT } from '../workers/bundle';

const Args = z.object({
  workers: z.coerce.number().int().min(1, 'at least 1').max(16, 'at most 16 on one machine').default(2),
});
const MetricsPort = z.object({
  /** the first worker's Prometheus port; the next workers take the following ones */
  YUQING_WORKER_METRICS_PORT: z.coerce.number().int().min(1024).max(65_000).default(9464),
});

let cluster: RunningCluster | undefined;
const apps: Child[] = [];
let stopping: Promise<never> | undefined;

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(0));

try {
  await main();
} catch (error) {
  const known = [ConfigError, PortInUseError, BinaryNotFoundError, PostgresError, SchemaError, TemporalServerError, UiServerError, AppProcessError];
  console.error(known.some((k) => error instanceof k) ? (error as Error).message : error);
  await shutdown(1);
}

async function main(): Promise<void> {
  const started = Date.now();
  const env = loadEnv();
  const settings = loadClusterEnv();
  const args = parse();
  // before anything starts: a wrong value in the policy or calendar file stops here, naming its line
  const policy = policySections(env, new Date());
  const { YUQING_WORKER_METRICS_PORT: firstMetricsPort } = parseSettings(MetricsPort, process.env);
  if (env.TEMPORAL_ADDRESS) {
    throw new ConfigError(`TEMPORAL_ADDRESS=${env.TEMPORAL_ADDRESS} names an existing cluster: \`npm start\` runs the worker and the API against it; \`npm run cluster\` starts a cluster of its own.`);
  }
  const ports = serverPorts(env.TEMPORAL_PORT);
  const metricsPorts = Array.from({ length: args.workers }, (_, i) => firstMetricsPort + i);
  await assertPortsFree(env.YUQING_HOST, [{ port: env.PORT, envVar: 'PORT', purpose: 'web form and API' }]);
  await assertPortsFree('127.0.0.1', [
    ...serverPortClaims(ports),
    { port: env.TEMPORAL_UI_PORT, envVar: 'TEMPORAL_UI_PORT', purpose: 'Temporal UI' },
    ...metricsPorts.map((port) => ({ port, envVar: 'YUQING_WORKER_METRICS_PORT', purpose: 'worker metrics' })),
  ]);

  const dataDir = resolve(env.YUQING_DATA_DIR);
  cluster = await startCluster({
    projectRoot: PROJECT_ROOT,
    dataDir,
    ports,
    uiPort: env.TEMPORAL_UI_PORT,
    codecEndpoint: encryptionEnabled() ? `${publicUrl(env)}/codec` : undefined,
    namespace: env.TEMPORAL_NAMESPACE,
    searchAttributes: SEARCH_ATTRIBUTES,
    settings,
    env: process.env,
    log: (line) => console.log(line),
  });

  console.log(`starting ${args.workers} worker${args.workers > 1 ? 's' : ''} and the API`);
  const options: AppProcessOptions = {
    projectRoot: PROJECT_ROOT,
    env: { ...process.env, TEMPORAL_ADDRESS: cluster.address, YUQING_DATA_DIR: dataDir },
  };
  const apiUrl = `http://${env.YUQING_HOST === '0.0.0.0' ? '127.0.0.1' : env.YUQING_HOST}:${env.PORT}`;
  const kinds = [
    { start: () => startApiProcess(options), ready: (c: Child) => apiReady(c, `${apiUrl}/healthz`) },
    ...metricsPorts.map((port, i) => ({ start: () => startWorkerProcess(options, `worker-${i + 1}`, `127.0.0.1:${port}`), ready: workerReady })),
  ];
  apps.push(...kinds.map((k) => k.start()));
  await Promise.all(apps.map((child, i) => kinds[i]!.ready(child)));
  // a dead worker or API is started again; the slot keeps the stop order (API first, then workers)
  apps.forEach((first, i) =>
    supervise({ first, ...kinds[i]!, stopping: () => stopping !== undefined, onStart: (fresh) => (apps[i] = fresh), log: (line) => console.error(line) }),
  );

  const pgWhere = cluster.privatePostgres ? `private, data in ${env.YUQING_DATA_DIR}/pg` : 'YUQING_PG_URL';
  const block = readyBlock({ ...env, TEMPORAL_ADDRESS: cluster.address }, 'cluster', [
    ...policy,
    {
      title: `Cluster (ready in ${((Date.now() - started) / 1000).toFixed(1)}s)`,
      lines: [
        `Temporal server ${SERVER_VERSION} on PostgreSQL ${cluster.pg.host}:${cluster.pg.port} (${pgWhere})`,
        `${args.workers} workers, metrics on ${metricsPorts.map((p) => `http://127.0.0.1:${p}/metrics`).join(' ')}`,
        `API metrics ${apiUrl}/metrics, Temporal server metrics http://127.0.0.1:${ports.TEMPORAL_METRICS_PORT}/metrics`,
      ],
    },
  ]);
  console.log(`\n${block}\n`);
}

function parse(): z.infer<typeof Args> {
  const { values } = parseArgs({ options: { workers: { type: 'string' } }, strict: true });
  return parseSettings(Args, values, '--');
}

/** Idempotent: a second Ctrl-C while stopping waits for the same orderly stop. */
function shutdown(code: number): Promise<never> {
  stopping ??= (async () => {
    const since = Date.now();
    const [api, ...workers] = apps;
    // the workers may take their grace time to finish activities: say what the wait is for
    if (api) {
      console.log('stopping the API');
      await stopApiProcess(api);
    }
    if (workers.length) {
      console.log(`stopping ${workers.length} worker${workers.length > 1 ? 's' : ''}`);
      await Promise.all(workers.map(stopWorkerProcess));
    }
    if (cluster) {
      console.log(`stopping the Temporal UI, the server${cluster.privatePostgres ? ' and the private PostgreSQL' : ''}`);
      await cluster.stop();
      console.log(`stopped in ${((Date.now() - since) / 1000).toFixed(1)}s`);
    }
    process.exit(code);
  })();
  return stopping;
}
