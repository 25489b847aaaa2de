// Notices to the office and the information officers also reach the people on duty when they go:
// the roster (data/roster.json) says who, the users file how to reach them. Real WeCom robot
// stand-in and a real SMTP server; the roster puts wang on night duty around the present moment.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WORKFLOW_ID } from '../fixtures';
import { shiftsAround, writeRoster, writeUsers } from '../../helpers/duty-files';
import { breach, channelTests, contacts } from './fixtures';
import { startRobot } from './robots';
import { PASSWORD, startSmtp, USER } from './smtp';

const t = channelTests();
afterEach(() => t.cleanup());

const WANG = { name: 'wang', displayName: '王值班', contacts: { wecom: 'WangWu', email: 'wang@school.example', phone: '138 0000 0009' } };
const SUN = { name: 'sun', displayName: '孙信息员', contacts: { wecom: 'SunQi', email: 'sun@school.example' } };
const LI = { name: 'li', displayName: '李停用', contacts: { wecom: 'LiGone', email: 'li-gone@school.example' }, disabled: true };

async function officeChannels() {
  const robot = await startRobot('wecom');
  t.later(robot.close);
  const ding = await startRobot('dingtalk');
  t.later(ding.close);
  const smtp = await startSmtp(t.later);
  const on = await t.activities(
    {
      channels: {
        office: { type: 'wecom', webhook: { env: 'OFFICE_WEBHOOK' } },
        ding: { type: 'dingtalk', webhook: { env: 'DING_WEBHOOK' } },
        mail: { type: 'email', host: '127.0.0.1', port: smtp.port, tls: 'none', user: USER, password: { env: 'SMTP_PASSWORD' }, from: '舆情系统 <yuqing@school.example>' },
      },
      routes: [
        { roles: ['handler', 'monitor', 'approver'], channels: ['office', 'mail'] },
        { roles: ['handler'], events: ['breach'], channels: ['ding'] },
      ],
      contacts: { ...contacts, monitor: [{ name: '林信息员', email: 'lin@school.example' }] },
    },
    { OFFICE_WEBHOOK: robot.webhook, DING_WEBHOOK: ding.webhook, SMTP_PASSWORD: PASSWORD },
  );
  return { robot, ding, smtp, ...on };
}

/** wang on tonight's office duty (and last night's, for a night shift past midnight); sun on the 宣传部's own */
function nightDuty(dataDir: string, office: string[] = ['wang']) {
  const { shifts, dates } = shiftsAround(Date.now());
  writeRoster(dataDir, {
    shifts,
    entries: dates.flatMap((date) => [
      { date, shift: 'night' as const, people: office },
      { date, shift: 'night' as const, people: ['sun'], department: '宣传部' },
    ]),
  });
  writeUsers(dataDir, [WANG, SUN, LI]);
}

const logLines = async (dataDir: string) => (await readFile(join(dataDir, 'incidents', WORKFLOW_ID, 'notices.log'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));

describe('notices reach the people on duty', () => {
  it('a breach for the office at night @-mentions wang on WeCom and DingTalk and mails wang; the log names wang', async () => {
    const { robot, ding, smtp, activities, dataDir } = await officeChannels();
    nightDuty(dataDir);
    const result = await activities.notify(breach({ roles: ['handler'] }));
    expect(result.delivered).toEqual(['log', 'wecom:office', 'email:mail', 'dingtalk:ding']);
    // DingTalk mentions by mobile: 陈主任's from the notify file, wang's phone without its spaces
    expect(ding.arrivals[0]!.body.at.atMobiles).toEqual(['13800000002', '13800000009']);

    const [text] = robot.shown();
    expect(text).toContain('<@WangWu>');
    expect(text).toContain('**值班**：王值班');
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]!.to).toEqual(['chen@school.example', 'wang@school.example']);
    expect(smtp.mails[0]!.parsed.text).toContain('值班：王值班');
    const [line] = await logLines(dataDir);
    expect(line.onDuty).toEqual([{ name: 'wang', displayName: '王值班' }]);

    // once per channel, however often it is retried
    await activities.notify(breach({ roles: ['handler'] }));
    expect(robot.arrivals).toHaveLength(1);
    expect(smtp.mails).toHaveLength(1);
  });

  it("a notice to the information officers reaches the department's own duty", async () => {
    const { robot, smtp, activities, dataDir } = await officeChannels();
    nightDuty(dataDir);
    await activities.notify(breach({ roles: ['monitor'], department: '宣传部' }));
    expect(robot.shown()[0]).toContain('<@SunQi>');
    expect(robot.shown()[0]).not.toContain('WangWu');
    expect(smtp.mails[0]!.to).toEqual(['lin@school.example', 'sun@school.example']);
  });

  it('a disabled user on the roster is never addressed; leadership notices go by role only', async () => {
    const { robot, smtp, activities, dataDir } = await officeChannels();
    nightDuty(dataDir, ['li']);
    await activities.notify(breach({ roles: ['handler'] }));
    expect(robot.shown()[0]).not.toContain('LiGone');
    expect(smtp.mails[0]!.to).toEqual(['chen@school.example']);
    expect((await logLines(dataDir))[0].onDuty).toBeUndefined();

    nightDuty(dataDir);
    await activities.notify(breach({ idempotencyKey: 'approver-breach' }));
    expect(robot.shown()[1]).not.toContain('WangWu');
    expect(smtp.mails[1]!.to).toEqual(['zhao@school.example', 'li@school.example']);
  });

  it('a roster that fails its schema sends the notice by role and says so in the worker log', async () => {
    const { robot, smtp, activities, dataDir } = await officeChannels();
    writeRoster(dataDir, { entries: [{ date: '2026-13-01', shift: 'night', people: ['wang'] }] });
    const result = await activities.notify(breach({ roles: ['handler'] }));
    expect(result.delivered).toEqual(['log', 'wecom:office', 'email:mail', 'dingtalk:ding']);
    expect(robot.shown()[0]).not.toContain('<@WangWu>');
    expect(smtp.mails[0]!.to).toEqual(['chen@school.example']);
    const logged = vi.mocked(process.stdout.write).mock.calls.map(([line]) => String(line)).filter((l) => l.includes('"type":"notice-duty"'));
    expect(logged).toHaveLength(1);
    expect(JSON.parse(logged[0]!)).toMatchObject({ fallback: 'by role', problem: expect.stringContaining('invalid roster') });
  });

  it('with nobody on duty a notice goes by role exactly as before', async () => {
    const { robot, smtp, activities, dataDir } = await officeChannels();
    const result = await activities.notify(breach({ roles: ['handler'] }));
    expect(result.delivered).toEqual(['log', 'wecom:office', 'email:mail', 'dingtalk:ding']);
    expect(robot.shown()[0]).not.toContain('值班');
    expect(robot.shown()[0]).not.toContain('<@');
    expect(smtp.mails[0]!.to).toEqual(['chen@school.example']);
    expect((await logLines(dataDir))[0].onDuty).toBeUndefined();
  });
});
