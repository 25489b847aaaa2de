// The notify file: the example in config/ is valid, secrets come from the environment or files,
// and every mistake names the variable, the place in the file and the rule it breaks.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadActivityConfig } from '../../../config/channels';
import { ConfigError, loadEnv } from '../../../config/env';
import { notifyConfig } from './robots';

const load = (source: Record<string, string>) => loadActivityConfig(loadEnv(source), source);
const EXAMPLE = resolve(import.meta.dirname, '../../../config/notify.example.json');
const EXAMPLE_ENV = {
  YUQING_WECOM_OFFICE_WEBHOOK: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k',
  YUQING_DINGTALK_LEADERS_WEBHOOK: 'https://oapi.dingtalk.com/robot/send?access_token=t',
  YUQING_FEISHU_DUTY_WEBHOOK: 'https://open.feishu.cn/open-apis/bot/v2/hook/h',
  YUQING_FEISHU_DUTY_SECRET: 'feishu-secret',
  YUQING_SMTP_PASSWORD: 'smtp-secret',
};

const robot = { type: 'wecom', webhook: { env: 'OFFICE_WEBHOOK' } };
const valid = { channels: { office: robot }, routes: [{ roles: ['handler'], channels: ['office'] }] };

describe('YUQING_NOTIFY_CONFIG', () => {
  it('the example is valid; its one secret file is named when missing', () => {
    expect(() => load({ YUQING_NOTIFY_CONFIG: EXAMPLE, ...EXAMPLE_ENV })).toThrow(
      new ConfigError(`invalid configuration:\n  YUQING_NOTIFY_CONFIG (${EXAMPLE}) channels.leaders.secret: cannot read file /run/secrets/dingtalk-leaders (ENOENT)`),
    );
  });

  it('resolves secrets from the environment and from files beside the config; defaults the rate limit', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'yuqing-secrets-'));
    await writeFile(join(dir, 'dingtalk.secret'), 'SECfromfile\n');
    await writeFile(join(dir, 'notify.json'), JSON.stringify({
      channels: { office: robot, leaders: { type: 'dingtalk', webhook: { env: 'LEADERS_WEBHOOK' }, secret: { file: 'dingtalk.secret' } } },
      routes: [{ roles: ['approver'], events: ['breach'], channels: ['leaders', 'office'] }],
    }));
    const config = load({ YUQING_NOTIFY_CONFIG: join(dir, 'notify.json'), OFFICE_WEBHOOK: 'https://qyapi.weixin.qq.com/x?key=1', LEADERS_WEBHOOK: 'https://oapi.dingtalk.com/robot/send?access_token=2' });
    expect(config.notify.channels?.channels).toEqual({
      office: { type: 'wecom', webhook: 'https://qyapi.weixin.qq.com/x?key=1', secret: undefined, rateLimit: { messages: 20, perSeconds: 60 } },
      leaders: { type: 'dingtalk', webhook: 'https://oapi.dingtalk.com/robot/send?access_token=2', secret: 'SECfromfile', rateLimit: { messages: 20, perSeconds: 60 } },
    });
    expect(config.notify.channels?.routes).toEqual([{ roles: ['approver'], events: ['breach'], channels: ['leaders', 'office'] }]);
    // the environment's webhooks keep working beside the file
    expect(load({ YUQING_NOTIFY_WEBHOOK_URL: 'https://hooks.example.cn/all' }).notify.channels).toBeUndefined();
  });

  it.each<[string, unknown, Record<string, string>, string]>([
    ['a secret written in the file', { ...valid, channels: { office: { type: 'wecom', webhook: 'https://qyapi.weixin.qq.com/x?key=1' } } }, {}, 'channels.office.webhook: must be {"env": "VARIABLE"} or {"file": "path"}: secrets are never written in this file'],
    ['an unset variable', valid, {}, 'channels.office.webhook: environment variable OFFICE_WEBHOOK is not set'],
    ['a webhook that is no URL', valid, { OFFICE_WEBHOOK: 'key-only' }, 'channels.office.webhook: the secret it names must be an http(s) URL'],
    ['a route to no channel', { ...valid, routes: [{ roles: ['handler'], channels: ['offce'] }] }, { OFFICE_WEBHOOK: 'https://x.cn/' }, 'routes.0.channels.0: names no channel defined under "channels": offce'],
    ['an unknown role', { ...valid, routes: [{ roles: ['leader'], channels: ['office'] }] }, { OFFICE_WEBHOOK: 'https://x.cn/' }, 'routes.0.roles.0:'],
    ['an unknown event type', { ...valid, routes: [{ roles: ['handler'], events: ['overdue'], channels: ['office'] }] }, { OFFICE_WEBHOOK: 'https://x.cn/' }, 'routes.0.events.0:'],
    ['an unknown channel type', { ...valid, channels: { office: { type: 'slack', webhook: { env: 'X' } } } }, {}, 'channels.office.type:'],
    ['a rate limit of zero', { ...valid, channels: { office: { ...robot, rateLimit: { messages: 0, perSeconds: 60 } } } }, { OFFICE_WEBHOOK: 'https://x.cn/' }, 'channels.office.rateLimit.messages: Too small'],
    ['a misspelt field', { ...valid, channels: { office: { ...robot, ratelimit: {} } } }, { OFFICE_WEBHOOK: 'https://x.cn/' }, 'channels.office: Unrecognized key: "ratelimit"'],
    ['e-mail to a role without addresses', { channels: { mail: { type: 'email', host: 'smtp.x.cn', from: 'yuqing@x.cn' } }, routes: [{ roles: ['approver'], channels: ['mail'] }], contacts: { approver: [{ name: '赵校长', mobile: '13800000001' }] } }, {}, 'routes.0.channels.0: e-mail channel "mail" has no address for approver: add contacts with an email'],
    ['a password without a user', { channels: { mail: { type: 'email', host: 'smtp.x.cn', from: 'yuqing@x.cn', password: { env: 'P' } } }, routes: [] }, { P: 'p' }, 'channels.mail.user: is required with a password'],
    ['a bad mobile number', { ...valid, contacts: { handler: [{ name: '陈主任', mobile: '138-0000' }] } }, { OFFICE_WEBHOOK: 'https://x.cn/' }, 'contacts.handler.0.mobile: must be digits, optionally after a +'],
    ['a Feishu user id that is not an open_id', { ...valid, contacts: { handler: [{ name: '陈主任', feishuOpenId: 'chen' }] } }, { OFFICE_WEBHOOK: 'https://x.cn/' }, 'contacts.handler.0.feishuOpenId: must be an open_id, ou_ and letters or digits'],
  ])('rejects %s, naming where and the rule', async (_, file, env, message) => {
    const path = await notifyConfig(file);
    const attempt = () => load({ YUQING_NOTIFY_CONFIG: path, ...env });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(`  YUQING_NOTIFY_CONFIG (${path}) ${message}`);
  });

  it('a file that is not JSON', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'yuqing-notify-'));
    await writeFile(join(dir, 'notify.json'), '{ channels: ');
    expect(() => load({ YUQING_NOTIFY_CONFIG: join(dir, 'notify.json') })).toThrow(/YUQING_NOTIFY_CONFIG \(.*\) cannot read .* as JSON/);
  });
});
