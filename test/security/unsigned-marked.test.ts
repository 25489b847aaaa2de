// Attack: under `unsignedDecisions: 'accept-marked'`, someone with Temporal access sends decisions
// straight to the workflow, unsigned. They are accepted, but every record they wrote must say so
// wherever it is shown (the release file, the 汇报 and 专报, the roll-up's counts, the incident
// page), not only the timeline: a reader must never take an unsigned 审定 for an authenticated one.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toMarkdown } from '../../activities/templates/doc';
import { rollupReport } from '../../activities/templates/rollup';
import { UNSIGNED_MARK } from '../../activities/templates/labels';
import type { IncidentState, Release } from '../../domain/model/state';
import { periodLabel, previousPeriod, rollupRow, rollupStats } from '../../domain/rules/rollup-stats';
import { INCIDENT_WORKFLOW } from '../../workflows/incident/definitions';
import { activitiesOn, incidentState, users, WORKFLOW_ID } from '../activities/fixtures';
import { asSession } from '../api/harness';
import { useAppAndBrowser } from '../browser/chromium';
import { nextDecision, send, waitForState } from '../workflows/driver';
import { fastPolicy, incidentInput, METRICS_FOR } from '../workflows/fixtures';

const mark = <T extends object>(record: T): T & { unsigned: true } => ({ ...record, unsigned: true });

/** The fixture incident with every decision taken unsigned, as the workflow records it under accept-marked. */
function unsignedState(): IncidentState {
  const s = incidentState();
  return {
    ...s,
    plan: mark(s.plan!),
    reports: s.reports.map(mark),
    findings: { ...mark(s.findings!), reviewUnsigned: true },
    actions: s.actions.map(mark),
    responses: s.responses.map(mark),
    releases: s.releases.map((r) => ({ ...mark(r), reviews: r.reviews.map(mark) })),
    escalations: [...s.escalations, mark({ from: 'significant' as const, to: 'major' as const, reason: '涉及学生健康，领导决定升级', by: users.leader, at: '2026-11-25T10:00:00.000Z' })],
    replyExtension: mark({ reason: '需等待检测报告', requestedBy: users.office, requestedAt: '2026-11-25T02:00:00.000Z', decision: 'approved' as const, decidedBy: users.leader, decisionUnsigned: true as const }),
    summary: { ...mark(s.summary!), decision: 'returned', decidedBy: users.leader, comment: '补充整改措施', decisionUnsigned: true },
    timeline: s.timeline.map((e) => (e.decision ? { ...e, signed: false } : e)),
  };
}

const count = (text: string, what: string) => text.split(what).length - 1;

describe('records of unsigned decisions, rendered from fixture states', () => {
  let on: Awaited<ReturnType<typeof activitiesOn>>;
  beforeAll(async () => {
    on = await activitiesOn();
  });
  afterAll(() => on?.cleanup());

  it('the published release file marks an unsigned 审定', async () => {
    const release: Release = { ...unsignedState().releases[0]!, status: 'approved', publishedAt: undefined, publishedRefs: undefined };
    const { refs } = await on.activities.publishRelease({ idempotencyKey: `${WORKFLOW_ID}/release/1`, workflowId: WORKFLOW_ID, release });
    const text = await readFile(join(on.dataDir, refs[0]!), 'utf8');
    expect(text).toContain(`- **审定**：赵校长${UNSIGNED_MARK}，2026年11月25日 16:20`);
  });

  it('the 汇报 marks every record an unsigned decision wrote, and the 专报 the plan', async () => {
    const doc = async (state: IncidentState, kind: 'summary' | 'special') => {
      const ref = await on.activities.renderDocument({ idempotencyKey: `${state.workflowId}:${kind}:${Math.random()}`, kind, state });
      return readFile(join(on.dataDir, ref.paths.markdown), 'utf8');
    };
    const summary = await doc(unsignedState(), 'summary');
    // the chronology 8 (reports 2, the plan's approval, the response, the escalation, findings review and submission, stabilisation);
    // reports 2, findings 2, actions 2, the plan 1, the release's draft, 审改 and 审定 3, the response 1, reply extension 2, summary 2
    expect(count(summary, UNSIGNED_MARK)).toBe(23);
    expect(summary).toContain(`**审批情况**：已批准（赵校长${UNSIGNED_MARK}，`);
    expect(summary).toContain(`**提交**：王科长${UNSIGNED_MARK}，`);
    expect(summary).toContain(`采纳（陈主任${UNSIGNED_MARK}，`);
    expect(summary).toContain(`**起草**：王科长${UNSIGNED_MARK}，`);
    expect(summary).toContain(`**审定**：赵校长${UNSIGNED_MARK}，`);
    expect(summary).toContain(`- 11月24日 10:30 赵校长${UNSIGNED_MARK}批准处置方案。`);
    expect(summary).toContain('- 17项决定未经系统签名即按标记接受（审批处置方案1项、上报2项');
    expect(summary).toContain(`| 区教育局 | 口头 | — | 陈主任${UNSIGNED_MARK} | 按时 |`);
    expect(summary).toContain(`陈主任${UNSIGNED_MARK}于2026年11月25日 10:00申请答复延期`);
    expect(summary).toContain(`**总结提交**：陈主任${UNSIGNED_MARK}，`);
    expect(summary).toContain(`退回修改（赵校长${UNSIGNED_MARK}）`);
    // signed decisions carry no mark
    expect(count(await doc(incidentState(), 'summary'), UNSIGNED_MARK)).toBe(0);

    expect(await doc(unsignedState(), 'special')).toContain(`已批准（赵校长${UNSIGNED_MARK}，`);
  });

  it('the roll-up counts decisions taken unsigned per incident and in total', () => {
    const other = incidentState({ workflowId: 'incident-20261124-0000000001' });
    other.timeline = other.timeline.map((e) => (e.decision === 'stabilised' ? { ...e, signed: false } : e));
    const signed = incidentState({ workflowId: 'incident-20261124-0000000002' });
    const rows = [rollupRow(unsignedState()), rollupRow(other), rollupRow(signed)];
    expect(rows.map((r) => r.unsignedDecisions)).toEqual([5, 1, 0]);
    const stats = rollupStats(rows);
    expect(stats.unsignedDecisions).toBe(6);

    const period = previousPeriod('weekly', Date.parse('2026-11-30T02:00:00.000Z'), 480);
    const text = toMarkdown(rollupReport({ name: 'weekly-2026-11-23', title: '《网络舆情周报》', label: periodLabel(period, 480), period, stats, rows, unreadable: [] }, 'http://127.0.0.1:3000', new Date()));
    expect(text).toContain('**未签名的决定**：6 项');
    expect(text).toContain(`(<http://127.0.0.1:3000/incidents/${WORKFLOW_ID}>) | 5 项 |`);
    expect(text).toContain(`(<http://127.0.0.1:3000/incidents/${other.workflowId}>) | 1 项 |`);
    expect(text).not.toContain(`(<http://127.0.0.1:3000/incidents/${signed.workflowId}>) | 0 项 |`);
  });
});

