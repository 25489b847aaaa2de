// Keeps the search attribute IncidentDueSoon true from an hour before the next deadline until it is
// met or passed: one durable timer at a time, for the hour mark of the deadline the watcher sleeps
// on (deadline-watch.ts), planned again whenever that deadline changes. Every other change already
// refreshes the attributes; only the passing of time needs this timer.
import { condition } from '@temporalio/workflow';
import { dueSoonFrom } from '../../domain/incident/listing';
import { nextDeadline } from '../../domain/incident/deadline-book';
import { formatLocal, formatLocalFull } from '../../domain/rules/deadlines';
import { scriptOfState, wording } from '../../domain/script';
import type { IncidentRun } from './run';

export async function flagDueSoon(run: IncidentRun): Promise<never> {
  for (;;) {
    const plan = run.deadlinePlan();
    const replanned = () => run.deadlinePlan() !== plan;
    const from = dueSoonFrom(run.state);
    const wait = from === undefined ? 0 : from - Date.now();
    if (wait > 0) {
      const d = nextDeadline(run.state)!;
      const dueMs = Date.parse(d.dueAt);
      // composed, not converted: a Traditional run's summary has always read as composed here
      const summary = wording(scriptOfState(run.state))(`标记一小时内到期：${d.label} 至 ${formatLocal(dueMs, run.policy.calendar)}`, `Mark due within the hour: ${d.label} due ${formatLocalFull(dueMs, run.policy.calendar)}`);
      if (await condition(replanned, wait, { summary })) continue;
      run.refresh();
    }
    await condition(replanned);
  }
}
