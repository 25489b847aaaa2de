// `npm run backup -- --cluster` / `npm run restore` on the PostgreSQL-backed cluster: a backup taken
// while incidents run (pg_dump of both databases, then the data folder), a restore over the running
// cluster refused, the cluster stopped, its data folder (private PostgreSQL included) wiped, the
// backup restored into a fresh private PostgreSQL, the cluster started again: every incident goes
// on (its decisions there, a new one taken, a pending deadline fires), and it is still listed.
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { IncidentState } from '../../domain/model/state';
import { INCIDENT_WORKFLOW, stateQuery } from '../../workflows/incident/definitions';
import { PROJECT_ROOT } from '../../workers/bundle';
import { driveSome } from '../chaos/drive';
import { dataFiles as ownFiles } from '../helpers/data-files';
import { DEFAULT_SCENARIO, waitForState } from '../workflows/driver';
import { fastPolicy, incidentInput } from '../workflows/fixtures';
import { startTestCluster, type TestCluster } from './fixture';

let running: TestCluster | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

/** the data folder's own files: not the PostgreSQL folder or the server's log */
const dataFiles = (dir: string) => ownFiles(dir, /^(pg|logs)(\/|$)/);
const taken = (s: IncidentState) => s.timeline.flatMap((e) => (e.decision && e.kind !== 'rejected' ? [e.decision] : []));

function run(script: string, args: string[], dataDir: string, extra: NodeJS.ProcessEnv = {}): Promise<{ code: number; output: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, YUQING_DATA_DIR: dataDir };
  delete env.YUQING_PG_URL;
  Object.assign(env, extra);
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', script, ...args], { cwd: PROJECT_ROOT, env }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}` }),
    );
  });
}

describe('backup and restore of the cluster', () => {
  it('restores both databases and the data folder; every incident goes on', { timeout: 600_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'yuqing-cluster-backup-'));
    // PostgreSQL runs as another account when the tests run as root: it must pass through
    chmodSync(dataDir, 0o755);
    const backups = mkdtempSync(join(tmpdir(), 'yuqing-cluster-backups-'));
    running = await startTestCluster({ workers: 1, dataDir });
    const c = running;
    const start = (id: string, policy = fastPolicy()) =>
      c.client.workflow.start(INCIDENT_WORKFLOW, { taskQueue: c.taskQueue, workflowId: `${id}-${Date.now()}`, args: [incidentInput({ policy })] });
    const driven = await start('cluster-backup-driven');
    const timed = await start('cluster-backup-timed', fastPolicy({ seconds: 90 }));
    await driveSome(driven, DEFAULT_SCENARIO, 3);
    await driveSome(timed, DEFAULT_SCENARIO, 1);
    const atBackup = new Map<string, IncidentState>();
    for (const h of [driven, timed]) atBackup.set(h.workflowId, await h.query(stateQuery));
    expect(atBackup.get(timed.workflowId)!.deadlines.filter((d) => d.breachedAt)).toEqual([]);
    const filesAtBackup = dataFiles(dataDir);
    expect([...filesAtBackup.keys()]).toEqual(expect.arrayContaining(['keys/payload.json']));

    const backup = await run('scripts/backup.ts', ['--cluster', '--to', backups], dataDir);
    expect(backup.code, backup.output).toBe(0);
    expect(backup.output).toMatch(/dumping temporal and temporal_visibility from PostgreSQL 127\.0\.0\.1:\d+/);
    const folder = /backed up \d+ files \([\d.]+ MB\) to (\S+)/.exec(backup.output)![1]!;

    const overRunning = await run('scripts/restore.ts', [folder], dataDir);
    expect(overRunning.code).toBe(1);
    expect(overRunning.output).toContain(`the cluster's PostgreSQL is running on ${dataDir}/pg`);

    // a PostgreSQL of its own is never overwritten: the restore says what to run there instead
    const external = await run('scripts/restore.ts', [folder], dataDir, { YUQING_PG_URL: 'postgres://temporal:secret@127.0.0.1:5999/temporal' });
    expect(external.code).toBe(1);
    expect(external.output).toContain('YUQING_PG_URL names an existing PostgreSQL, which the restore does not overwrite; nothing was changed');
    expect(external.output).toContain('pg_restore --clean --if-exists');

    await c.stop();
    running = undefined;
    for (const entry of readdirSync(dataDir)) rmSync(join(dataDir, entry), { recursive: true, force: true });

    const restore = await run('scripts/restore.ts', [folder], dataDir);
    expect(restore.code, restore.output).toBe(0);
    expect(restore.output).toContain('restoring temporal and temporal_visibility into the private PostgreSQL');
    expect(restore.output).toContain(`restored into ${dataDir}`);
    const restored = dataFiles(dataDir);
    for (const [path, content] of filesAtBackup) expect(restored.get(path), path).toBe(content);

    running = await startTestCluster({ workers: 1, dataDir });
    const again = running;
    // the schemas came back at the server's version: nothing to create or update
    expect(again.cluster.schema).toEqual({ temporal: { applied: [] }, visibility: { applied: [] } });
    const handle = (id: string) => again.client.workflow.getHandle(id);
    for (const h of [driven, timed]) {
      const was = atBackup.get(h.workflowId)!;
      const now = await handle(h.workflowId).query(stateQuery);
      expect(taken(now).slice(0, taken(was).length)).toEqual(taken(was));
      // the visibility database came back too: the incident is listed
      const listed: string[] = [];
      for await (const w of again.client.workflow.list({ query: `WorkflowId = '${h.workflowId}'` })) listed.push(w.workflowId);
      expect(listed).toEqual([h.workflowId]);
    }
    const next = await driveSome(handle(driven.workflowId), DEFAULT_SCENARIO, 1);
    expect(taken(await handle(driven.workflowId).query(stateQuery))).toEqual([...taken(atBackup.get(driven.workflowId)!), ...next]);
    const fired = await waitForState(handle(timed.workflowId), (s) => s.deadlines.some((d) => d.breachedAt), 240_000);
    expect(fired.closed).toBeUndefined();
  });
});
