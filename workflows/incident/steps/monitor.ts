// Step 1 輿情監測研判: an alert's 研判 by a monitor, the special report, the report upward, and
// for major/critical the leadership's approval of the handling plan before handling starts (SPEC §2).
import { condition } from '@temporalio/workflow';
import { renderDocument } from '../effects';
import type { IncidentRun } from '../run';
import { needsPlanApproval, reportedEnough } from '../../../domain/decisions/changes';

export async function monitor(run: IncidentRun): Promise<void> {
  const s = run.state;
  if (s.steps.monitor.status === 'done') return;
  if (!s.documents.some((d) => d.name === 'special')) await renderDocument(run, 'special');
  await condition(() => (!s.origin || !!s.assessment?.confirmed) && reportedEnough(s) && (!needsPlanApproval(s) || s.plan?.decision === 'approved'));
  run.setStep('monitor', 'done');
}
