// Step 6 跟蹤監測: bulletins at the severity's interval until leadership marks the incident
// stable. Tracking can last weeks, so the workflow continues as new when its history grows.
import { condition, continueAsNew, workflowInfo } from '@temporalio/workflow';
import { computeDue, formatLocal } from '../../../domain/rules/deadlines';
import { renderDocument } from '../effects';
import type { IncidentRun } from '../run';
import type { incidentWorkflow } from '../workflow';

function historyTooLong(run: IncidentRun): boolean {
  const info = workflowInfo();
  return info.continueAsNewSuggested || info.historyLength >= run.policy.continueAsNewAfterEvents;
}

export async function track(run: IncidentRun): Promise<void> {
  const s = run.state;
  if (s.steps.track.status === 'done') return;
  run.setStep('track', 'active');
  while (!s.stabilisedAt) {
    if (historyTooLong(run)) await continueAsNewNow(run);
    const interval = run.policy.deadlines.bulletinInterval[s.severity];
    if (!interval) {
      await condition(() => !!s.stabilisedAt || !!run.policy.deadlines.bulletinInterval[s.severity] || historyTooLong(run));
      continue;
    }
    const severity = s.severity;
    const next = s.seq.bulletin + 1;
    const dueMs = computeDue(Date.parse(s.steps.track.startedAt!), { ...interval, amount: interval.amount * next }, run.policy.calendar).dueMs;
    const woke = await condition(() => !!s.stabilisedAt || s.severity !== severity || historyTooLong(run), Math.max(dueMs - Date.now(), 1), {
      summary: `網絡輿情通報 第${next}期 於 ${formatLocal(dueMs, run.policy.calendar)}`,
    });
    if (woke) continue;
    s.seq.bulletin = next;
    await renderDocument(run, 'bulletin', next);
  }
  run.setStep('track', 'done');
}

async function continueAsNewNow(run: IncidentRun): Promise<never> {
  // no side effect may be cut off halfway: wait for activities in flight to return
  await condition(() => run.busy === 0);
  run.update((s) => s.generation++);
  run.record('continued', `歷史記錄較長，延續為新執行（第${run.state.generation}代），狀態與時間線完整保留`);
  return continueAsNew<typeof incidentWorkflow>(run.input, run.state);
}
