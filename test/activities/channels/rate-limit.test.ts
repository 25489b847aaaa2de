// A burst of notices to one robot stays within the robot's limit and loses nothing: the queue
// spaces messages out and merges what waits when the window is full. The robots here enforce a
// limit of 20 messages per 2 s (a minute's limit, shortened so the test is quick) and answer any
// message beyond it with their "too fast" code.
import { CancelledFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApplicationFailure } from '@temporalio/common';
import { breach, channelTests, keepArtifact } from './fixtures';
import { type Platform, startRobot } from './robots';

const t = channelTests();
afterEach(() => t.cleanup());

const SECRET = 'SECburst';

async function robotWithLimit(platform: Platform, rateLimit: { messages: number; perSeconds: number }, env: Record<string, string> = {}) {
  const robot = await startRobot(platform, { secret: SECRET, limit: { messages: rateLimit.messages, perMs: rateLimit.perSeconds * 1000 } });
  t.later(robot.close);
  const channel = { type: platform, webhook: { env: 'ROBOT_WEBHOOK' }, ...(platform !== 'wecom' && { secret: { env: 'ROBOT_SECRET' } }), rateLimit };
  const { activities } = await t.activities({ channels: { duty: channel }, routes: [{ roles: ['approver'], channels: ['duty'] }] }, { ROBOT_WEBHOOK: robot.webhook, ROBOT_SECRET: SECRET, ...env });
  return { robot, activities };
}

/** the most arrivals in any window of this length */
function busiestWindow(times: number[], ms: number): number {
  return Math.max(0, ...times.map((start) => times.filter((at) => at >= start && at < start + ms).length));
}

describe('rate limit', () => {
  it.each<Platform>(['wecom', 'dingtalk', 'feishu'])('%s: a burst of 50 notices arrives within 20 per window, every one of them', async (platform) => {
    const { robot, activities } = await robotWithLimit(platform, { messages: 20, perSeconds: 2 });
    const titles = Array.from({ length: 50 }, (_, i) => `第${i + 1}号期限已过`);

    const results = await Promise.all(titles.map((title, i) => activities.notify(breach({ idempotencyKey: `burst-${i}`, title }))));

    expect(results.every((r) => r.delivered.includes(`${platform}:duty`))).toBe(true);
    // the robot never had to say "too fast": nothing was refused, so nothing was lost on its side
    expect(robot.shown()).toHaveLength(robot.arrivals.length);
    expect(busiestWindow(robot.arrivals.map((a) => a.at), 2000)).toBeLessThanOrEqual(20);
    const shown = robot.shown().join('\n');
    for (const title of titles) expect(shown).toContain(`【逾期】${title}**`);
    // fewer messages than notices: the backlog was merged
    expect(robot.arrivals.length).toBeLessThan(50);
    const merged = robot.shown().find((text) => text.includes('合并发送'));
    expect(merged).toBeDefined();
    await keepArtifact(`${platform}-merged.md`, `${merged}\n`);
  });

  it('spaces messages out when the window is full and the backlog is small', async () => {
    const { robot, activities } = await robotWithLimit('wecom', { messages: 2, perSeconds: 1 });
    for (const key of ['a', 'b', 'c']) await activities.notify(breach({ idempotencyKey: key }));
    const [first, , third] = robot.arrivals.map((a) => a.at);
    expect(robot.shown()).toHaveLength(3);
    expect(third! - first!).toBeGreaterThanOrEqual(950);
  });

  it('a notice that cannot go out within its attempt leaves the queue retryably, and is sent by the retry', async () => {
    const { robot, activities } = await robotWithLimit('wecom', { messages: 1, perSeconds: 3 }, { YUQING_WEBHOOK_TIMEOUT_MS: '500' });
    await activities.notify(breach({ idempotencyKey: 'first' }));
    // an attempt with 1.5 s to run, 0.5 s of it kept for the request: it can wait 1 s, the window needs 3
    const attempt = (n: number) =>
      new MockActivityEnvironment({ attempt: n, startToCloseTimeoutMs: 1500, currentAttemptScheduledTimestampMs: Date.now() }, { logger: new DefaultLogger('ERROR') });
    const started = Date.now();
    const err = (await attempt(1).run(activities.notify, breach({ idempotencyKey: 'second' })).catch((e: unknown) => e)) as ApplicationFailure;
    expect(err.type).toBe('RobotBusy');
    expect(err.nonRetryable).toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(robot.arrivals).toHaveLength(1);

    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(await attempt(2).run(activities.notify, breach({ idempotencyKey: 'second' }))).toMatchObject({ duplicate: false });
    expect(robot.shown()).toHaveLength(2);
  });

  it('a cancelled activity leaves the queue', async () => {
    const { robot, activities } = await robotWithLimit('wecom', { messages: 1, perSeconds: 60 });
    await activities.notify(breach({ idempotencyKey: 'first' }));
    const env = new MockActivityEnvironment({ startToCloseTimeoutMs: 60_000, currentAttemptScheduledTimestampMs: Date.now() }, { logger: new DefaultLogger('ERROR') });
    const waiting = env.run(activities.notify, breach({ idempotencyKey: 'second' })).catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 100));
    env.cancel();
    expect(await waiting).toBeInstanceOf(CancelledFailure);
    expect(robot.arrivals).toHaveLength(1);
  });
});
