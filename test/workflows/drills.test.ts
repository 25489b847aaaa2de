// Drills (演练) on a real dev server and worker, beside a real incident driven the same way: the
// drill's deadlines are compressed by the policy's factor, its notices are marked, its release
// reaches only the sandbox folder (the publishing webhook, a local receiver, gets the real one's
// alone), it closes with its 演练总结, and the weekly roll-up leaves it out.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentsFolder, sandboxReleasesFolder } from '../../domain/data-layout';
import type { IncidentInput } from '../../domain/model/schema';
import { previousPeriod } from '../../domain/rules/rollup-stats';
import { INCIDENT_WORKFLOW, SA } from '../../workflows/incident/definitions';
import { ROLLUP_WORKFLOW } from '../../workflows/rollup/definitions';
import type { rollupWorkflow } from '../../workflows/rollup/workflow';
import { startReceiver } from '../activities/receiver';
import { type RunningWorker, startTestServer, startWorker } from '../helpers/temporal';
import { driveToEnd, driveUntil, send } from './driver';
import { fastPolicy, incidentInput, METRICS_FOR, people } from './fixtures';

type Receiver = Awaited<ReturnType<typeof startReceiver>>;
const HOUR = 3600_000;

let env: TestWorkflowEnvironment;
let worker: RunningWorker;
let notices: Receiver;
let publishing: Receiver;

beforeAll(async () => {
  env = await startTestServer();
  notices = await startReceiver();
  publishing = await startReceiver();
  worker = await startWorker(env, {
    env: {
      YUQING_NOTIFY_WEBHOOK_URL_HANDLER: notices.url,
      YUQING_NOTIFY_WEBHOOK_URL_APPROVER: notices.url,
      YUQING_PUBLISH_CHANNEL: 'webhook',
      YUQING_PUBLISH_WEBHOOK_URL: publishing.url,
    },
  });
});
afterAll(async () => {
  await worker?.stop();
  await env?.teardown();
  await notices?.close();
  await publishing?.close();
});

const start = (input: IncidentInput, name: string) =>
  env.client.workflow.start(INCIDENT_WORKFLOW, { taskQueue: worker.taskQueue, workflowId: `${name}-${input.requestId}`, args: [input] });

const titlesFor = (workflowId: string) => notices.accepted().filter((r) => r.body.workflowId === workflowId).map((r) => String(r.body.title));

