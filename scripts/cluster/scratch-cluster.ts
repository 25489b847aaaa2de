// A throwaway cluster for the tests and the benchmark: its own folder (PostgreSQL included, unless
// YUQING_PG_URL names one), free ports, the default namespace with Yuqing's search attributes.
import { chmodSync } from 'node:fs';
import { SEARCH_ATTRIBUTES } from '../../config/env';
import { PROJECT_ROOT } from '../../workers/bundle';
import { freeServerBase, serverPorts } from './ports';
import { loadClusterEnv } from './settings';
import { startCluster, type RunningCluster } from './start-cluster';

export async function startScratchCluster(o: { dataDir: string; clusterEnv?: NodeJS.ProcessEnv; log?: (line: string) => void }): Promise<RunningCluster> {
  // mkdtemp makes a folder private; PostgreSQL runs as another account when we run as root
  chmodSync(o.dataDir, 0o755);
  return startCluster({
    projectRoot: PROJECT_ROOT,
    dataDir: o.dataDir,
    ports: serverPorts(await freeServerBase()),
    namespace: 'default',
    searchAttributes: SEARCH_ATTRIBUTES,
    settings: loadClusterEnv({ TEMPORAL_LOG_LEVEL: 'error', ...o.clusterEnv }),
    env: process.env,
    log: o.log ?? (() => undefined),
  });
}
