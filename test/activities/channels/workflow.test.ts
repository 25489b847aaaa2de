// End to end on a real Temporal dev server and worker: a missed deadline reaches the leadership's
// DingTalk group with the incident, the deadline and a link, while a WeCom robot whose key is
// wrong is tried once, not retried, and its refusal is written into the incident's timeline.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INCIDENT_WORKFLOW } from '../../../workflows/incident/definitions';
import { type RunningWorker, startTestServer, startWorker } from '../../helpers/temporal';
import { waitForState } from '../../workflows/driver';
import { fastPolicy, incidentInput } from '../../workflows/fixtures';
import { contacts } from './fixtures';
import { notifyConfig, startRobot } from './robots';

const SECRET = 'SECe2e';
let env: TestWorkflowEnvironment;
let worker: RunningWorker;
let leaders: Awaited<ReturnType<typeof startRobot>>;
let office: Awaited<ReturnType<typeof startRobot>>;

beforeAll(async () => {
  leaders = await startRobot('dingtalk', { secret: SECRET });
  office = await startRobot('wecom');
  const config = await notifyConfig({
    channels: {
      leaders: { type: 'dingtalk', webhook: { env: 'LEADERS_WEBHOOK' }, secret: { env: 'LEADERS_SECRET' } },
      office: { type: 'wecom', webhook: { env: 'OFFICE_WEBHOOK' } },
    },
    routes: [{ roles: ['approver'], events: ['breach'], channels: ['leaders', 'office'] }],
    contacts,
  });
  env = await startTestServer();
  worker = await startWorker(env, {
    env: {
      YUQING_NOTIFY_CONFIG: config,
      LEADERS_WEBHOOK: leaders.webhook,
      LEADERS_SECRET: SECRET,
      OFFICE_WEBHOOK: office.webhook.replace('wecom-key-0001', 'revoked-key'),
    },
  });
});
afterAll(async () => {
  await worker?.stop();
  await env?.teardown();
  await leaders?.close();
  await office?.close();
});

describe('notify channels in an incident', () => {
  it('a breach reaches the robot that works; the robot with a bad key fails once, visibly', async () => {
    const input = incidentInput({ policy: fastPolicy({ overrides: { report: { amount: 2, unit: 'seconds' } } }) });
    const handle = await env.client.workflow.start(INCIDENT_WORKFLOW, { taskQueue: worker.taskQueue, workflowId: `channels-${input.requestId}`, args: [input] });

    // the registration and the decisions awaited are told too, through no channel here: the breach's line
    const breachNotice = (e: { kind: string; text: string }) => e.kind === 'notified' && e.text.includes('上报期限已过');
    const state = await waitForState(handle, (s) => s.timeline.some(breachNotice));
    const notified = state.timeline.find(breachNotice)!;
    expect(notified.text).toContain('上报期限已过失败');
    expect(notified.text).toContain('企业微信机器人「wecom:office」拒绝了通知');
    expect(notified.text).not.toContain('WeCom');

    const [text] = leaders.shown();
    expect(text).toContain('**【逾期】上报期限已过**');
    expect(text).toContain(`**事件**：${input.incident.title}`);
    expect(text).toMatch(/\*\*期限\*\*：上报期限，\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d（北京时间）/);
    expect(text).toContain(`[打开事件页](http://127.0.0.1:3000/incidents/${handle.workflowId})`);

    // non-retryable: Temporal did not try the refused robot again
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(office.arrivals).toHaveLength(1);
    expect(leaders.arrivals).toHaveLength(1);
    await handle.terminate('test done');
  });
});
