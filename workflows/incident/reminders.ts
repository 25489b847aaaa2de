// Reminds the owner of an open deadline before it passes (dueSoon): one durable timer at a time, set
// for the next reminder owed and planned again whenever the deadlines move, as the watcher does for
// the deadlines themselves (deadline-watch.ts). Reminder times are domain/incident/notices.ts's.
import { condition } from '@temporalio/workflow';
import { dueSoonNotice, nextReminder, reminderPlan } from '../../domain/incident/notices';
import { formatLocal, formatLocalFull } from '../../domain/rules/deadlines';
import type { IncidentRun } from './run';
import { written } from '../../domain/script';

export async function remindDeadlines(run: IncidentRun): Promise<never> {
  for (;;) {
    const plan = reminderPlan(run.state);
    const replanned = () => reminderPlan(run.state) !== plan;
    const next = nextReminder(run.state, run.policy);
    if (!next) {
      await condition(replanned);
      continue;
    }
    const wait = next.atMs - Date.now();
    const d = next.deadline;
    const dueMs = Date.parse(d.dueAt);
    const summary = written(run.state, `提醒：${d.label} 至 ${formatLocal(dueMs, run.policy.calendar)}`, `Reminder: ${d.label} due ${formatLocalFull(dueMs, run.policy.calendar)}`);
    if (wait > 0 && (await condition(replanned, wait, { summary }))) continue;
    // a worker that was down past the due time leaves the deadline to the watcher: no late reminder
    const owed = Date.now() < Date.parse(d.dueAt) ? [dueSoonNotice(d, run.state, run.policy, Date.now())] : [];
    run.update(() => void (d.remindedFor = d.dueAt));
    run.owe(owed);
  }
}
