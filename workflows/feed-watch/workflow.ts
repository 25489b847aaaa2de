// feedWatchWorkflow: one pass over the configured feeds, started every few minutes by the Schedule
// of workers/feed-schedule.ts (overlap SKIP: a slow pass is never doubled). Each feed is polled by
// its own activity, so one feed that is down neither delays nor fails the others; the pass fails
// at the end, naming those feeds, so the Schedule's recent runs in the Temporal UI show it.
import { ActivityFailure, type ActivityOptions, ApplicationFailure, proxyActivities, setCurrentDetails } from '@temporalio/workflow';
import { z } from 'zod';
import { inScript, type Script } from '../../domain/script';
import { FeedWatchInput, type FeedWatchResult } from './definitions';
import type { FeedActivities, PollFeedResult } from '../../activities/feeds';

const POLL_OPTIONS = {
  startToCloseTimeout: '5m',
  heartbeatTimeout: '1m',
  // a feed that stays down is tried again by the next pass; three quick tries cover a blip
  retry: { initialInterval: '5s', backoffCoefficient: 2, maximumInterval: '30s', maximumAttempts: 3 },
} satisfies ActivityOptions;

const pollFeed = (feed: string, script: Script) => proxyActivities<FeedActivities>({ ...POLL_OPTIONS, summary: inScript(`抓取订阅源 ${feed}`, script, `Poll the feed ${feed}`) }).pollFeed({ feed });

const reason = (err: unknown) => (err instanceof ActivityFailure && err.cause ? err.cause.message : err instanceof Error ? err.message : String(err));

export async function feedWatchWorkflow(raw: z.input<typeof FeedWatchInput>): Promise<FeedWatchResult> {
  const parsed = FeedWatchInput.safeParse(raw);
  if (!parsed.success) throw ApplicationFailure.nonRetryable(`invalid feed watch input: ${z.prettifyError(parsed.error)}`, 'InvalidFeedWatchInput');
  const { feeds, script } = parsed.data;
  const details = (zh: string, en: string) => setCurrentDetails(inScript(zh, script, en));
  details(`**订阅源巡检** 共 ${feeds.length} 个订阅源，抓取中`, `**Feed watch** ${feeds.length} feeds, polling`);

  const settled = await Promise.allSettled(feeds.map((feed) => pollFeed(feed, script)));
  const result: FeedWatchResult = { polled: [], failed: [] };
  settled.forEach((s, i) => (s.status === 'fulfilled' ? result.polled.push(s.value) : result.failed.push({ feed: feeds[i]!, error: reason(s.reason) })));

  const created = result.polled.reduce((n, p) => n + p.created.length, 0);
  const matched = result.polled.reduce((n, p) => n + p.matched, 0);
  const failed = result.failed.map((f) => f.feed);
  details(
    `**订阅源巡检** 共 ${feeds.length} 个订阅源，命中 ${matched} 条，新登记 ${created} 件${failed.length ? `\n\n未能抓取：${failed.join('、')}` : ''}`,
    `**Feed watch** ${feeds.length} feeds, ${matched} matches, ${created} new incidents${failed.length ? `\n\nNot polled: ${failed.join(', ')}` : ''}`,
  );
  if (result.failed.length) {
    throw ApplicationFailure.create({
      message: `feeds not polled: ${result.failed.map((f) => `${f.feed} (${f.error})`).join('; ')}`,
      type: 'FeedsNotPolled',
      nonRetryable: true,
      details: [result],
    });
  }
  return result;
}
