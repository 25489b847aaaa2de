// Sends the notices the run owes (IncidentRun.owe), each as its own activity as soon as it is owed,
// so a chat robot that is slow or down delays no decision, no step and no other notice. Runs in the
// workflow's root scope: the notice that an incident closed still goes out after its steps stop.
import { condition } from '@temporalio/workflow';
import { notify } from './effects';
import type { IncidentRun } from './run';

export async function sendNotices(run: IncidentRun): Promise<never> {
  for (;;) {
    await condition(() => run.outbox.length > 0);
    for (const notice of run.outbox.splice(0)) {
      void notify(run, notice).finally(() => run.busy--);
    }
  }
}

/** Resolves once every notice owed so far has been sent (or has failed for good). */
export function noticesSent(run: IncidentRun): Promise<void> {
  return condition(() => run.busy === 0);
}
