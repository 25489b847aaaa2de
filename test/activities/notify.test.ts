import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { NotifyInput } from '../../activities/types';
import { WORKFLOW_ID, activitiesOn } from './fixtures';
import { startReceiver } from './receiver';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  while (cleanups.length) await cleanups.pop()!();
});

async function setup(statuses: number[] = [], env: (url: string) => Record<string, string> = (url) => ({ YUQING_NOTIFY_WEBHOOK_URL: url })) {
  const receiver = await startReceiver(statuses);
  const on = await activitiesOn({ YUQING_NOTIFY_RECIPIENTS_APPROVER: 'zhao@school.example, li@school.example', ...env(receiver.url) });
  cleanups.push(receiver.close, on.cleanup);
  // the log channel's stdout line is checked through the notices.log copy; keep test output quiet
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  return { receiver, ...on };
}

const breach = (key = `${WORKFLOW_ID}/notice/1`): NotifyInput => ({
  idempotencyKey: key,
  workflowId: WORKFLOW_ID,
  event: 'breach',
  roles: ['approver'],
  title: '查清事实期限已逾期',
  markdown: '**查清事实期限**已于11月25日17:30到期，核查结论未提交。',
});

const noticeLines = async (dataDir: string) =>
  (await readFile(join(dataDir, 'incidents', WORKFLOW_ID, 'notices.log'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));

describe('notify', () => {
  it('delivers once to the webhook and the log when called twice with the same key', async () => {
    const { receiver, activities, dataDir } = await setup();
    const first = await activities.notify(breach());
    const second = await activities.notify(breach());

    expect(first).toEqual({ delivered: ['log', 'webhook:monitor,handler,approver,superior,admin'], duplicate: false });
    expect(second).toEqual({ ...first, duplicate: true });
    expect(receiver.received).toHaveLength(1);
    const [delivery] = receiver.received;
    expect(delivery!.headers['idempotency-key']).toBe(`${WORKFLOW_ID}/notice/1`);
    expect(delivery!.body).toMatchObject({
      workflowId: WORKFLOW_ID,
      event: 'breach',
      title: '查清事实期限已逾期',
      recipients: ['zhao@school.example', 'li@school.example'],
      link: `http://127.0.0.1:3000/incidents/${WORKFLOW_ID}`,
    });
    expect(await noticeLines(dataDir)).toHaveLength(1);
  });

  it('a different key is a different notice', async () => {
    const { receiver, activities } = await setup();
    await activities.notify(breach('k-1'));
    await activities.notify(breach('k-2'));
    expect(receiver.accepted().map((r) => r.headers['idempotency-key'])).toEqual(['k-1', 'k-2']);
  });

  it('survives a receiver that fails three times: one successful delivery, one log line', async () => {
    const { receiver, activities, dataDir } = await setup([503, 500, 502]);
    const outcomes: unknown[] = [];
    // each attempt in its own activity context, numbered as Temporal's retries would be
    for (let attempt = 1; attempt <= 5; attempt++) {
      const env = new MockActivityEnvironment({ attempt }, { logger: new DefaultLogger('ERROR') });
      outcomes.push(await env.run(activities.notify, breach()).catch((err: unknown) => err));
    }
    for (const failed of outcomes.slice(0, 3)) {
      expect(failed).toBeInstanceOf(ApplicationFailure);
      expect((failed as ApplicationFailure).nonRetryable).toBe(false);
      expect((failed as ApplicationFailure).type).toBe('WebhookFailed');
    }
    expect(outcomes[3]).toMatchObject({ duplicate: false });
    expect(outcomes[4]).toMatchObject({ duplicate: true });
    expect(receiver.received.map((r) => r.status)).toEqual([503, 500, 502, 200]);
    expect(receiver.accepted()).toHaveLength(1);
    // the log channel succeeded on attempt 1 and was not repeated by the retries
    const lines = await noticeLines(dataDir);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ attempt: 1, idempotencyKey: `${WORKFLOW_ID}/notice/1` });
  });

  it('treats 408 and 429 as retryable', async () => {
    const { activities } = await setup([429, 408]);
    for (const status of [429, 408]) {
      const err = await activities.notify(breach()).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ApplicationFailure);
      expect((err as ApplicationFailure).nonRetryable).toBe(false);
      expect((err as ApplicationFailure).message).toContain(`HTTP ${status}`);
    }
    expect(await activities.notify(breach())).toMatchObject({ duplicate: false });
  });

  it('fails without retry when the receiver refuses the request, naming the host but not the token', async () => {
    const { receiver, activities } = await setup([400]);
    const err = (await activities.notify(breach()).catch((e: unknown) => e)) as ApplicationFailure;
    expect(err).toBeInstanceOf(ApplicationFailure);
    expect(err.nonRetryable).toBe(true);
    expect(err.type).toBe('WebhookRejected');
    expect(err.message).toContain(`接收端 ${new URL(receiver.url).host} 拒绝了请求`);
    expect(err.message).toContain('HTTP 400');
    expect(err.message).not.toContain('secret');
  });

  it("says an English incident's failure in English only, and a Chinese one's in Chinese only", async () => {
    const { receiver, activities } = await setup([400, 400]);
    const host = new URL(receiver.url).host;
    const english = (await activities.notify({ ...breach(), script: 'en' }).catch((e: unknown) => e)) as ApplicationFailure;
    expect(english.type).toBe('WebhookRejected');
    expect(english.message).toMatch(new RegExp(`^webhook ${host} answered HTTP 400.*\\(request refused; fix the receiver or its configuration\\)$`));
    expect(english.message).not.toMatch(/\p{Script=Han}/u);
    // its other wording stays out of the history the failure is written to
    expect(english.details ?? []).toEqual([]);
    expect(english.stack).toContain('postJson');
    const chinese = (await activities.notify(breach(`${WORKFLOW_ID}/notice/2`)).catch((e: unknown) => e)) as ApplicationFailure;
    expect(chinese.message).toMatch(new RegExp(`^接收端 ${host} 拒绝了请求，请核对接收端或其配置（HTTP 400`));
    expect(chinese.message).not.toContain('request refused');
    expect(chinese.details ?? []).toEqual([]);
  });

  it('reports an unreachable receiver as retryable', async () => {
    const { receiver, activities } = await setup();
    await receiver.close();
    const err = (await activities.notify(breach()).catch((e: unknown) => e)) as ApplicationFailure;
    expect(err).toBeInstanceOf(ApplicationFailure);
    expect(err.type).toBe('WebhookUnavailable');
    expect(err.nonRetryable).toBe(false);
  });

  it('gives up on a receiver that does not answer in time, as a retryable failure', async () => {
    const slow = await startReceiver([], { ok: true }, 2_000);
    const on = await activitiesOn({ YUQING_NOTIFY_WEBHOOK_URL: slow.url, YUQING_WEBHOOK_TIMEOUT_MS: '200' });
    cleanups.push(slow.close, on.cleanup);
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const err = (await on.activities.notify(breach()).catch((e: unknown) => e)) as ApplicationFailure;
    expect(err.type).toBe('WebhookUnavailable');
    expect(err.message).toContain('在 200 毫秒内未应答');
    expect(err.nonRetryable).toBe(false);
  });

  it('sends each role to its own webhook when one is configured for it', async () => {
    const leaders = await startReceiver();
    cleanups.push(leaders.close);
    const { receiver, activities } = await setup([], (url) => ({ YUQING_NOTIFY_WEBHOOK_URL: url, YUQING_NOTIFY_WEBHOOK_URL_APPROVER: leaders.url }));

    const both = await activities.notify({ ...breach('both'), roles: ['handler', 'approver'] });
    expect(both.delivered).toEqual(['log', 'webhook:monitor,handler,superior,admin', 'webhook:approver']);
    await activities.notify({ ...breach('office'), roles: ['handler'] });

    expect(leaders.received.map((r) => r.headers['idempotency-key'])).toEqual(['both']);
    expect(leaders.received[0]!.body.recipients).toEqual(['zhao@school.example', 'li@school.example']);
    expect(receiver.received.map((r) => r.headers['idempotency-key'])).toEqual(['both', 'office']);
    expect(receiver.received[0]!.body.recipients).toEqual([]);
  });

  it('with no webhook configured, the log channel alone records the notice, and says whom it did not reach', async () => {
    const { activities, dataDir } = await setup([], () => ({}));
    expect(await activities.notify(breach())).toEqual({ delivered: ['log'], duplicate: false, unreached: ['approver'] });
    expect((await noticeLines(dataDir))[0]).toMatchObject({ title: '查清事实期限已逾期', recipients: ['zhao@school.example', 'li@school.example'] });
  });

  it('names the roles no channel but the log reached, also when others were reached', async () => {
    const { receiver, activities } = await setup([], (url) => ({ YUQING_NOTIFY_WEBHOOK_URL_APPROVER: url }));
    const result = await activities.notify({ ...breach('partly'), roles: ['approver', 'superior'] });
    expect(result).toEqual({ delivered: ['log', 'webhook:approver'], duplicate: false, unreached: ['superior'] });
    expect(receiver.accepted()).toHaveLength(1);
    // a retry answers from the ledger, with the same roles unreached
    expect(await activities.notify({ ...breach('partly'), roles: ['approver', 'superior'] })).toEqual({ ...result, duplicate: true });
  });
});
