// Step 3 协调处置: the actions the category and the verdict require (SPEC §6), online and offline.
import { condition } from '@temporalio/workflow';
import type { IncidentRun } from '../run';
import { missingActions } from '../../../domain/rules/categories';
import { factsEstablished } from './verify';

export async function coordinate(run: IncidentRun): Promise<void> {
  const s = run.state;
  if (s.steps.coordinate.status === 'done') return;
  run.setStep('coordinate', 'active');
  await condition(() => factsEstablished(run) && missingActions(s.category, s.findings!.verdict, s.actions).length === 0);
  run.setStep('coordinate', 'done');
}
