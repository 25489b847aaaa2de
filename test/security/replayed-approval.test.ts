// Attack: the leader's 退回 and 通过 of a release go out together, both validly signed; 退回 wins
// and 通过 is refused as not pending. Whoever holds the refused 通过 (a log, a proxy, the Temporal
// UI's history) sends it again, unchanged, once the drafter has written version 2 and the office has
// reviewed it: version 2 would be approved, and published, without the leader ever seeing it. A
// refused decision's nonce is spent too, and an approval names the version it saw (draftHash).
import { randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { signParsed } from '../../domain/decisions/admission';
import type { IncidentState } from '../../domain/model/state';
import { decisionSignals, INCIDENT_WORKFLOW } from '../../workflows/incident/definitions';
import { useServerAndWorker } from '../helpers/temporal';
import { nextDecision, send, waitForState } from '../workflows/driver';
import { incidentInput, METRICS_FOR, people, TEST_KEY } from '../workflows/fixtures';

const running = useServerAndWorker();

const awaited = (s: IncidentState, name: 'releaseReviewed' | 'releaseApproved') => s.pendingDecisions.find((p) => p.name === name && p.releaseNo === 1);

/** Plays the duty team until `done` holds. */
async function driveUntil(handle: WorkflowHandle, done: (s: IncidentState) => boolean): Promise<IncidentState> {
  // a new incident answers its query before its first decisions are open (while trust is checked)
  let s = await waitForState(handle, (n) => done(n) || !!nextDecision(n));
  while (!done(s)) {
    const step = nextDecision(s)!;
    const seen = s.timeline.length;
    await send(handle, step);
    s = await waitForState(handle, (n) => done(n) || (n.timeline.slice(seen).some((e) => e.decision === step.name) && !!nextDecision(n)));
  }
  return s;
}

/** The next entry a releaseApproved leaves in the timeline after `seen` entries: applied or refused. */
const verdictAfter = async (handle: WorkflowHandle, seen: number) => {
  const s = await waitForState(handle, (n) => n.timeline.slice(seen).some((e) => e.decision === 'releaseApproved'));
  return { s, entry: s.timeline.slice(seen).find((e) => e.decision === 'releaseApproved')! };
};

const approval = (handle: WorkflowHandle, fields: { approve: boolean; comment?: string; draftHash?: string }, payload = { releaseNo: 1, ...fields, by: people.leader }) =>
  signParsed('releaseApproved', payload, { workflowId: handle.workflowId, keyId: TEST_KEY.keyId, privateKey: TEST_KEY.privateKey, issuedAt: new Date().toISOString(), nonce: randomUUID() });

/**
 * An incident whose release 1 the leader returned (退回 and 通过 sent together, 通过 refused as not
 * pending), then redrafted as version 2 and reviewed by the office: 审定 is awaited on version 2.
 */
async function returnedAndRedrafted() {
  const input = incidentInput({ fields: { metrics: METRICS_FOR.major, category: 'hype' } });
  const handle = await running.env().client.workflow.start(INCIDENT_WORKFLOW, { taskQueue: running.worker().taskQueue, workflowId: `replay-${input.requestId}`, args: [input] });
  let s = await driveUntil(handle, (n) => !!awaited(n, 'releaseApproved'));
  const v1 = awaited(s, 'releaseApproved')!.draftHash;

  // 退回 and 通过 at once: both signed, 退回 first
  const back = approval(handle, { approve: false, comment: '请补充核查结论', draftHash: v1 });
  const pass = approval(handle, { approve: true, draftHash: v1 });
  const seen = s.timeline.length;
  await handle.signal(decisionSignals.releaseApproved, back);
  await handle.signal(decisionSignals.releaseApproved, pass);
  s = await waitForState(handle, (n) => n.timeline.slice(seen).filter((e) => e.decision === 'releaseApproved').length === 2);
  const [returned, refused] = s.timeline.slice(seen).filter((e) => e.decision === 'releaseApproved');
  expect(returned!.kind).not.toBe('rejected');
  expect(refused!.kind).toBe('rejected');
  expect(refused!.text).toContain('目前不在待办之列');
  expect(s.releases[0]!.status).toBe('returned');

  // version 2, reviewed by the office
  await send(handle, { name: 'releaseDrafted', by: people.handler, fields: { releaseNo: 1, kind: 'facts', title: '情况通报（1）', body: '经再次核查，情况如下……（第二版）', channels: ['官方网站'] } });
  s = await waitForState(handle, (n) => !!awaited(n, 'releaseReviewed'));
  await send(handle, { name: 'releaseReviewed', by: people.office, fields: { releaseNo: 1, approve: true, draftHash: awaited(s, 'releaseReviewed')!.draftHash } });
  s = await waitForState(handle, (n) => !!awaited(n, 'releaseApproved'));
  return { handle, s, v1, v2: awaited(s, 'releaseApproved')!.draftHash, pass };
}

describe('审定 after a return: only the leader\'s fresh word on version 2 counts', () => {
  it('the refused 通过, replayed unchanged, does not approve version 2: its nonce was spent', async () => {
    const { handle, s, pass } = await returnedAndRedrafted();
    // exactly as it was signed, well within the signature's 5 minutes
    await handle.signal(decisionSignals.releaseApproved, pass);
    const replayed = await verdictAfter(handle, s.timeline.length);
    expect(replayed.entry.kind).toBe('rejected');
    expect(replayed.entry.text).toContain('重放的决定（nonce 已使用）');
    expect(replayed.s.releases[0]!.status).toBe('reviewed');
    expect(replayed.s.releases[0]!.reviews.filter((r) => r.stage === 'approval' && r.approve)).toEqual([]);
    await handle.terminate('test done');
  });

  it('a freshly signed approval naming version 1 is refused as stale; one naming version 2 goes through', async () => {
    const { handle, s, v1, v2 } = await returnedAndRedrafted();
    await handle.signal(decisionSignals.releaseApproved, approval(handle, { approve: true, draftHash: v1 }));
    const stale = await verdictAfter(handle, s.timeline.length);
    expect(stale.entry.kind).toBe('rejected');
    expect(stale.entry.text).toContain('所审版本已变更');
    expect(stale.s.releases[0]!.status).toBe('reviewed');
    expect(v2).not.toBe(v1);

    // control: approving what is awaited now goes through
    await handle.signal(decisionSignals.releaseApproved, approval(handle, { approve: true, draftHash: v2 }));
    const approved = await verdictAfter(handle, stale.s.timeline.length);
    expect(approved.entry.kind).not.toBe('rejected');
    expect(approved.s.releases[0]!.status).toMatch(/approved|published/);
    await handle.terminate('test done');
  });
});
