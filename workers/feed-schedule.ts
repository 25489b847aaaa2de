// The feed watcher's Schedule: every `intervalMinutes` a pass over the feeds of YUQING_FEEDS_CONFIG,
// created when a worker starts and brought up to date when it exists (a fixed id, so restarts and
// several workers converge on one). Without a feeds file there is nothing to poll, and a Schedule
// left from an earlier configuration is deleted rather than left to fail every few minutes.
import { ScheduleAlreadyRunning, ScheduleNotFoundError, ScheduleOverlapPolicy, type Client, type ScheduleOptionsStartWorkflowAction } from '@temporalio/client';
import type { FeedsConfig } from '../config/feeds';
import { inScript, type Script } from '../domain/script';
import { FEED_WATCH_WORKFLOW } from '../workflows/feed-watch/definitions';
import type { feedWatchWorkflow } from '../workflows/feed-watch/workflow';

export const FEED_SCHEDULE_ID = 'yuqing-feed-watch';

function definition(taskQueue: string, feeds: FeedsConfig, script: Script) {
  const action: ScheduleOptionsStartWorkflowAction<typeof feedWatchWorkflow> = {
    type: 'startWorkflow',
    workflowType: FEED_WATCH_WORKFLOW,
    // the Schedule appends the scheduled time, so every pass has its own id
    workflowId: 'feed-watch',
    taskQueue,
    args: [{ feeds: feeds.feeds.map((f) => f.name), script }],
    staticSummary: inScript('订阅源巡检', script),
  };
  return {
    spec: { intervals: [{ every: `${feeds.intervalMinutes}m` }] },
    action,
    policies: {
      overlap: ScheduleOverlapPolicy.SKIP,
      // passes missed while the server was down are not worth replaying: the next one reads the same feeds
      catchupWindow: '1m',
    },
  };
}

/** `script`: the organisation's, for the Schedule's and each pass's Temporal texts (Simplified when absent) */
export async function ensureFeedSchedule(client: Client, opts: { taskQueue: string; feeds: FeedsConfig | undefined; script?: Script }): Promise<void> {
  const { feeds, script = 'zh-Hans' } = opts;
  if (!feeds) {
    await client.schedule.getHandle(FEED_SCHEDULE_ID).delete().catch((err: unknown) => {
      if (!(err instanceof ScheduleNotFoundError)) throw err;
    });
    return;
  }
  const note = inScript(`每 ${feeds.intervalMinutes} 分钟巡检 ${feeds.feeds.length} 个订阅源`, script);
  try {
    await client.schedule.create({ scheduleId: FEED_SCHEDULE_ID, ...definition(opts.taskQueue, feeds, script), state: { note } });
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    // the definition in code wins; a pause set in the Temporal UI survives
    await client.schedule.getHandle(FEED_SCHEDULE_ID).update((previous) => ({ ...definition(opts.taskQueue, feeds, script), state: { paused: previous.state.paused, note } }));
  }
}
