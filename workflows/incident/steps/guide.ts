// Step 4 正面引导: at least one official, attributed response in the organisation's name, counted
// once leadership approved it (histories from before: once recorded).
import { condition } from '@temporalio/workflow';
import { responseCounts } from '../../../domain/decisions/handling';
import type { IncidentRun } from '../run';
import { factsEstablished } from './verify';

export async function guide(run: IncidentRun): Promise<void> {
  if (run.state.steps.guide.status === 'done') return;
  run.setStep('guide', 'active');
  await condition(() => factsEstablished(run) && run.state.responses.some(responseCounts));
  run.setStep('guide', 'done');
}
