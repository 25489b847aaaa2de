// Keeps the search attribute IncidentDueSoon true from an hour before the next deadline until it is
// met or passed: one durable timer at a time, for the hour mark of the deadline the watcher sleeps
// on (deadline-watch.ts), planned again whenever that deadline changes. Every other change already
// refreshes the attributes; only the passing of time needs this timer.
import { condition } from '@temporalio/workflow';
import { dueSoonFrom } from '../../domain/incident/listing';
import { nextDeadline } from '../../domain/incident/deadline-book';
import { formatLocal } from '../../domain/rules/deadlines';
import type { IncidentRun } from './run';

export async function flagDueSoon(run: IncidentRun): Promise<never> {
  for (;;) {
    const plan = run.deadlinePlan();
    const replanned = () => run.deadlinePlan() !== plan;
    const from = dueSoonFrom(run.state);
    const wait = from === undefined ? 0 : from - Date.now();
    if (wait > 0) {
      const d = nextDeadline(run.state)!;
      const summary = `标记一小时内到期：${d.label} 至 ${formatLocal(Date.parse(d.dueAt), run.policy.calendar)}`;
      if (await condition(replanned, wait, { summary })) continue;
      run.refresh();
    }
    await condition(replanned);
  }
}
