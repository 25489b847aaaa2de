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
  it('deliver the breach notice and the release once each after retries', async () => {
    const notify = await startReceiver([500, 500, 500]);
    const publish = await startReceiver([503, 503, 503]);
    receivers.push(notify, publish);
    stack = await startChaosStack({ YUQING_NOTIFY_WEBHOOK_URL: notify.url, YUQING_PUBLISH_CHANNEL: 'webhook', YUQING_PUBLISH_WEBHOOK_URL: publish.url });
    // the report upward is due after 2 s: its breach is the notice
    const policy = fastPolicy({ overrides: { report: { amount: 2, unit: 'seconds' } } });
    const input = incidentInput({ fields: { metrics: METRICS_FOR.significant, category: 'hype' }, policy });
    const handle = await stack.client.workflow.start(INCIDENT_WORKFLOW, { taskQueue: stack.taskQueue, workflowId: `webhook-${input.requestId}`, args: [input] });

    // delivered once it reached the webhook: the log channel alone would not name it
    await waitForState(handle, (s) => s.timeline.some((e) => e.kind === 'notified' && e.text.includes('webhook')), 120_000);
    // the publisher's retries back off 5 s, 10 s, 20 s: longer than the driver waits for one change
    const final = await driveThrough(handle, { verdict: 'confirmed', releases: 1, metricsUpdates: 0 }, 180_000);

    expect(final.closed?.outcome).toBe('completed');
    expect(final.releases.map((r) => r.status)).toEqual(['published']);
    const failing = { notify: 500, publish: 503 };
    for (const [name, receiver] of Object.entries({ notify, publish })) {
      const [first, ...others] = attemptsByKey(receiver.received);
      // the first notice (or release) took the three failures and got through on its fourth attempt
      const status = failing[name as keyof typeof failing];
      expect(first?.[1], name).toEqual([status, status, status, 200]);
      // any later one was delivered at once; none twice
      for (const [key, statuses] of others) expect(statuses, key).toEqual([200]);
    }
    expect([...attemptsByKey(publish.received).keys()]).toEqual([`${handle.workflowId}:release:1`]);
  });
});
