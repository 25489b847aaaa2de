// Once per `npm test`, before any test file: find (or build) the Temporal CLI and bundle the
// workflows, so no test file pays for either and parallel files never bundle at the same time.
import { ensureWorkflowBundle } from '../../workers/bundle';
import { resolveTemporalCli } from '../../scripts/temporal-cli';

export default async function setup(): Promise<void> {
  await resolveTemporalCli({ env: process.env, log: (line) => console.log(line) });
  await ensureWorkflowBundle();
}
