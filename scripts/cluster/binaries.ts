// The self-hosted cluster's Go binaries, found or built exactly like the Temporal CLI. The versions
// here are the cluster's versions: docker-compose.yml pins the same ones (a test compares them).
import type { GoBinary } from '../temporal-cli';

export const SERVER_VERSION = '1.29.1';
export const UI_VERSION = '2.42.1';

const serverFolder = `temporal-server-v${SERVER_VERSION}`;

export const TEMPORAL_SERVER: GoBinary = {
  name: 'server',
  pathName: 'temporal-server',
  envVar: 'TEMPORAL_SERVER_BIN',
  module: 'go.temporal.io/server/cmd/server',
  version: `v${SERVER_VERSION}`,
  cacheFolder: serverFolder,
};

/** temporal-sql-tool: built from the same module, so it shares the server's folder and version */
export const TEMPORAL_SQL_TOOL: GoBinary = {
  name: 'sql',
  pathName: 'temporal-sql-tool',
  envVar: 'TEMPORAL_SQL_TOOL',
  module: 'go.temporal.io/server/cmd/tools/sql',
  version: `v${SERVER_VERSION}`,
  cacheFolder: serverFolder,
};

/** also built as `server`: its own folder keeps the two apart */
export const TEMPORAL_UI_SERVER: GoBinary = {
  name: 'server',
  pathName: 'temporal-ui-server',
  envVar: 'TEMPORAL_UI_SERVER_BIN',
  module: 'github.com/temporalio/ui-server/v2/cmd/server',
  version: `v${UI_VERSION}`,
  cacheFolder: `temporal-ui-server-v${UI_VERSION}`,
};
