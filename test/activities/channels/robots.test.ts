// Each robot gets the request its platform documents, signed as documented, and each answer code
// is handled by its meaning: delivered, retry later, or a clear non-retryable failure.
import { ApplicationFailure } from '@temporalio/common';
import { afterEach, describe, expect, it } from 'vitest';
import { dingtalk } from '../../../activities/channels/dingtalk';
import { feishu } from '../../../activities/channels/feishu';
import { wecom } from '../../../activities/channels/wecom';
import { WORKFLOW_ID } from '../fixtures';
import { breach, channelTests, contacts, keepArtifact } from './fixtures';
import { type Platform, startRobot } from './robots';

const t = channelTests();
afterEach(() => t.cleanup());

const SECRET = 'SEC0123456789abcdef+/=';
const LINK = `[打开事件页](http://127.0.0.1:3000/incidents/${WORKFLOW_ID})`;

/** one robot of this platform carrying every approver notice */
async function oneRobot(platform: Platform, options: { secret?: string; robotSecret?: string; planned?: unknown[]; perSeconds?: number } = {}) {
  const robot = await startRobot(platform, { secret: options.robotSecret ?? SECRET, planned: options.planned });
  t.later(robot.close);
  const channel = { type: platform, webhook: { env: 'ROBOT_WEBHOOK' }, ...(platform !== 'wecom' && { secret: { env: 'ROBOT_SECRET' } }), rateLimit: { messages: 20, perSeconds: options.perSeconds ?? 60 } };
  const { activities } = await t.activities(
    { channels: { duty: channel }, routes: [{ roles: ['approver'], channels: ['duty'] }], contacts },
    { ROBOT_WEBHOOK: robot.webhook, ROBOT_SECRET: options.secret ?? SECRET },
  );
  return { robot, activities };
}

const failure = (promise: Promise<unknown>) => promise.then(() => expect.unreachable('should have failed'), (e: unknown) => e as ApplicationFailure);

