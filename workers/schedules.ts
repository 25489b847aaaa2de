// The two roll-up Schedules (SPEC §7: weekly, and monthly before the 10th), created when a worker
// starts and brought up to date when they already exist: fixed ids make a restart, or several
// workers starting at once, converge on one Schedule of each kind. They live in Temporal, so the
// Temporal UI's Schedules page shows them and can pause, trigger or backfill them.
import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type CalendarSpec, type Client, type ScheduleOptionsStartWorkflowAction } from '@temporalio/client';
import { ROLLUP_TITLES, type RollupKind } from '../domain/rules/rollup-stats';
import { ROLLUP_WORKFLOW } from '../workflows/rollup/definitions';
import type { rollupWorkflow } from '../workflows/rollup/workflow';
import { inScript, type Script } from '../domain/script';

/** The Schedules' wall clock; the same place as the calendar's fixed +08:00 (China has no DST). */
const TIME_ZONE = 'Asia/Shanghai';

export const ROLLUP_SCHEDULES: Record<RollupKind, { id: string; at: CalendarSpec; note: string }> = {
  weekly: {
    id: 'yuqing-rollup-weekly',
    at: { dayOfWeek: 'MONDAY', hour: 9 },
    note: `每周一 09:00（北京时间）生成上一周的${ROLLUP_TITLES.weekly}`,
  },
  monthly: {
    id: 'yuqing-rollup-monthly',
    // the 5th leaves the first days of the month for late entries and is well before the 10th
    at: { dayOfMonth: 5, hour: 9 },
    note: `每月5日 09:00（北京时间）生成上一个月的${ROLLUP_TITLES.monthly}`,
  },
};

export interface RollupScheduleOptions {
  taskQueue: string;
  /** the organisation's local days, handed to each run */
  utcOffsetMinutes: number;
  /** the organisation's script, for each run's Temporal texts */
  script: Script;
}

function definition(kind: RollupKind, opts: RollupScheduleOptions) {
  const action: ScheduleOptionsStartWorkflowAction<typeof rollupWorkflow> = {
    type: 'startWorkflow',
    workflowType: ROLLUP_WORKFLOW,
    // the Schedule appends the scheduled time, so every run has its own id
    workflowId: `rollup-${kind}`,
    taskQueue: opts.taskQueue,
    // no period: each run derives it from its own scheduled time, which is what makes backfill work
    args: [{ kind, utcOffsetMinutes: opts.utcOffsetMinutes, script: opts.script }],
    staticSummary: inScript(ROLLUP_TITLES[kind], opts.script),
  };
  return {
    spec: { calendars: [ROLLUP_SCHEDULES[kind].at], timezone: TIME_ZONE },
    action,
    policies: {
      overlap: ScheduleOverlapPolicy.SKIP,
      // a worker or server down over the Monday morning still produces the report when it is back
      catchupWindow: '2 days',
    },
  };
}

/** Create-or-update, so the definition in code wins while a pause set in the Temporal UI survives. */
export async function ensureRollupSchedules(client: Client, opts: RollupScheduleOptions): Promise<void> {
  for (const kind of Object.keys(ROLLUP_SCHEDULES) as RollupKind[]) {
    const { id, note } = ROLLUP_SCHEDULES[kind];
    try {
      await client.schedule.create({ scheduleId: id, ...definition(kind, opts), state: { note } });
    } catch (err) {
      if (!(err instanceof ScheduleAlreadyRunning)) throw err;
      await client.schedule.getHandle(id).update((previous) => ({ ...definition(kind, opts), state: { paused: previous.state.paused, note: previous.state.note } }));
    }
  }
}
