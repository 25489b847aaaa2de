// The Temporal UI as the incident's audit view: incidents registered through the real API and run
// to their end on a real dev server, then their history (fetchHistory), description (describe)
// and handler metadata (__temporal_workflow_metadata) read back for the Chinese texts the UI shows.
import { defaultPayloadConverter } from '@temporalio/common';
import type { temporal } from '@temporalio/proto';
import type { WorkflowHandle } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asToken, incidentBody } from '../api/harness';
import { startLiveApp, type LiveApp } from '../api/live-app';
import { stateQuery } from '../../workflows/incident/definitions';
import { roleLabel } from '../../domain/rules/roles';
import { DECISION_NAMES } from '../../domain/decisions/index';
import type { PolicySnapshot } from '../../domain/model/schema';
import { driveToEnd, waitForState } from './driver';
import { fastPolicy, METRICS_FOR } from './fixtures';

type Event = temporal.api.history.v1.IHistoryEvent;

interface WorkflowMetadata {
  definition: { type: string; signalDefinitions: { name: string; description?: string }[]; queryDefinitions: { name: string; description?: string }[] };
  currentDetails: string;
}

const SHANGHAI_MS = 8 * 3_600_000;
/** `11-30 11:00` in Asia/Shanghai, as the timer summaries print a due time */
const local = (iso: string) => new Date(Date.parse(iso) + SHANGHAI_MS).toISOString().slice(5, 16).replace('T', ' ');

let app: LiveApp;
// the policy the API freezes into the next incident: the test key signs the duty team's decisions
let policy: PolicySnapshot = fastPolicy();

beforeAll(async () => {
  app = await startLiveApp({ deps: { policy: () => policy } });
});
afterAll(async () => {
  await app?.teardown();
});

async function register(body: Record<string, unknown>): Promise<WorkflowHandle> {
  const res = await asToken(app.baseUrl, 'monitor')('POST', '/api/incidents', incidentBody(body));
  expect(res.status).toBe(201);
  return app.env.client.workflow.getHandle(res.body.workflowId);
}

const text = (payload: temporal.api.common.v1.IPayload | null | undefined) => (payload ? defaultPayloadConverter.fromPayload<string>(payload) : undefined);

/** Which kind of event: the one attributes field it carries. */
function eventName(e: Event): string {
  return Object.keys(e).find((k) => k.endsWith('EventAttributes') && e[k as keyof Event]) ?? '';
}

const summaries = (events: Event[], attributes: string) => events.filter((e) => e[attributes as keyof Event]).map((e) => text(e.userMetadata?.summary));

