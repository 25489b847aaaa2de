// Step 4 正面引導: at least one official, attributed response in the organisation's name.
import { condition } from '@temporalio/workflow';
import type { IncidentRun } from '../run';
import { factsEstablished } from './verify';

export async function guide(run: IncidentRun): Promise<void> {
  if (run.state.steps.guide.status === 'done') return;
  run.setStep('guide', 'active');
  await condition(() => factsEstablished(run) && run.state.responses.length > 0);
  run.setStep('guide', 'done');
}
