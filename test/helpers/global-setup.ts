// Once per `npm test`, before any test file: make sure Chromium and the CJK fonts are there (see
// browser-prerequisites.ts), find (or build) the Temporal CLI and the UI server `npm start` serves,
// and bundle the workflows, so no test file pays for a build under its own timeout and parallel
// files never bundle at the same time.
import { ensureWorkflowBundle } from '../../workers/bundle';
import { TEMPORAL_UI_SERVER } from '../../scripts/cluster/binaries';
import { resolveGoBinary, resolveTemporalCli } from '../../scripts/temporal-cli';
import { ensureBrowserPrerequisites, MissingBrowserError } from './browser-prerequisites';

export default async function setup(): Promise<void> {
  try {
    ensureBrowserPrerequisites((line) => console.log(line));
  } catch (err) {
    if (!(err instanceof MissingBrowserError)) throw err;
    // one line saying what to do, not a stack trace and a failure in every browser test file
    console.error(`\n${err.message}\n`);
    process.exit(1);
  }
  const log = (line: string) => console.log(line);
  await resolveTemporalCli({ env: process.env, log });
  await resolveGoBinary(TEMPORAL_UI_SERVER, { env: process.env, log });
  await ensureWorkflowBundle();
}