describe('an incident read in the Temporal UI', () => {
  it('a general inquiry: start texts, activity and timer summaries, current details, described handlers', async () => {
    const handle = await register({ category: 'inquiry', metrics: METRICS_FOR.general });

    const described = await handle.describe();
    expect(await described.staticSummary()).toBe('【一般】网传某校食堂饭菜变质 · 后勤处');
    const details = await described.staticDetails();
    expect(details).toContain('**类别** 询问、质疑、诉求　**渠道** 微博');
    expect(details).toContain('**报告人** 信息员小周');
    expect(details).toContain('- <https://weibo.example/post/1>');

    const running = await waitForState(handle, (s) => s.documents.some((d) => d.name === 'special'));
    const meta = await handle.query<WorkflowMetadata>('__temporal_workflow_metadata');
    // needing no report upward, a general item is past step 1 as soon as its special report is written
    expect(meta.currentDetails).toMatch(/^\*\*调查核实\*\*　一般（/);
    // a general item needs no report upward; forwarding to the department is due first
    expect(running.deadlines.some((d) => d.kind === 'report')).toBe(false);
    const forward = running.deadlines.find((d) => d.kind === 'forward')!;
    expect(meta.currentDetails).toContain(`下一期限：转达期限 ${new Date(Date.parse(forward.dueAt) + SHANGHAI_MS).toISOString().slice(0, 16).replace('T', ' ')}`);
    // one line each, who must decide what right under the step: the UI's box shows about four
    const lines = meta.currentDetails.split('\\\n');
    expect(lines[1]).toMatch(new RegExp(`^待决定：登记转达（${roleLabel('handler')}）`));
    expect(lines.every((line) => !line.includes('\n'))).toBe(true);
    // every handler explains itself in the UI's list of handlers
    const signals = new Map(meta.definition.signalDefinitions.map((d) => [d.name, d.description]));
    for (const name of DECISION_NAMES) expect([name, signals.get(name)]).toEqual([name, expect.stringMatching(/\S{6,}/)]);
    expect(meta.definition.queryDefinitions.find((q) => q.name === stateQuery.name)?.description).toMatch(/即时状态/);

    const final = await driveToEnd(handle);
    const events = (await handle.fetchHistory()).events ?? [];
    const started = events[0]!;
    expect(started.workflowExecutionStartedEventAttributes).toBeTruthy();
    expect(text(started.userMetadata?.summary)).toBe('【一般】网传某校食堂饭菜变质 · 后勤处');
    expect(text(started.userMetadata?.details)).toBe(details);

    const activities = summaries(events, 'activityTaskScheduledEventAttributes');
    expect(activities.length).toBeGreaterThan(0);
    expect(activities.every((s) => typeof s === 'string' && s.length > 1)).toBe(true);
    expect(activities).toEqual(expect.arrayContaining(['生成《舆情专报》', '生成《舆情处置情况汇报》', '归档全部记录']));

    const timers = summaries(events, 'timerStartedEventAttributes');
    expect(timers.length).toBeGreaterThan(0);
    for (const t of timers) expect(t).toMatch(/^\S+期限 至 \d\d-\d\d \d\d:\d\d$/);
    expect(timers).toContain(`转达期限 至 ${local(final.deadlines.find((d) => d.kind === 'forward')!.dueAt)}`);

    // summaries ride on the events they describe: none of them adds one
    const withMetadata = events.filter((e) => e.userMetadata?.summary || e.userMetadata?.details).map(eventName);
    // a local activity's summary rides on the marker that records its result
    const carriers = ['workflowExecutionStartedEventAttributes', 'activityTaskScheduledEventAttributes', 'markerRecordedEventAttributes', 'timerStartedEventAttributes', 'timerCanceledEventAttributes'];
    expect(withMetadata.filter((name) => !carriers.includes(name))).toEqual([]);
    console.log(`general inquiry lifecycle: ${events.length} history events`);

    const closed = await handle.query<WorkflowMetadata>('__temporal_workflow_metadata');
    expect(closed.currentDetails).toMatch(/^\*\*已结案\*\*/);
  });

  it('a significant incident: the breach notice and the release name what they do', async () => {
    policy = fastPolicy({ overrides: { report: { amount: 2, unit: 'seconds' } } });
    const handle = await register({ category: 'hype', metrics: METRICS_FOR.significant, department: '宣传部' });
    expect(await (await handle.describe()).staticSummary()).toBe('【较大】网传某校食堂饭菜变质 · 宣传部');
    await waitForState(handle, (s) => s.timeline.some((e) => e.kind === 'notified' && e.text.includes('上报期限已过')));
    const meta = await handle.query<WorkflowMetadata>('__temporal_workflow_metadata');
    expect(meta.currentDetails).toContain('已超期 1 次：上报期限');

    await driveToEnd(handle, { verdict: 'confirmed', releases: 1, metricsUpdates: 0 });
    const events = (await handle.fetchHistory()).events ?? [];
    const activities = summaries(events, 'activityTaskScheduledEventAttributes');
    expect(activities).toContain(`通知 ${roleLabel('approver')}：上报期限已过`);
    expect(activities).toContain('发布 第1号通稿《情况通报（1）》');
  });
});