describe('chat robots', () => {
  it.each<[Platform, string]>([
    ['wecom', '\n'],
    ['dingtalk', '\n\n'],
    ['feishu', '\n'],
  ])('%s: the documented request, signed, saying what happened, which incident, the deadline, who acts, and where', async (platform, nl) => {
    const { robot, activities } = await oneRobot(platform);
    const result = await activities.notify(breach());

    expect(result).toEqual({ delivered: ['log', `${platform}:duty`], duplicate: false });
    expect(robot.arrivals.map((a) => a.answer)).toEqual([expect.objectContaining({ [platform === 'feishu' ? 'code' : 'errcode']: 0 })]);
    const [text] = robot.shown();
    expect(text).toContain(
      [
        '**【逾期】查清事实期限已过**',
        '**事件**：网帖称某中学食堂饭菜变质致学生腹泻',
        '**期限**：查清事实期限，2026年11月25日 17:30（北京时间）',
        '**请处理**：分管领导（赵校长、李副校长）',
        '**网帖称某中学食堂饭菜变质致学生腹泻**',
      ].join(nl),
    );
    expect(text).toContain(LINK);
    const [arrival] = robot.arrivals;
    await keepArtifact(`${platform}.json`, JSON.stringify({ url: arrival!.url.pathname + arrival!.url.search.replace(/(key|access_token)=[^&]+/, '$1=…'), body: arrival!.body }, null, 2));
    await keepArtifact(`${platform}.md`, `${text}\n`);
  });

  it('dingtalk: @-mentions the responsible people by mobile, in "at" and in the text', async () => {
    const { robot, activities } = await oneRobot('dingtalk');
    await activities.notify(breach());
    const { body, url } = robot.arrivals[0]!;
    expect(body.at).toEqual({ atMobiles: ['13800000001'], isAtAll: false });
    expect(body.markdown.title).toBe('【逾期】查清事实期限已过');
    expect(body.markdown.text.endsWith('@13800000001')).toBe(true);
    // the signature's + / = are percent-encoded in the query, as DingTalk requires
    expect(url.search).toMatch(/&timestamp=\d{13}&sign=[A-Za-z0-9%]+$/);
  });

  it('wecom: @-mentions the responsible people by their WeCom account in the markdown', async () => {
    const { robot, activities } = await oneRobot('wecom');
    await activities.notify(breach());
    const { body } = robot.arrivals[0]!;
    expect(body.markdown.content.endsWith('\n<@ZhaoXiaozhang>')).toBe(true);
  });

  it('feishu: @-mentions the responsible people by open_id in the card', async () => {
    const { robot, activities } = await oneRobot('feishu');
    await activities.notify(breach());
    const { body } = robot.arrivals[0]!;
    expect(body.card.elements[0].content.endsWith('\n<at id=ou_7d8a6e6df7621556ce0d21922b676706></at>')).toBe(true);
  });

  it('feishu: the signature travels in the body, timestamp in seconds as a string', async () => {
    const { robot, activities } = await oneRobot('feishu');
    await activities.notify(breach());
    const { body } = robot.arrivals[0]!;
    expect(Object.keys(body)).toEqual(['timestamp', 'sign', 'msg_type', 'card']);
    expect(body.timestamp).toMatch(/^\d{10}$/);
    expect(body.card.header).toEqual({ template: 'red', title: { tag: 'plain_text', content: '【逾期】查清事实期限已过' } });
  });

  it.each<[Platform, string, string]>([
    ['dingtalk', '加签校验失败', 'signature check failed'],
    ['feishu', '签名校验失败', 'signature check failed'],
  ])("%s: a wrong secret is refused by the robot and fails without retry, saying why in the incident's language", async (platform, zh, en) => {
    const { robot, activities } = await oneRobot(platform, { secret: 'SECwrong' });
    const err = await failure(activities.notify(breach()));
    expect(err).toBeInstanceOf(ApplicationFailure);
    expect(err.nonRetryable).toBe(true);
    expect(err.type).toBe('RobotRejected');
    expect(err.message).toContain(zh);
    expect(err.message).not.toContain(en);
    const english = await failure(activities.notify({ ...breach(), idempotencyKey: 'en-notice', script: 'en' }));
    expect(english.type).toBe('RobotRejected');
    expect(english.message).toContain(en);
    expect(english.message).not.toMatch(/\p{Script=Han}/u);
    expect(robot.arrivals).toHaveLength(2);
  });

  it.each<Platform>(['wecom', 'dingtalk', 'feishu'])('%s: a bad key fails without retry and never shows the key', async (platform) => {
    const robot = await startRobot(platform, { secret: SECRET });
    t.later(robot.close);
    const badKey = robot.webhook.replace(`${platform}-key-0001`, 'bad-key-9999');
    const channel = { type: platform, webhook: { env: 'ROBOT_WEBHOOK' }, ...(platform !== 'wecom' && { secret: { env: 'ROBOT_SECRET' } }) };
    const { activities } = await t.activities({ channels: { duty: channel }, routes: [{ roles: ['approver'], channels: ['duty'] }] }, { ROBOT_WEBHOOK: badKey, ROBOT_SECRET: SECRET });
    const err = await failure(activities.notify(breach()));
    expect(err.nonRetryable).toBe(true);
    expect(err.type).toBe('RobotRejected');
    expect(err.message).toMatch(/请.*重新复制|无效/);
    expect(err.message).not.toContain('bad-key-9999');
  });

  it('a "too fast" answer is retried, and the robot is left alone for a whole window first', async () => {
    const { robot, activities } = await oneRobot('wecom', { planned: [{ errcode: 45009, errmsg: 'api freq out of limit' }], perSeconds: 1 });
    const err = await failure(activities.notify(breach()));
    expect(err.nonRetryable).toBe(false);
    expect(err.type).toBe('RobotRateLimited');

    // Temporal's retry: the same notice again, which waits out the window
    expect(await activities.notify(breach())).toMatchObject({ duplicate: false });
    const [first, second] = robot.arrivals;
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(950);
    expect(robot.shown()).toHaveLength(1);
  });

  it('routes by role and by event type: each channel gets only its notices, once per notice', async () => {
    const office = await startRobot('wecom');
    const leaders = await startRobot('dingtalk', { secret: SECRET });
    t.later(office.close);
    t.later(leaders.close);
    const { activities } = await t.activities(
      {
        channels: {
          office: { type: 'wecom', webhook: { env: 'OFFICE' } },
          leaders: { type: 'dingtalk', webhook: { env: 'LEADERS' }, secret: { env: 'LEADERS_SECRET' } },
        },
        routes: [
          { roles: ['handler', 'monitor'], channels: ['office'] },
          { roles: ['approver'], events: ['breach', 'escalation'], channels: ['leaders'] },
          { roles: ['superior'], events: ['breach'], channels: ['leaders'] },
        ],
        contacts,
      },
      { OFFICE: office.webhook, LEADERS: leaders.webhook, LEADERS_SECRET: SECRET },
    );

    expect((await activities.notify(breach({ idempotencyKey: 'k1', roles: ['approver', 'superior', 'handler'] }))).delivered).toEqual(['log', 'wecom:office', 'dingtalk:leaders']);
    expect((await activities.notify(breach({ idempotencyKey: 'k2', event: 'published', roles: ['approver'] }))).delivered).toEqual(['log']);
    expect((await activities.notify(breach({ idempotencyKey: 'k3', event: 'decisionNeeded', roles: ['monitor'] }))).delivered).toEqual(['log', 'wecom:office']);
    expect(office.shown()).toHaveLength(2);
    expect(leaders.shown()).toHaveLength(1);
    // approver and superior both route to the leaders' robot: one message, who must act names all three roles
    expect(leaders.shown()[0]).toContain('**请处理**：分管领导（赵校长、李副校长）；上级主管部门；办公室及责任部门（陈主任）');
  });
});

