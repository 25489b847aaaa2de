import { join, resolve } from 'node:path';
import { DEFAULT_ORGANISATION } from '../../config/organisation-file';
import { describe, expect, it } from 'vitest';
import { loadActivityConfig } from '../../config/channels';
import { ConfigError, loadEnv } from '../../config/env';

const load = (source: Record<string, string>) => loadActivityConfig(loadEnv(source), source);

describe('loadActivityConfig', () => {
  it('defaults: data/ resolved, log channel only, file publishing', () => {
    const { trustRoot, ...config } = load({});
    expect(typeof trustRoot).toBe('function');
    expect(config).toEqual({
      dataDir: resolve('data'),
      publicUrl: 'http://127.0.0.1:3000',
      notify: { webhooks: {}, recipients: { monitor: [], handler: [], approver: [], superior: [], admin: [] } },
      publish: { channel: 'file' },
      webhookTimeoutMs: 10_000,
      organisation: DEFAULT_ORGANISATION,
      // the API's users file, where the worker finds the people it names owners from
      usersFile: join(resolve('data'), 'users.json'),
    });
  });

  it('reads the users file where the API keeps it when YUQING_USERS_FILE names one', () => {
    expect(load({ YUQING_USERS_FILE: 'conf/users.json' }).usersFile).toBe(resolve('conf/users.json'));
  });

  it('a per-role webhook overrides the default one; recipients are comma lists', () => {
    const config = load({
      YUQING_NOTIFY_WEBHOOK_URL: 'https://hooks.example.cn/all',
      YUQING_NOTIFY_WEBHOOK_URL_APPROVER: 'https://hooks.example.cn/leaders',
      YUQING_NOTIFY_RECIPIENTS_HANDLER: ' chen@x.cn ,wang@x.cn,, ',
      YUQING_PUBLIC_URL: 'https://yuqing.example.cn/',
      YUQING_PUBLISH_CHANNEL: 'webhook',
      YUQING_PUBLISH_WEBHOOK_URL: 'https://cms.example.cn/api/releases',
    });
    expect(config.notify.webhooks).toEqual({
      monitor: 'https://hooks.example.cn/all',
      handler: 'https://hooks.example.cn/all',
      approver: 'https://hooks.example.cn/leaders',
      superior: 'https://hooks.example.cn/all',
      admin: 'https://hooks.example.cn/all',
    });
    expect(config.notify.recipients.handler).toEqual(['chen@x.cn', 'wang@x.cn']);
    expect(config.publicUrl).toBe('https://yuqing.example.cn');
    expect(config.publish).toEqual({ channel: 'webhook', url: 'https://cms.example.cn/api/releases' });
  });

  it.each([
    [{ YUQING_NOTIFY_WEBHOOK_URL_APPROVER: 'not a url' }, 'YUQING_NOTIFY_WEBHOOK_URL_APPROVER: must be an http(s) URL'],
    [{ YUQING_NOTIFY_WEBHOOK_URL: 'ftp://hooks.example.cn' }, 'YUQING_NOTIFY_WEBHOOK_URL: must be an http(s) URL'],
    [{ YUQING_PUBLISH_CHANNEL: 'webhook' }, 'YUQING_PUBLISH_WEBHOOK_URL: is required when YUQING_PUBLISH_CHANNEL=webhook'],
    [{ YUQING_PUBLISH_CHANNEL: 'email' }, 'YUQING_PUBLISH_CHANNEL:'],
    [{ YUQING_WEBHOOK_TIMEOUT_MS: '5' }, 'YUQING_WEBHOOK_TIMEOUT_MS:'],
  ])('rejects %o naming the variable and the rule', (source, message) => {
    expect(() => load(source)).toThrow(ConfigError);
    expect(() => load(source)).toThrow(message);
  });
});
