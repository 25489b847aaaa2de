// A self-hosted Temporal cluster without Docker: PostgreSQL (the one named by YUQING_PG_URL, or a
// private one), both schemas at the server's version, the Temporal server, the namespace and search
// attributes, and optionally the Temporal UI. Used by `npm run cluster`, the cluster tests and the
// benchmark; it starts no worker and no API, so each caller runs its own.
import { freePort } from '../ports';
import { join } from 'node:path';
import type { Child } from '../processes';
import { resolveGoBinary, type GoBinary } from '../temporal-cli';
import { TEMPORAL_SERVER, TEMPORAL_SQL_TOOL, TEMPORAL_UI_SERVER } from './binaries';
import type { ServerPorts } from './ports';
import { PrivatePostgres } from './postgres';
import { ensureSchemas, findSchemaDir, type SchemaReport } from './schema';
import { uiSettingsEnv, type ClusterEnv, type PgTarget } from './settings';
import { ensureNamespace, startTemporalServer, stopTemporalServer, waitForTemporalServer } from './temporal-server';
import { startUiServer, stopUiServer, waitForUi } from './ui-server';

export interface ClusterOptions {
  projectRoot: string;
  /** absolute; the private PostgreSQL lives in <dataDir>/pg, the server's log in <dataDir>/logs */
  dataDir: string;
  ports: ServerPorts;
  /** no UI when unset (tests and benchmarks need none) */
  uiPort?: number;
  /** the API's codec server, so the UI shows decrypted payloads to a signed-in person */
  codecEndpoint?: string;
  namespace: string;
  searchAttributes: Record<string, string>;
  settings: ClusterEnv;
  /** PATH, caches and the binaries' own variables are read from here */
  env: NodeJS.ProcessEnv;
  log: (line: string) => void;
}

export interface RunningCluster {
  address: string;
  namespace: string;
  uiUrl?: string;
  pg: PgTarget;
  /** set when this cluster runs its own PostgreSQL */
  privatePostgres?: PrivatePostgres;
  /** the server process now running (a new one after restartServer) */
  server: Child;
  schema: SchemaReport;
  /** seconds each phase took, for the closing note and the benchmark */
  timings: Record<string, number>;
  restartServer(): Promise<void>;
  /** UI, then the server, then the private PostgreSQL */
  stop(): Promise<void>;
}

export async function startCluster(o: ClusterOptions): Promise<RunningCluster> {
  const timings: Record<string, number> = {};
  const phase = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const started = Date.now();
    const result = await work();
    timings[name] = (Date.now() - started) / 1000;
    return result;
  };
  const binary = async (spec: GoBinary) => (await resolveGoBinary(spec, { env: o.env, log: o.log })).path;
  const { server, sqlTool, ui } = await phase('binaries', async () => ({
    server: await binary(TEMPORAL_SERVER),
    sqlTool: await binary(TEMPORAL_SQL_TOOL),
    ui: o.uiPort === undefined ? undefined : await binary(TEMPORAL_UI_SERVER),
  }));

  const stack: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const step of stack.splice(0).reverse()) await step();
  };
  try {
    let privatePostgres: PrivatePostgres | undefined;
    let pg = o.settings.YUQING_PG_URL;
    if (!pg) {
      privatePostgres = new PrivatePostgres({ dir: join(o.dataDir, 'pg'), port: await freePort(), binDir: o.settings.YUQING_PG_BIN, osUser: o.settings.YUQING_PG_OS_USER, log: o.log });
      const started = privatePostgres;
      await phase('postgres', () => started.start());
      stack.push(() => started.stop());
      pg = privatePostgres.target;
    }
    const target = pg;
    o.log(`PostgreSQL ${target.host}:${target.port}: checking the Temporal schemas`);
    const schemaDir = await findSchemaDir(o.env);
    const schema = await phase('schema', () => ensureSchemas({ sqlTool, target, schemaDir, log: o.log }));

    const address = `127.0.0.1:${o.ports.TEMPORAL_PORT}`;
    const logFile = join(o.dataDir, 'logs', 'temporal-server.log');
    const serverOptions = { binary: server, projectRoot: o.projectRoot, ports: o.ports, pg: target, logLevel: o.settings.TEMPORAL_LOG_LEVEL, logFile };
    o.log(`starting the Temporal server on ${address} (log: ${logFile})`);
    const cluster: RunningCluster = {
      address,
      namespace: o.namespace,
      pg: target,
      privatePostgres,
      server: startTemporalServer(serverOptions),
      schema,
      timings,
      async restartServer() {
        await stopTemporalServer(cluster.server);
        cluster.server = startTemporalServer(serverOptions);
        await waitForTemporalServer(cluster.server, address, logFile);
      },
      stop,
    };
    stack.push(() => stopTemporalServer(cluster.server));
    await phase('server', () => waitForTemporalServer(cluster.server, address, logFile));
    await phase('namespace', () =>
      ensureNamespace({ address, namespace: o.namespace, retentionHours: o.settings.YUQING_NAMESPACE_RETENTION, searchAttributes: o.searchAttributes, log: o.log }),
    );
    if (ui && o.uiPort !== undefined) {
      const uiUrl = `http://127.0.0.1:${o.uiPort}`;
      const child = startUiServer({ binary: ui, projectRoot: o.projectRoot, temporalAddress: address, namespace: o.namespace, port: o.uiPort, settings: uiSettingsEnv(o.settings, o.codecEndpoint) });
      stack.push(() => stopUiServer(child));
      await phase('ui', () => waitForUi(child, uiUrl));
      cluster.uiUrl = uiUrl;
    }
    return cluster;
  } catch (error) {
    await stop();
    throw error;
  }
}

