// Once per `npm run test:cluster`: find or build the cluster's binaries (minutes on a clean machine,
// with progress) and bundle the workflows, so no test file pays for either inside its timeout.
import { TEMPORAL_SERVER, TEMPORAL_SQL_TOOL, TEMPORAL_UI_SERVER } from '../../scripts/cluster/binaries';
import { resolveGoBinary } from '../../scripts/temporal-cli';
import { ensureWorkflowBundle } from '../../workers/bundle';

export default async function setup(): Promise<void> {
  for (const spec of [TEMPORAL_SERVER, TEMPORAL_SQL_TOOL, TEMPORAL_UI_SERVER]) {
    await resolveGoBinary(spec, { env: process.env, log: (line) => console.log(line) });
  }
  await ensureWorkflowBundle();
}
