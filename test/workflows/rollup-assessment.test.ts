// The monthly report's 考核情况 on a real dev server: June 2025's archived incidents (known outcomes,
// a drill among them) give the department table; the weekly report has none.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLLUP_WORKFLOW } from '../../workflows/rollup/definitions';
import type { rollupWorkflow } from '../../workflows/rollup/workflow';
import { putArchivedJune } from '../helpers/assessment-archive';
import { type RunningWorker, startTestServer, startWorker } from '../helpers/temporal';

let env: TestWorkflowEnvironment;
let worker: RunningWorker;
beforeAll(async () => {
  env = await startTestServer();
  worker = await startWorker(env);
  await putArchivedJune(worker.dataDir);
});
afterAll(async () => {
  await worker?.stop();
  await env?.teardown();
});

const run = (kind: 'weekly' | 'monthly', at: string) =>
  env.client.workflow.execute<typeof rollupWorkflow>(ROLLUP_WORKFLOW, { taskQueue: worker.taskQueue, workflowId: `rollup-assess-${kind}-${Date.now()}`, args: [{ kind, at }] });

describe('考核情况 in the monthly report', () => {
  it("tables the month's departments with a total; the weekly report leaves it out", async () => {
    const monthly = await run('monthly', '2025-07-05T09:00:00+08:00');
    expect(monthly.name).toBe('monthly-2025-06');
    const md = readFileSync(join(worker.dataDir, monthly.paths.markdown), 'utf8');
    const section = md.slice(md.indexOf('考核情况'));
    expect(section).toMatch(/\|\s*学工部\s*\|\s*1\s*\|\s*1\s*\|\s*0\s*\|\s*0\s*\|\s*1\s*\|\s*0\s*\|\s*0%\s*\|/);
    expect(section).toMatch(/\|\s*宣传部\s*\|\s*1\s*\|\s*2\s*\|\s*1\s*\|\s*1\s*\|\s*0\s*\|\s*0\s*\|\s*50%\s*\|\s*报告 100%；书面报告 0%\s*\|/);
    expect(section).toMatch(/\|\s*合计\s*\|\s*2\s*\|\s*3\s*\|\s*1\s*\|\s*1\s*\|\s*1\s*\|\s*0\s*\|\s*33%\s*\|/);

    const weekly = await run('weekly', '2025-06-16T09:00:00+08:00');
    expect(readFileSync(join(worker.dataDir, weekly.paths.markdown), 'utf8')).not.toContain('考核情况');
  });
});