describe('answer codes by meaning', () => {
  const cases: [string, ReturnType<typeof wecom>, unknown, string][] = [
    ['wecom ok', wecom('http://x'), { errcode: 0, errmsg: 'ok' }, 'ok'],
    ['wecom 45009', wecom('http://x'), { errcode: 45009, errmsg: 'api freq out of limit' }, 'rateLimited'],
    ['wecom 93000', wecom('http://x'), { errcode: 93000, errmsg: 'invalid webhook url' }, 'rejected'],
    ['wecom -1 busy', wecom('http://x'), { errcode: -1, errmsg: 'system busy' }, 'failed'],
    ['dingtalk 130101', dingtalk('http://x'), { errcode: 130101, errmsg: 'send too fast, exceed 20 times per minute' }, 'rateLimited'],
    ['dingtalk 660026', dingtalk('http://x'), { errcode: 660026, errmsg: '' }, 'rateLimited'],
    ['dingtalk 310000 keywords', dingtalk('http://x'), { errcode: 310000, errmsg: 'keywords not in content' }, 'rejected'],
    ['dingtalk 300001', dingtalk('http://x'), { errcode: 300001, errmsg: 'token is not exist' }, 'rejected'],
    ['dingtalk 400102', dingtalk('http://x'), { errcode: 400102, errmsg: 'bot is stopped' }, 'rejected'],
    ['feishu ok (old shape)', feishu('http://x'), { StatusCode: 0, StatusMessage: 'success' }, 'ok'],
    ['feishu 11232', feishu('http://x'), { code: 11232, msg: 'frequency limited' }, 'rateLimited'],
    ['feishu 9499 too many', feishu('http://x'), { code: 9499, msg: 'too many request' }, 'rateLimited'],
    ['feishu 9499 bad request', feishu('http://x'), { code: 9499, msg: 'Bad Request' }, 'rejected'],
    ['feishu 19022', feishu('http://x'), { code: 19022, msg: 'Ip Not Allowed' }, 'rejected'],
    ['feishu not JSON', feishu('http://x'), '<html>bad gateway</html>', 'failed'],
  ];
  it.each(cases)('%s', (_, platform, answer, kind) => {
    expect(platform.verdict(answer).kind).toBe(kind);
  });
});
