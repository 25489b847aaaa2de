// The feed watch's name, input and result, shared with its Schedule and tests.
import { z } from 'zod';
import { LANGS } from '../../domain/labels';
import type { PollFeedResult } from '../../activities/feeds';

export const FEED_WATCH_WORKFLOW = 'feedWatchWorkflow';

export const FeedWatchInput = z.object({
  feeds: z.array(z.string().min(1)).min(1),
  /** the organisation's script for the pass's Temporal texts; a Schedule from before it wrote Simplified */
  script: z.enum(LANGS).default('zh-Hans'),
});
export type FeedWatchInput = z.infer<typeof FeedWatchInput>;

export interface FeedWatchResult {
  polled: PollFeedResult[];
  failed: { feed: string; error: string }[];
}
