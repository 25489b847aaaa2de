// Incident text is for the people Yuqing serves, not for every local account: everything a real
// worker writes under the data folder (documents, releases, notices, the ledger, the archive,
// reports) is a 0600 file in a 0700 folder, and so is the dev server's database that `npm start`
// keeps there.
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createActivities } from '../../activities';
import { loadActivityConfig } from '../../config/channels';
import { loadEnv } from '../../config/env';
import { ROLLUP_WORKFLOW } from '../../workflows/rollup/definitions';
import type { rollupWorkflow } from '../../workflows/rollup/workflow';
import { startDevServer, waitForDevServer } from '../../scripts/dev-server';
import { stopChild } from '../../scripts/processes';
import { asToken, eventually, incidentBody } from '../api/harness';
import { startLiveApp, type LiveApp } from '../api/live-app';
import { fileDevServerOptions } from '../helpers/dev-server-options';
import type { IncidentState } from '../../domain/model/state';

/** Every path under `root` whose mode is not 0700 (folders) or 0600 (files), with its mode. */
function looseModes(root: string): string[] {
  const loose: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      const mode = statSync(path).mode & 0o777;
      const want = entry.isDirectory() ? 0o700 : 0o600;
      if (mode !== want) loose.push(`${relative(root, path)} ${mode.toString(8)}`);
      if (entry.isDirectory()) walk(path);
    }
  };
  walk(root);
  return loose;
}

const filesUnder = (root: string): string[] =>
  readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => relative(root, join(e.parentPath, e.name)));

describe('what a real worker writes', () => {
  let app: LiveApp;
  beforeAll(async () => {
    app = await startLiveApp();
  });
  afterAll(async () => {
    await app?.teardown();
  });

  it('an incident run to a document, a release, an archive and a report leaves only 0600 files in 0700 folders', async () => {
    const monitor = asToken(app.baseUrl, 'monitor');
    const created = await monitor('POST', '/api/incidents', incidentBody(), { 'idempotency-key': randomUUID() });
    const id = created.body.workflowId as string;
    const state = await eventually(async () => {
      const s: IncidentState = (await monitor('GET', `/api/incidents/${id}`)).body.state;
      return s.documents.some((d) => d.name === 'special') && s;
    });
    // the steps a whole lifecycle would take, through the same worker's real activities and folder
    const source = { YUQING_DATA_DIR: app.worker.dataDir };
    const activities = createActivities(loadActivityConfig(loadEnv(source), source));
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const release = { no: 1, kind: 'statement', title: '情况通报', body: '经核查，网传情况不实。', channels: ['官方微博'], status: 'approved', reviews: [{ stage: 'approval', approve: true, by: { id: 'a', name: '王主任', roles: ['approver'] }, at: new Date().toISOString() }] };
    await activities.publishRelease({ idempotencyKey: `${id}/publish/1`, workflowId: id, release: release as never });
    await activities.notify({ idempotencyKey: `${id}/notice/closed`, workflowId: id, event: 'closed', roles: ['approver'], title: '已结案', markdown: '已结案' });
    await activities.archiveIncident({ workflowId: id, state });
    vi.restoreAllMocks();
    await app.env.client.workflow.execute<typeof rollupWorkflow>(ROLLUP_WORKFLOW, { taskQueue: app.worker.taskQueue, workflowId: `rollup-${randomUUID()}`, args: [{ kind: 'weekly' }] });

    const files = filesUnder(app.worker.dataDir);
    for (const part of ['incidents/', 'published/', 'archive/', 'reports/', 'ledger/']) expect(files.some((f) => f.startsWith(part)), part).toBe(true);
    expect(looseModes(app.worker.dataDir)).toEqual([]);
  });
});

describe('the dev server npm start runs', () => {
  it('keeps its database in a 0700 data folder as 0600 files, even in a folder made 0755 before', async () => {
    const data = join(mkdtempSync(join(tmpdir(), 'yuqing-db-')), 'data');
    mkdirSync(data, { mode: 0o755 });
    chmodSync(data, 0o755);
    const o = { ...(await fileDevServerOptions(join(data, 'temporal.db'))), readyTimeoutMs: 30_000 };
    const server = startDevServer(o);
    try {
      await waitForDevServer(server, o);
      expect(statSync(data).mode & 0o777).toBe(0o700);
      expect(readdirSync(data)).toContain('temporal.db');
      expect(looseModes(data)).toEqual([]);
    } finally {
      await stopChild(server, 10_000);
    }
  });
});
