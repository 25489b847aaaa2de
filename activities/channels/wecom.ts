// WeCom (企业微信) group robot: POST {"msgtype":"markdown","markdown":{"content":…}} to the robot's
// webhook URL, which carries its key; the answer {"errcode":0,"errmsg":"ok"} means delivered.
import { chatDigest } from './message';
import { answerFields, judge, MALFORMED, type CodeTable, type Outgoing, type RobotPlatform } from './robot';

/** WeCom caps markdown content at 4096 bytes of UTF-8 */
const MAX_CONTENT_BYTES = 4096;

// 45009 and 93000 are what robots answer in the field (their errmsg links to WeCom's code lookup);
// 40008, 40058 and 44004 come from WeCom's global code table and are not seen from a robot here.
// 40014 (invalid access_token) is WeCom's code for a bad credential elsewhere; whether the robot
// endpoint ever answers it for a malformed key is unverified, so it is listed to fail clearly if so.
const CODES: CodeTable = {
  rateLimited: [45009],
  rejected: {
    93000: { zh: 'webhook 地址或 key 无效，请到群机器人设置重新复制', en: 'invalid webhook URL or key; copy it again from the group robot settings' },
    40014: { zh: 'key 无效，请到群机器人设置重新复制 webhook', en: 'invalid key; copy the webhook again from the group robot settings' },
    40008: MALFORMED,
    40058: MALFORMED,
    44004: MALFORMED,
  },
};

/** markdown messages mention by account, <@account>; mobile numbers work only in plain text ones */
function content(batch: Outgoing[]): string {
  const mentions = [...new Set(batch.flatMap((o) => o.mentions))];
  return chatDigest(batch.map((o) => o.view), '\n') + (mentions.length ? `\n${mentions.map((m) => `<@${m}>`).join(' ')}` : '');
}

export function wecom(webhook: string): RobotPlatform {
  return {
    label: { zh: '企业微信机器人', en: 'WeCom robot' },
    request: (batch) => ({ url: webhook, body: { msgtype: 'markdown', markdown: { content: content(batch) } } }),
    fits: (batch) => Buffer.byteLength(content(batch)) <= MAX_CONTENT_BYTES,
    mentionOf: (person) => person.wecomUserId,
    verdict(answer) {
      const { code, detail } = answerFields(answer, 'errcode', 'errmsg');
      return judge(code, detail, CODES);
    },
  };
}