describe('the incident page', () => {
  const live = useAppAndBrowser();

  /** The page of `workflowId` as the monitor sees it, once its releases show. */
  async function releasesOn(workflowId: string) {
    const { cookie } = await asSession(live.app().baseUrl, 'monitor');
    const [name, value] = cookie.split('=') as [string, string];
    const context = await live.browser().newContext({ locale: 'zh-TW' });
    await context.addCookies([{ name, value, url: live.app().baseUrl }]);
    const page = await context.newPage();
    await page.goto(`${live.app().baseUrl}/incidents/${workflowId}`);
    await page.locator('#releases article').first().waitFor();
    return { page, close: () => context.close() };
  }

  it('marks an unsigned draft and each unsigned review of a release (fixture state, carried into a real workflow)', async () => {
    // a workflow continued as new takes over the state it is handed: the fixture, unsigned records and all
    const input = incidentInput({ policy: fastPolicy() });
    await live.app().env.client.workflow.start(INCIDENT_WORKFLOW, { taskQueue: live.app().worker.taskQueue, workflowId: WORKFLOW_ID, args: [input, unsignedState()] });
    const { page, close } = await releasesOn(WORKFLOW_ID);
    const release = page.locator('#releases article[data-release-no="1"]');
    expect(await release.locator('p.muted').textContent()).toContain(`王科长${UNSIGNED_MARK}`);
    expect(await release.locator('ol.reviews li').allTextContents()).toEqual([
      expect.stringContaining(`陈主任${UNSIGNED_MARK} · 退回`),
      expect.stringContaining(`陈主任${UNSIGNED_MARK} · 通过`),
      expect.stringContaining(`赵校长${UNSIGNED_MARK} · 通过`),
    ]);
    await close();
  });

  // the decision code (domain/decisions/apply.ts, the lead's) does not yet write `unsigned` into records
  /** An incident under accept-marked whose duty team sends every decision as the Temporal UI would, without `auth`, until its first release is reviewed. */
  async function driveUnsigned(): Promise<{ workflowId: string; state: IncidentState; sent: number }> {
    const policy = fastPolicy();
    const input = incidentInput({ fields: { metrics: METRICS_FOR.significant }, policy: { ...policy, signing: { ...policy.signing, unsignedDecisions: 'accept-marked' } } });
    const workflowId = `incident-20261201-${input.requestId.replace(/-/g, '').slice(0, 10)}`;
    const handle = await live.app().env.client.workflow.start(INCIDENT_WORKFLOW, { taskQueue: live.app().worker.taskQueue, workflowId, args: [input] });
    const scenario = { verdict: 'confirmed' as const, releases: 1, metricsUpdates: 0 };
    let s = await waitForState(handle, (n) => !!nextDecision(n, scenario));
    let sent = 0;
    while (!s.releases[0]?.reviews.length) {
      const step = nextDecision(s, scenario);
      if (!step) {
        s = await waitForState(handle, (n) => !!nextDecision(n, scenario) || !!n.releases[0]?.reviews.length);
        continue;
      }
      const seen = s.timeline.length;
      await send(handle, step, { signed: false });
      sent++;
      s = await waitForState(handle, (n) => n.timeline.slice(seen).some((e) => e.decision === step.name));
    }
    return { workflowId, state: s, sent };
  }

  it('the roll-up row of a real incident counts the decisions it took unsigned', async () => {
    const { state, sent } = await driveUnsigned();
    expect(sent).toBeGreaterThanOrEqual(5);
    expect(rollupRow(state).unsignedDecisions).toBe(sent);
  });

  it('marks a release drafted and reviewed by decisions sent straight to Temporal under accept-marked', async () => {
    const { workflowId, state } = await driveUnsigned();
    expect(state.releases[0]).toMatchObject({ unsigned: true, reviews: [{ unsigned: true }] });
    expect(state.reports[0]).toMatchObject({ unsigned: true });
    const { page, close } = await releasesOn(workflowId);
    expect(await page.locator('#releases .unsigned').count()).toBe(2);
    await close();
  });
});
