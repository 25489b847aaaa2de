// One durable timer at a time, set for the earliest open deadline and re-planned whenever that
// changes. On expiry: record the breach, flag the search attribute, tell the level above, keep
// waiting (a late event is still accepted, marked late).
import { condition } from '@temporalio/workflow';
import { nextDeadline } from '../../domain/incident/deadline-book';
import { deadlineTimerSummary } from '../../domain/incident/details';
import type { OwedNotice } from '../../domain/incident/notices';
import type { Deadline } from '../../domain/model/state';
import { answerable } from '../../domain/incident/owners';
import { roleLabel } from '../../domain/rules/roles';
import { markdownText } from '../../domain/markup';
import { notify } from './effects';
import type { IncidentRun } from './run';
import { scriptOfState, wording, written } from '../../domain/script';

export async function watchDeadlines(run: IncidentRun): Promise<never> {
  for (;;) {
    const plan = run.deadlinePlan();
    const next = nextDeadline(run.state);
    if (!next) {
      await condition(() => run.deadlinePlan() !== plan);
      continue;
    }
    const wait = Date.parse(next.dueAt) - Date.now();
    if (wait > 0) {
      const replanned = await condition(() => run.deadlinePlan() !== plan, wait, { summary: written(run.state, deadlineTimerSummary(next, run.policy.calendar, scriptOfState(run.state))) });
      if (replanned) continue;
    }
    await breach(run, next);
  }
}

async function breach(run: IncidentRun, d: Deadline): Promise<void> {
  // the owner and their unit, as well as the role: a breach is held against a person (SPEC §4)
  const who = answerable(roleLabel(d.responsible), d.owner);
  const whoEn = answerable(roleLabel(d.responsible, 'en'), d.owner, 'en');
  run.update((s) => {
    d.breachedAt = new Date().toISOString();
    s.breachCount++;
    s.timeline.push({ at: d.breachedAt, kind: 'breach', text: written(s, `${d.label}已过（${who}），通知上一级`, `${d.label} missed (${whoEn}); the level above is told`) });
  });
  const s = run.state;
  const w = wording(scriptOfState(s));
  const notice: OwedNotice = {
    kind: 'breach',
    roles: run.levelAbove(d.responsible),
    title: w(`${d.label}已过`, `${d.label} missed`),
    markdown: w(
      `**${markdownText(s.incident.title)}**\n\n${d.label}已过，尚未完成（责任：${who}）。\n\n部门：${markdownText(s.incident.department)}`,
      `**${markdownText(s.incident.title)}**\n\n${d.label} is past due and not done (answerable: ${whoEn}).\n\nDepartment: ${markdownText(s.incident.department)}`,
    ),
    key: `breach:${d.kind}:${d.dueAt}`,
    deadline: { label: d.label, dueAt: d.dueAt },
  };
  // under the notice rules it goes with the others, so a robot that is down holds up no later breach
  if (run.rules.notices) run.owe([notice]);
  else await notify(run, notice);
}
