// Step 1 舆情监测研判: an alert's 研判 by a monitor, the special report, the report upward, and
// for major/critical the leadership's approval of the handling plan before handling starts (SPEC §2).
import { condition } from '@temporalio/workflow';
import { renderDocument } from '../effects';
import type { IncidentRun } from '../run';
import { needsPlanApproval, reportedEnough } from '../../../domain/decisions/changes';
import type { IncidentState } from '../../../domain/model/state';

export async function monitor(run: IncidentRun): Promise<void> {
  const s = run.state;
  if (s.steps.monitor.status === 'done') return;
  if (!s.documents.some((d) => d.name === 'special')) await renderDocument(run, 'special');
  await condition(() => (!s.origin || !!s.assessment?.confirmed) && reportedEnough(s) && (!needsPlanApproval(s) || s.plan?.decision === 'approved'));
  run.setStep('monitor', 'done');
}

const approvals = (s: IncidentState) => s.plan?.decisions?.filter((d) => d.approve).length ?? 0;

/**
 * Each approval of a drafted plan brings out a new edition of the 专报 carrying the plan as approved
 * (the second after the first approval, a third after a rise had it approved again); the earlier
 * editions stay as they were sent.
 */
export async function planEditions(run: IncidentRun): Promise<never> {
  let shown = approvals(run.state);
  for (;;) {
    await condition(() => approvals(run.state) > shown);
    shown = approvals(run.state);
    await renderDocument(run, 'special', shown + 1);
  }
}