describe('a drill', () => {
  it('runs compressed, marked and sandboxed to its 演练总结, while a real incident beside it does not', async () => {
    // every deadline an hour long: a tenth of it (the default factor) for the drill
    const policy = fastPolicy({ seconds: 3600 });
    const fields = { metrics: METRICS_FOR.significant, category: 'hype' as const };
    const drill = await start({ ...incidentInput({ fields, policy }), drill: true }, 'drill');
    const real = await start(incidentInput({ fields, policy }), 'real');
    const [d, r] = await Promise.all([driveToEnd(drill), driveToEnd(real)]);

    expect(d.drill).toBe(true);
    expect(r.drill).toBeUndefined();
    const spans = (s: typeof d) => s.deadlines.map((x) => [x.kind, Date.parse(x.dueAt) - Date.parse(x.startedAt)]);
    expect(spans(d).length).toBeGreaterThan(3);
    expect(spans(d)).toEqual(spans(r).map(([kind, ms]) => [kind, (ms as number) / 10]));
    expect(spans(r).every(([, ms]) => ms === HOUR)).toBe(true);

    // every notice of the drill is marked, none of the real one's
    const drillTitles = titlesFor(drill.workflowId);
    expect(drillTitles.length).toBeGreaterThan(2);
    expect(drillTitles.every((t) => t.startsWith('【演练】'))).toBe(true);
    expect(titlesFor(real.workflowId).some((t) => t.includes('演练'))).toBe(false);
    expect((d.notices ?? []).every((n) => n.title.startsWith('【演练】'))).toBe(true);

    // the publishing system received the real release only; the drill's is in the sandbox folder
    expect(publishing.received.map((x) => x.body.workflowId)).toEqual([real.workflowId]);
    const [release] = d.releases;
    expect(release?.status).toBe('published');
    const sandbox = join(worker.dataDir, sandboxReleasesFolder(drill.workflowId));
    expect(release!.publishedRefs).toEqual([`${sandboxReleasesFolder(drill.workflowId)}/1.md`, `${sandboxReleasesFolder(drill.workflowId)}/1.json`]);
    expect(readFileSync(join(sandbox, '1.md'), 'utf8')).toContain('【演练】');
    expect(existsSync(join(worker.dataDir, 'published', drill.workflowId))).toBe(false);

    // closed with its 演练总结 instead of the 汇报; its other documents say it is a drill
    expect(d.documents.map((x) => x.name)).toContain('drill-summary');
    expect(d.documents.map((x) => x.name)).not.toContain('summary');
    expect(r.documents.map((x) => x.name)).toContain('summary');
    const docs = join(worker.dataDir, documentsFolder(drill.workflowId));
    expect(readFileSync(join(docs, 'special.md'), 'utf8')).toContain('【演练】本文件为演练所作');
    const summary = readFileSync(join(docs, 'drill-summary.md'), 'utf8');
    expect(summary).toContain('【演练】演练总结');
    expect(summary).toContain('演练时限');
    for (const x of d.deadlines.filter((y) => !y.cancelled)) expect(summary).toMatch(new RegExp(`\\| ${x.label} \\|[^\\n]*\\| 6分钟 \\| [^|]*秒 \\| 按时 \\|`));
    // what was practised: the steps and every decision taken
    expect(summary).toContain('演练中的决定');
    for (const e of d.timeline.filter((y) => y.kind === 'decision').slice(0, 5)) expect(summary).toContain(e.text.slice(0, 12));
  });

  it('withdrawn half-way, still closes with its 演练总结: the steps it reached, its deadlines, and why it ended', async () => {
    const policy = fastPolicy({ seconds: 3600 });
    const drill = await start({ ...incidentInput({ fields: { metrics: METRICS_FOR.significant, category: 'hype' }, policy }), drill: true }, 'withdrawn-drill');
    await driveUntil(drill, (s) => s.steps.verify.status === 'active');
    await send(drill, { name: 'withdraw', by: people.leader, fields: { reason: '演练提前结束' } });
    const d = (await drill.result()) as Awaited<ReturnType<typeof driveToEnd>>;
    expect(d.closed).toMatchObject({ outcome: 'withdrawn', reason: '演练提前结束' });
    expect(d.documents.map((x) => x.name)).toContain('drill-summary');
    const summary = readFileSync(join(worker.dataDir, documentsFolder(drill.workflowId), 'drill-summary.md'), 'utf8');
    expect(summary).toContain('已撤销，演练未走完全部步骤。理由：演练提前结束');
    expect(summary).toMatch(/\| 1\. [^|]+ \| 已完成 \|/);
    const unmet = d.deadlines.filter((x) => !x.metAt);
    expect(unmet.length).toBeGreaterThan(0);
    for (const x of unmet) expect(summary).toMatch(new RegExp(`\\| ${x.label} \\|[^\\n]*\\| 6分钟 \\| — \\| 演练结束时未完成 \\|`));
    // a real incident withdrawn the same way gets no summary of any kind
    const real = await start(incidentInput({ fields: { metrics: METRICS_FOR.significant, category: 'hype' }, policy }), 'withdrawn-real');
    await send(real, { name: 'withdraw', by: people.leader, fields: { reason: '重复登记' } });
    const r = (await real.result()) as typeof d;
    expect(r.documents.map((x) => x.name)).not.toContain('drill-summary');
    expect(r.documents.map((x) => x.name)).not.toContain('summary');
  });

  it('is left out of the roll-up that counts the real incident of the same week', async () => {
    const now = Date.now();
    const period = previousPeriod('weekly', now, 480);
    const discoveredAt = new Date(Date.parse(period.from) + 10 * HOUR).toISOString();
    const policy = fastPolicy({ seconds: 30 * 86_400 });
    const fields = { discoveredAt, metrics: METRICS_FOR.general, category: 'inquiry' as const };
    const drill = await start({ ...incidentInput({ fields, policy }), drill: true }, 'rollup-drill');
    await start(incidentInput({ fields, policy }), 'rollup-real');
    // visibility is eventually consistent: both listed before the roll-up looks
    const query = `WorkflowType = '${INCIDENT_WORKFLOW}' AND ${SA.discoveredAt.name} >= '${period.from}' AND ${SA.discoveredAt.name} < '${period.to}'`;
    for (let until = Date.now() + 20_000; (await env.client.workflow.count(query)).count < 2; await sleep(200)) {
      if (Date.now() > until) throw new Error('both incidents not listed');
    }
    expect((await drill.query('state') as { drill?: boolean }).drill).toBe(true);

    const result = await env.client.workflow.execute<typeof rollupWorkflow>(ROLLUP_WORKFLOW, {
      taskQueue: worker.taskQueue,
      workflowId: `rollup-weekly-${now}`,
      args: [{ kind: 'weekly', at: new Date(now).toISOString() }],
    });
    expect(result.stats.total).toBe(1);
    expect(result.unreadable).toBe(0);
    expect(readFileSync(join(worker.dataDir, result.paths.markdown), 'utf8')).not.toContain('rollup-drill');
  });
});
