// Roll-ups on a real dev server: fixed incidents of last week (running, closed, withdrawn, and some
// only in the archive as if past retention) give known counts and figures; the Schedules are
// created once however often a worker starts, and triggering or backfilling one writes its report.
import { strFromU8, unzipSync } from 'fflate';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ScheduleOverlapPolicy } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureRollupSchedules, ROLLUP_SCHEDULES } from '../../workers/schedules';
import { INCIDENT_WORKFLOW } from '../../workflows/incident/definitions';
import { ROLLUP_WORKFLOW } from '../../workflows/rollup/definitions';
import type { rollupWorkflow } from '../../workflows/rollup/workflow';
import { periodLabel, previousPeriod, reportName } from '../../domain/rules/rollup-stats';
import type { IncidentFields, PolicySnapshot } from '../../domain/model/schema';
import { SA } from '../../workflows/incident/definitions';
import type { IncidentState } from '../../domain/model/state';
import { asToken, baseDeps, listen, testUsers } from '../api/harness';
import { ARTIFACTS } from '../browser/chromium';
import { type RunningWorker, startTestServer, startWorker } from '../helpers/temporal';
import { driveToEnd, send, waitForState } from './driver';
import { fastPolicy, incidentInput, METRICS_FOR, people } from './fixtures';

const SHANGHAI = 480;
const PUBLIC_URL = 'https://yuqing.example.org';
const MINUTE = 60_000;

let env: TestWorkflowEnvironment;
let worker: RunningWorker;

beforeAll(async () => {
  env = await startTestServer();
  worker = await startWorker(env, { env: { YUQING_PUBLIC_URL: PUBLIC_URL } });
});
afterAll(async () => {
  await worker?.stop();
  await env?.teardown();
});

async function eventually<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(200);
  }
}

/** Copies of a real final state, written where the archive activity writes them. */
function archive(state: IncidentState): void {
  const dir = join(worker.dataDir, 'archive', state.workflowId);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'state.json'), JSON.stringify(state));
}

