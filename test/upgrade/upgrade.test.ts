// An upgrade never breaks a running incident: incidents started by the previous release's workflow
// code (the commit named in ./previous-release, the last one that landed, its tree in
// ./previous-release.tar.gz), taken partway by their duty
// team, then finished by the current code after that release's worker stopped. Each history then
// holds both releases' commands; a nondeterminism would fail a workflow task, which the test reads
// back from the histories. The replay fixtures (test/replay) hold finished histories; this test
// holds the running ones, with the previous release's texts (Traditional) carried on.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWorkflowBundle, PROJECT_ROOT } from '../../workers/bundle';
import { stateQuery } from '../../workflows/incident/definitions';
import { asToken, baseDeps, incidentBody, listen, testUsers, type Listening } from '../api/harness';
import { type RunningWorker, startTestServer, startWorker } from '../helpers/temporal';
import { driveToEnd, driveUntil } from '../workflows/driver';
import { fastPolicy, METRICS_FOR } from '../workflows/fixtures';

const RELEASE = readFileSync(join(import.meta.dirname, 'previous-release'), 'utf8').trim();
/**
 * The release's code as it was, outside node_modules (whose files the bundler does not compile),
 * with this checkout's packages linked in beside it; one folder a run.
 */
const RELEASE_DIR = mkdtempSync(join(tmpdir(), `yuqing-release-${RELEASE.slice(0, 12)}-`));

/**
 * The previous release's workflow bundle, built from its own tree: previous-release.tar.gz is
 * `git archive <that commit> workflows domain codec activities config`, kept beside the test so a
 * shallow clone runs it too.
 */
async function releaseBundle(): Promise<string> {
  execFileSync('tar', ['-xzf', join(import.meta.dirname, 'previous-release.tar.gz'), '-C', RELEASE_DIR]);
  symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(RELEASE_DIR, 'node_modules'));
  const preloads = ['domain/model/schema.ts', 'domain/decisions/index.ts', 'domain/rules/signature.ts'].map((f) => join(RELEASE_DIR, f));
  const { codePath } = await ensureWorkflowBundle({ workflowsPath: join(RELEASE_DIR, 'workflows', 'index.ts'), cacheDir: RELEASE_DIR, preloadModules: preloads });
  return codePath;
}

let env: TestWorkflowEnvironment;
let previous: RunningWorker;
let app: Listening;

beforeAll(async () => {
  const bundle = await releaseBundle();
  env = await startTestServer();
  previous = await startWorker(env, { bundle });
  app = await listen(baseDeps(env.client, await testUsers(), { taskQueue: previous.taskQueue, dataDir: previous.dataDir, policy: () => fastPolicy() }));
}, 300_000);
afterAll(async () => {
  await app?.close();
  await previous?.stop();
  await env?.teardown();
  rmSync(RELEASE_DIR, { recursive: true, force: true });
});

async function register(body: Record<string, unknown>): Promise<WorkflowHandle> {
  const res = await asToken(app.baseUrl, 'monitor')('POST', '/api/incidents', incidentBody(body));
  expect(res.status).toBe(201);
  return env.client.workflow.getHandle(res.body.workflowId);
}

describe('an upgrade in the middle of incidents', () => {
  it('finishes on the current code what the previous release started, with nothing lost', async () => {
    const general = await register({ category: 'inquiry', metrics: METRICS_FOR.general });
    const major = await register({ category: 'hype', metrics: METRICS_FOR.major, department: '宣传部' });
    // partway: the major incident reported upward and its plan drafted under the old code
    const beforeGeneral = await driveUntil(general, (s) => s.steps.verify.status === 'active');
    const before = await driveUntil(major, (s) => s.reports.length > 0 && !!s.plan);
    const recordedBefore = new Map([[general.workflowId, beforeGeneral], [major.workflowId, before]]);

    await previous.stop();
    const current = await startWorker(env, { taskQueue: previous.taskQueue, dataDir: previous.dataDir });
    try {
      for (const handle of [general, major]) {
        const final = await driveToEnd(handle);
        expect(final.closed?.outcome).toBe('completed');
        // what the old code recorded is all still there, word for word, in the script it was written in
        const s = await handle.query(stateQuery);
        const old = recordedBefore.get(handle.workflowId)!;
        expect(s.timeline.slice(0, old.timeline.length).map((t) => t.text)).toEqual(old.timeline.map((t) => t.text));
        expect(s.script).toBe(old.script);
        expect(s.documents.map((d) => d.name)).toEqual(expect.arrayContaining(['special', 'summary']));
        const events = (await handle.fetchHistory()).events ?? [];
        expect(events.filter((e) => e.workflowTaskFailedEventAttributes)).toEqual([]);
      }
      expect((await major.query(stateQuery)).reports.length).toBeGreaterThanOrEqual(before.reports.length);
    } finally {
      await current.stop();
    }
  });
});
