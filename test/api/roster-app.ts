// The admin app with a data folder of its own and people on the duty list: handler, office and
// monitor may be put on duty, lead may too but is disabled, approver may not.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAdminApp, type AdminApp } from './admin-app';

export interface RosterApp extends AdminApp {
  dataDir: string;
}

export async function startRosterApp(): Promise<RosterApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'yuqing-roster-'));
  const app = await startAdminApp({
    dataDir,
    people: { handler: { dutyEligible: true }, office: { dutyEligible: true }, monitor: { dutyEligible: true }, lead: { dutyEligible: true, disabled: true } },
  });
  return { ...app, dataDir };
}