describe('a roll-up over fixed incidents', () => {
  it('counts them once each, from visibility and the archive, with the expected figures', async () => {
    const now = Date.now();
    const period = previousPeriod('weekly', now, SHANGHAI);
    const hoursIn = (h: number) => new Date(Date.parse(period.from) + h * 60 * MINUTE).toISOString();
    const long = fastPolicy({ seconds: 30 * 86_400 });
    const start = async (name: string, fields: Partial<IncidentFields>, policy: PolicySnapshot) => {
      const input = incidentInput({ fields, policy });
      return env.client.workflow.start(INCIDENT_WORKFLOW, { taskQueue: worker.taskQueue, workflowId: `rollup-${name}-${input.requestId}`, args: [input] });
    };

    // A: general inquiry, run to the approved summary: closed, every deadline kept
    const a = await start('a', { discoveredAt: hoursIn(10), metrics: METRICS_FOR.general, category: 'inquiry', channel: 'weibo', department: '后勤处' }, long);
    // B: major hype, nothing done yet: open, its deadlines still running
    const b = await start('b', { discoveredAt: hoursIn(20), metrics: METRICS_FOR.major, category: 'hype', channel: 'news', department: '宣传部' }, long);
    // C: significant fabrication whose five deadlines (60 s: forwarding, report, first response, verification, release) all passed last week: open, all missed
    const c = await start('c', { discoveredAt: hoursIn(30), metrics: METRICS_FOR.significant, category: 'fabrication', channel: 'douyin', department: '宣传部' }, fastPolicy({ seconds: 60 }));
    // D: general suggestion withdrawn by leadership: its deadlines are cancelled, not counted
    const d = await start('d', { discoveredAt: hoursIn(40), metrics: METRICS_FOR.general, category: 'suggestion', channel: 'wechat', department: '教务处' }, long);

    // a general incident owes no report (酌情适时), A's office files one all the same: the figures time it
    await send(a, { name: 'reportFiled', by: people.handler, fields: { kind: 'first', channel: 'written', recipients: ['superiorDepartment'] } });
    const finalA = await driveToEnd(a);
    expect(finalA.deadlines.every((x) => x.metAt && !x.lateByMinutes)).toBe(true);
    await send(d, { name: 'withdraw', by: people.leader, fields: { reason: '与本单位无关' } });
    await d.result();
    await waitForState(c, (s) => s.breachCount === 5);

    // E1–E9: closed incidents past retention, only in the archive, reported 5·i and first answered 60·i minutes after discovery
    for (let i = 1; i <= 9; i++) {
      const discoveredAt = hoursIn(50 + i);
      const after = (m: number) => new Date(Date.parse(discoveredAt) + m * MINUTE).toISOString();
      const copy: IncidentState = structuredClone(finalA);
      copy.workflowId = `archived-${i}`;
      copy.incident.discoveredAt = discoveredAt;
      copy.reports = [{ ...finalA.reports[0]!, at: after(5 * i) }];
      copy.responses = [{ ...finalA.responses[0]!, at: after(60 * i - 1), approvedAt: after(60 * i) }];
      if (i <= 3) copy.incident.department = '网信办';
      if (i === 1) {
        copy.severity = 'critical';
        copy.deadlines[0] = { ...copy.deadlines[0]!, breachedAt: after(1), lateByMinutes: 12 };
      }
      archive(copy);
    }
    // outside the period, and a broken record: neither may be counted as an incident of the week
    archive({ ...structuredClone(finalA), workflowId: 'archived-earlier', incident: { ...finalA.incident, discoveredAt: hoursIn(-24) } });
    mkdirSync(join(worker.dataDir, 'archive', 'broken-1'), { recursive: true });
    writeFileSync(join(worker.dataDir, 'archive', 'broken-1', 'state.json'), '{"workflowId":"broken-1"}');
    // A is in visibility and, archived by its own workflow, in the archive too
    expect(existsSync(join(worker.dataDir, 'archive', a.workflowId, 'state.json'))).toBe(true);

    // visibility is eventually consistent: all four listed before the roll-up looks
    const query = `WorkflowType = '${INCIDENT_WORKFLOW}' AND ${SA.discoveredAt.name} >= '${period.from}' AND ${SA.discoveredAt.name} < '${period.to}'`;
    await eventually('four incidents listed', async () => (await env.client.workflow.count(query)).count === 4);

    const result = await env.client.workflow.execute<typeof rollupWorkflow>(ROLLUP_WORKFLOW, {
      taskQueue: worker.taskQueue,
      workflowId: `rollup-weekly-${now}`,
      args: [{ kind: 'weekly', at: new Date(now).toISOString() }],
    });

    const { stats } = result;
    const perIncident = finalA.deadlines.length;
    expect(result.name).toBe(reportName(period, SHANGHAI));
    expect(result.unreadable).toBe(1);
    expect(stats.total).toBe(13);
    expect(stats.byStatus).toEqual({ completed: 10, open: 2, withdrawn: 1, dismissed: 0 });
    expect(stats.bySeverity).toEqual({ general: 10, significant: 1, major: 1, critical: 1 });
    expect(stats.byCategory).toEqual({ inquiry: 10, hype: 1, fabrication: 1, suggestion: 1 });
    expect(stats.byChannel).toMatchObject({ weibo: 10, news: 1, douyin: 1, wechat: 1, forum: 0 });
    expect(stats.byDepartment).toEqual([['后勤处', 7], ['网信办', 3], ['宣传部', 2], ['教务处', 1]]);
    // handler: A and E kept theirs (one of E1's late); B's four (forwarding, report, first response, verification) run on; C's four passed. approver: B's release runs, C's passed
    expect(stats.deadlinesByRole.handler).toEqual({ onTime: 10 * perIncident - 1, late: 1, missed: 4, open: 4 });
    expect(stats.deadlinesByRole.approver).toEqual({ onTime: 0, late: 0, missed: 1, open: 1 });
    expect(stats.deadlinesByKind.authoritativeRelease).toMatchObject({ responsible: 'approver', missed: 1, open: 1 });
    // E: 5…45 and 60…540 minutes; A, reported days after discovery, is the largest of ten
    expect(stats.toReport).toEqual({ count: 10, median: 27.5, p90: 45 });
    expect(stats.toFirstResponse).toEqual({ count: 10, median: 330, p90: 540 });

    const markdown = readFileSync(join(worker.dataDir, result.paths.markdown), 'utf8');
    const html = readFileSync(join(worker.dataDir, result.paths.html), 'utf8');
    // the Word file, numbered as the year's first 周报
    expect(result.paths.number).toMatch(/^\d{4}年第1期$/);
    const docx = unzipSync(readFileSync(join(worker.dataDir, result.paths.docx ?? '')))['word/document.xml'];
    expect(strFromU8(docx ?? new Uint8Array())).toContain(`>${result.paths.number}<`);
    expect(markdown).toMatch(/^# 《网络舆情周报》/);
    expect(markdown).toContain(periodLabel(period, SHANGHAI));
    expect(markdown).toContain(`(<${PUBLIC_URL}/incidents/${a.workflowId}>)`);
    expect(markdown).toContain('| 上报用时 | 10 | 28分钟 | 45分钟 |');
    expect(markdown).toContain('| 首次公开回应用时 | 10 | 5小时30分钟 | 9小时 |');
    expect(markdown).toContain('broken-1');
    expect(markdown).not.toContain('archived-earlier');
    expect(html).toContain(`href="${PUBLIC_URL}/incidents/${b.workflowId}"`);
    // kept with the screenshots, for people to read what a report looks like
    mkdirSync(ARTIFACTS, { recursive: true });
    for (const ext of ['md', 'html']) copyFileSync(join(worker.dataDir, result.paths[ext === 'md' ? 'markdown' : 'html']), join(ARTIFACTS, `weekly-report.${ext}`));
  });
});

describe('the roll-up Schedules', () => {
  const opts = () => ({ taskQueue: worker.taskQueue, utcOffsetMinutes: SHANGHAI, script: 'zh-Hans' as const });
  const reportFile = (name: string) => join(worker.dataDir, 'reports', `${name}.md`);

  it('two worker starts leave one Schedule of each kind, and a pause set by a person survives', async () => {
    await ensureRollupSchedules(env.client, opts());
    await env.client.schedule.getHandle(ROLLUP_SCHEDULES.monthly.id).pause('月底盘点，暂停');
    await ensureRollupSchedules(env.client, opts());

    const ids = await eventually('both schedules listed', async () => {
      const listed: string[] = [];
      for await (const s of env.client.schedule.list()) if (s.action?.type === 'startWorkflow' && s.action.workflowType === ROLLUP_WORKFLOW) listed.push(s.scheduleId);
      return listed.length >= 2 && listed.sort();
    });
    expect(ids).toEqual([ROLLUP_SCHEDULES.monthly.id, ROLLUP_SCHEDULES.weekly.id]);

    const weekly = await env.client.schedule.getHandle(ROLLUP_SCHEDULES.weekly.id).describe();
    expect(weekly.spec.timezone).toBe('Asia/Shanghai');
    expect(weekly.spec.calendars).toEqual([expect.objectContaining({ dayOfWeek: [{ start: 'MONDAY', end: 'MONDAY', step: 1 }], hour: [{ start: 9, end: 9, step: 1 }] })]);
    expect(weekly.policies.overlap).toBe(ScheduleOverlapPolicy.SKIP);
    expect(weekly.policies.catchupWindow).toBe(2 * 86_400_000);
    expect(weekly.action).toMatchObject({ workflowType: ROLLUP_WORKFLOW, taskQueue: worker.taskQueue, args: [{ kind: 'weekly', utcOffsetMinutes: SHANGHAI, script: 'zh-Hans' }] });
    expect(weekly.state.paused).toBe(false);
    const monthly = await env.client.schedule.getHandle(ROLLUP_SCHEDULES.monthly.id).describe();
    expect(monthly.spec.calendars).toEqual([expect.objectContaining({ dayOfMonth: [{ start: 5, end: 5, step: 1 }] })]);
    expect(monthly.state.paused).toBe(true);
  });

  it('triggering the weekly Schedule writes the report of the week before', async () => {
    const name = reportName(previousPeriod('weekly', Date.now(), SHANGHAI), SHANGHAI);
    rmSync(reportFile(name), { force: true });
    await env.client.schedule.getHandle(ROLLUP_SCHEDULES.weekly.id).trigger();
    await eventually(`${name}.md written`, async () => existsSync(reportFile(name)));
    expect(readFileSync(reportFile(name), 'utf8')).toMatch(/^# 《网络舆情周报》/);
  });

  it('a backfill over a past Monday writes the report of the week before that Monday', async () => {
    const thisMonday = Date.parse(previousPeriod('weekly', Date.now(), SHANGHAI).to);
    const pastRun = thisMonday - 28 * 86_400_000 + 9 * 3_600_000;
    const name = reportName(previousPeriod('weekly', pastRun, SHANGHAI), SHANGHAI);
    expect(existsSync(reportFile(name))).toBe(false);
    await env.client.schedule.getHandle(ROLLUP_SCHEDULES.weekly.id).backfill({
      start: new Date(pastRun - 30 * MINUTE),
      end: new Date(pastRun + 30 * MINUTE),
      overlap: ScheduleOverlapPolicy.ALLOW_ALL,
    });
    await eventually(`${name}.md written`, async () => existsSync(reportFile(name)));
    expect(readFileSync(reportFile(name), 'utf8')).toContain('本期无舆情');
  });
});

describe('the reports in the API', () => {
  it('lists every report newest period first and serves it as HTML or Markdown', async () => {
    const app = await listen(baseDeps(env.client, await testUsers(), { dataDir: worker.dataDir }));
    try {
      const call = asToken(app.baseUrl, 'handler');
      const thisWeek = previousPeriod('weekly', Date.now(), SHANGHAI);
      const list = await call('GET', '/api/reports');
      expect(list.status).toBe(200);
      const names = list.body.items.map((r: { name: string }) => r.name);
      // the roll-up's own week, then the backfilled week four weeks earlier
      expect(names.slice(0, 2)).toEqual([reportName(thisWeek, SHANGHAI), reportName(previousPeriod('weekly', Date.parse(thisWeek.to) - 28 * 86_400_000 + 9 * 3_600_000, SHANGHAI), SHANGHAI)]);
      expect(list.body.items[0]).toMatchObject({ kind: 'weekly', title: '《网络舆情周报》', label: periodLabel(thisWeek, SHANGHAI), from: thisWeek.from, to: thisWeek.to });

      const html = await call('GET', list.body.items[0].links.html);
      expect(html.status).toBe(200);
      expect(html.headers.get('content-security-policy')).toMatch(/^sandbox/);
      expect(html.body).toContain('<h1>《网络舆情周报》</h1>');
      const md = await call('GET', list.body.items[0].links.md);
      expect(md.headers.get('content-disposition')).toContain(`${names[0]}.md`);
      expect(md.body).toMatch(/^# 《网络舆情周报》/);

      expect((await call('GET', '/api/reports/..%2Fledger')).status).toBe(400);
      expect((await call('GET', '/api/reports/monthly-1999-01')).status).toBe(404);
      expect((await asToken(app.baseUrl, 'handler')('GET', '/api/reports', undefined, { authorization: 'Bearer wrong' })).status).toBe(401);
    } finally {
      await app.close();
    }
  });
});
