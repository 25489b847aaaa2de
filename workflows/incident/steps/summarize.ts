// Step 7 及时总结: the summary within 3 days of stabilisation, approved by leadership, then the
// 《舆情处置情况汇报》 is rendered (SPEC §2, §7).
import { condition } from '@temporalio/workflow';
import { renderDocument } from '../effects';
import type { IncidentRun } from '../run';

export async function summarize(run: IncidentRun): Promise<void> {
  const s = run.state;
  if (s.steps.summarize.status === 'done') return;
  run.setStep('summarize', 'active');
  await condition(() => s.summary?.decision === 'approved');
  const close = (state: typeof s) => void (state.closed = { at: new Date().toISOString(), outcome: 'completed' });
  // histories recorded before the one admission path told visibility only once the report was made
  if (run.rules.current) run.update(close);
  else close(s);
  // a drill closes with its own 演练总结 and files no 汇报 under the organisation's numbers
  await renderDocument(run, s.drill ? 'drillSummary' : 'summary');
  run.setStep('summarize', 'done');
}
