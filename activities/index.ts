// The incident workflow's activities, built from the validated configuration. The worker calls
// `createActivities(loadActivityConfig(loadEnv()))`; tests build the same thing on a temp dir.
import { join } from 'node:path';
import type { ActivityConfig } from '../config/channels';
import { createArchiveIncident } from './archive';
import { createRenderDocument } from './documents';
import { createDutyCoverage } from './duty-coverage';
import { createTrustRoot } from './trust-root';
import { LEDGER } from '../domain/data-layout';
import { Ledger } from './ledger';
import { createNotify, routesFrom, type Route } from './notify';
import { createChooseOwners } from './owners';
import { createPublishRelease } from './publish';
import type { IncidentActivities } from './types';

export interface ActivityDeps extends ActivityConfig {
  /** channels beyond log and webhook (SMS, e-mail, a chat bot), plugged in by the worker */
  extraRoutes?: Route[];
}

export function createActivities(deps: ActivityDeps): IncidentActivities {
  const ledger = new Ledger(join(deps.dataDir, LEDGER));
  return {
    notify: createNotify(deps, ledger, [...routesFrom(deps), ...(deps.extraRoutes ?? [])]),
    renderDocument: createRenderDocument(deps.dataDir, deps.organisation),
    publishRelease: createPublishRelease(deps, ledger),
    archiveIncident: createArchiveIncident(deps.dataDir),
    dutyCoverage: createDutyCoverage(deps.dataDir),
    chooseOwners: createChooseOwners(deps.dataDir, deps.usersFile),
    trustRoot: createTrustRoot(deps.trustRoot),
  };
}

export type { NotifyChannel, Route } from './notify';
export { loadActivityConfig, type ActivityConfig } from '../config/channels';
