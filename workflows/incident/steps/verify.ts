// Step 2 调查核实: the department's findings, accepted by someone other than their author.
import { condition } from '@temporalio/workflow';
import type { IncidentRun } from '../run';

export async function verify(run: IncidentRun): Promise<void> {
  if (run.state.steps.verify.status === 'done') return;
  run.setStep('verify', 'active');
  await condition(() => run.state.findings?.accepted === true);
  run.setStep('verify', 'done');
}

/** Steps 3–5 act on the findings; they cannot finish before the facts are established. */
export function factsEstablished(run: IncidentRun): boolean {
  return run.state.findings?.accepted === true;
}
