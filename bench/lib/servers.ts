// The Temporal servers a benchmark can run against: the embedded dev server exactly as `npm start`
// runs it (a SQLite file with its pragmas), or the PostgreSQL-backed cluster exactly as
// `npm run cluster` runs it (the real server binary, 16 history shards, a private PostgreSQL),
// each fresh in the benchmark's temp folder so one run's data never slows the next.
import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startScratchCluster } from '../../scripts/cluster/scratch-cluster';
import { startFileDevServer } from '../../test/chaos/dev-server';
import type { Pids } from './cpu';

export const TARGETS = ['dev', 'cluster'] as const;
export type Target = (typeof TARGETS)[number];

export const TARGET_NAMES: Record<Target, string> = { dev: 'dev server', cluster: 'cluster' };

export interface BenchServer {
  target: Target;
  address: string;
  /** the server side's processes, for the CPU meter: one name each, as the results print them */
  pids(): Pids;
  /** what a result must say about the server to be compared with another */
  description: Record<string, unknown>;
  stop(): Promise<void>;
}

export async function startServer(target: Target, dir: string): Promise<BenchServer> {
  return target === 'dev' ? startDevServer(dir) : startClusterServer(dir);
}

async function startDevServer(dir: string): Promise<BenchServer> {
  console.log(`starting the dev server on ${join(dir, 'temporal.db')}`);
  const server = await startFileDevServer({ dir });
  return {
    target: 'dev',
    address: server.address,
    pids: () => ({ devServer: server.pid() }),
    description: { kind: 'temporal server start-dev (CLI v1.5.1, server 1.29.1)', db: 'SQLite file', sqlitePragmas: server.pragmas },
    stop: () => server.stop(),
  };
}

async function startClusterServer(dir: string): Promise<BenchServer> {
  const dataDir = join(dir, 'cluster');
  mkdirSync(dataDir);
  console.log(`starting the cluster (Temporal server on a private PostgreSQL in ${dataDir})`);
  const started = Date.now();
  // PostgreSQL runs as another account when the benchmark runs as root: it must reach the folder
  chmodSync(dir, 0o755);
  const cluster = await startScratchCluster({ dataDir, log: (line) => console.log(`  ${line}`) });
  console.log(`  cluster ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return {
    target: 'cluster',
    address: cluster.address,
    pids: () => ({ temporalServer: cluster.server.process.pid, postgres: cluster.privatePostgres?.pid && { tree: cluster.privatePostgres.pid } }),
    description: { kind: 'Temporal server 1.29.1 (npm run cluster)', db: 'PostgreSQL (private, loopback)', startupSeconds: cluster.timings },
    stop: () => cluster.stop(),
  };
}
