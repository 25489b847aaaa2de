// The worker's log is read by more people than the incident's folder: a notice run through the real
// notify activity (log channel and a webhook, one attempt failing) leaves ids, event and each
// channel's outcome there, never the notice's title or text.
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger, type LogEntry } from '@temporalio/worker';
import { afterEach, expect, it, vi } from 'vitest';
import type { NotifyInput } from '../../activities/types';
import { WORKFLOW_ID, activitiesOn } from '../activities/fixtures';
import { startReceiver } from '../activities/receiver';

const TITLE = '机密标题-网传某校校长收受红包-7f3a';
const BODY = '**内部通报正文**：经初步核查，涉事教师姓名为张某某-9c1e。';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  while (cleanups.length) await cleanups.pop()!();
});

it('logs ids, event and channel outcomes of a notice, but not its title or body', async () => {
  const receiver = await startReceiver([503]);
  const on = await activitiesOn({ YUQING_NOTIFY_WEBHOOK_URL: receiver.url });
  cleanups.push(receiver.close, on.cleanup);
  const written: string[] = [];
  const capture = (chunk: unknown) => {
    written.push(String(chunk));
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  const logged: LogEntry[] = [];
  const logger = new DefaultLogger('TRACE', (entry) => logged.push(entry));

  const notice: NotifyInput = { idempotencyKey: `${WORKFLOW_ID}/notice/secret`, workflowId: WORKFLOW_ID, event: 'breach', roles: ['approver'], title: TITLE, markdown: BODY };
  for (let attempt = 1; attempt <= 2; attempt++) {
    await new MockActivityEnvironment({ attempt }, { logger }).run(on.activities.notify, notice).catch(() => undefined);
  }
  vi.restoreAllMocks();

  const log = [...written, ...logged.map((e) => `${e.message} ${JSON.stringify(e.meta ?? {})}`)].join('\n');
  expect(log).not.toContain(TITLE);
  expect(log).not.toContain('7f3a');
  expect(log).not.toContain('9c1e');
  expect(log).not.toContain(receiver.url);
  // what an operator needs is there: the incident, the event and how each channel fared, per attempt
  const lines = written.flatMap((w) => w.split('\n')).filter((l) => l.includes('"type":"notice"')).map((l) => JSON.parse(l));
  expect(lines.map((l) => [l.attempt, l.workflowId, l.event])).toEqual([
    [1, WORKFLOW_ID, 'breach'],
    [2, WORKFLOW_ID, 'breach'],
  ]);
  expect(lines[0].channels).toEqual([
    { channel: 'log', outcome: 'delivered' },
    { channel: expect.stringMatching(/^webhook:/), outcome: 'failed', failure: 'WebhookFailed' },
  ]);
  expect(lines[1].channels.map((c: { outcome: string }) => c.outcome)).toEqual(['delivered', 'delivered']);
});
