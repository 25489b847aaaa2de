// A receiver that fails its first three calls (a notify webhook answering 500, a publishing
// system answering 503): Temporal's retries get through, and each notice and each release is
// delivered exactly once, under one Idempotency-Key across all its attempts.
import { afterAll, describe, expect, it } from 'vitest';
import { INCIDENT_WORKFLOW } from '../../workflows/incident/definitions';
import { startReceiver, type Received } from '../activities/receiver';
import { waitForState } from '../workflows/driver';
import { fastPolicy, incidentInput, METRICS_FOR } from '../workflows/fixtures';
import { driveThrough } from './drive';
import { startChaosStack, type ChaosStack } from './stack';

let stack: ChaosStack | undefined;
const receivers: { close(): Promise<void> }[] = [];
afterAll(async () => {
  await stack?.stop();
  await Promise.all(receivers.map((r) => r.close()));
});

/** Idempotency-Key → the statuses its attempts were answered with, in order. */
function attemptsByKey(received: Received[]): Map<string, number[]> {
  const attempts = new Map<string, number[]>();
  for (const r of received) {
    const key = String(r.headers['idempotency-key']);
    attempts.set(key, [...(attempts.get(key) ?? []), r.status]);
  }
  return attempts;
}

describe('webhooks that fail their first 3 calls', () => {
  it('deliver each notice and the release once each after retries', async () => {
    const notify = await startReceiver([500, 500, 500]);
    const publish = await startReceiver([503, 503, 503]);
    receivers.push(notify, publish);
    stack = await startChaosStack({ YUQING_NOTIFY_WEBHOOK_URL: notify.url, YUQING_PUBLISH_CHANNEL: 'webhook', YUQING_PUBLISH_WEBHOOK_URL: publish.url });
    const policy = fastPolicy();
    const input = incidentInput({ fields: { metrics: METRICS_FOR.significant, category: 'hype' }, policy });
    const handle = await stack.client.workflow.start(INCIDENT_WORKFLOW, { taskQueue: stack.taskQueue, workflowId: `webhook-${input.requestId}`, args: [input] });

    // delivered once it reached the webhook: the log channel alone would not name it
    await waitForState(handle, (s) => s.timeline.some((e) => e.kind === 'notified' && e.text.includes('webhook')), 120_000);
    // the publisher's retries back off 5 s, 10 s, 20 s: longer than the driver waits for one change
    const final = await driveThrough(handle, { verdict: 'confirmed', releases: 1, metricsUpdates: 0 }, 180_000);

    expect(final.closed?.outcome).toBe('completed');
    expect(final.releases.map((r) => r.status)).toEqual(['published']);
    // the release took the three failures and got through on its fourth attempt
    expect([...attemptsByKey(publish.received)]).toEqual([[`${handle.workflowId}:release:1`, [503, 503, 503, 200]]]);
    // the first notices go out together (registration, the decisions awaited): the three failures
    // fall on one or more of them, and each got through once, on its last attempt
    const notices = [...attemptsByKey(notify.received)];
    expect(notices.flatMap(([, statuses]) => statuses.filter((s) => s === 500))).toHaveLength(3);
    for (const [key, statuses] of notices) expect(statuses.slice(-1), key).toEqual([200]);
    for (const [key, statuses] of notices) expect(statuses.filter((s) => s === 200), key).toHaveLength(1);
    // registration and each decision awaited, each under its own key
    const keys = notices.map(([key]) => key);
    expect(keys).toEqual(expect.arrayContaining([`${handle.workflowId}:registered`, `${handle.workflowId}:closed`]));
    expect(keys.filter((k) => k.includes(':decisionNeeded:')).length).toBeGreaterThanOrEqual(5);
  });
});
