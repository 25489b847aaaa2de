// Feishu (飞书) custom bot with signature verification: `timestamp` (seconds, as a string) and
// `sign`, the Base64 of HMAC-SHA256 keyed with `timestamp + "\n" + secret` over an empty message,
// travel in the JSON body next to an interactive card whose markdown element carries the notice.
// The answer {"code":0,"msg":"success"} means delivered (older bots also send StatusCode 0).
import { createHmac } from 'node:crypto';
import type { NotifyEvent } from '../../config/notify-file';
import { chatDigest, chatTitle } from './message';
import { answerFields, judge, MALFORMED, type CodeTable, type Outgoing, type RobotPlatform, type Verdict } from './robot';

/** Feishu refuses a request body over 20 KB */
const MAX_BODY_BYTES = 20 * 1024;

const COLOURS: Record<NotifyEvent, string> = {
  registered: 'purple',
  decisionNeeded: 'blue',
  dueSoon: 'yellow',
  escalation: 'orange',
  published: 'green',
  breach: 'red',
  closed: 'grey',
  dutyGap: 'orange',
};

// From the custom bot guide: 11232 is its rate limit (100 a minute, 5 a second per bot), 19021 a
// bad signature or a timestamp more than an hour off, 19022 an IP outside the allow-list, 19024 a
// missing keyword, 9499 "Bad Request" a body it cannot read. 9499 has also been seen with the
// message "too many request", so for that code the message decides. 19001 ("incoming webhook access
// token invalid", a deleted bot or a mistyped URL) and 19007 ("Bot Not Enabled") are from answers
// seen in the field.
const CODES: CodeTable = {
  rateLimited: [11232],
  rejected: {
    19021: { zh: '签名校验失败，请核对 secret 并校准服务器时钟（时间戳须在一小时内）', en: 'signature check failed or the timestamp is over an hour off; check the secret and the server clock' },
    19022: { zh: '本机出口 IP 不在机器人的 IP 白名单中', en: 'this host is not in the bot\'s IP allow-list' },
    19024: { zh: '消息不含机器人设置的自定义关键词', en: 'the message lacks the keyword the bot requires' },
    19001: { zh: 'webhook 地址无效或机器人已删除，请重新复制', en: 'invalid webhook URL or the bot was removed; copy it again' },
    19007: { zh: '机器人未启用', en: 'the bot is not enabled' },
    9499: MALFORMED,
  },
};

/** `sign` for `timestamp` (seconds): the secret goes into the HMAC key, the message is empty */
export function feishuSign(timestampSeconds: number, secret: string): string {
  return createHmac('sha256', `${timestampSeconds}\n${secret}`).update('').digest('base64');
}

function card(batch: Outgoing[]) {
  const views = batch.map((o) => o.view);
  const template = views.some((v) => v.event === 'breach') ? COLOURS.breach : COLOURS[views[0]!.event];
  // a card's markdown mentions by open_id, <at id=ou_…></at>
  const mentions = [...new Set(batch.flatMap((o) => o.mentions))];
  const content = chatDigest(views, '\n') + (mentions.length ? `\n${mentions.map((m) => `<at id=${m}></at>`).join(' ')}` : '');
  return {
    header: { template, title: { tag: 'plain_text', content: chatTitle(views) } },
    elements: [{ tag: 'markdown', content }],
  };
}

export function feishu(webhook: string, secret?: string): RobotPlatform {
  const body = (batch: Outgoing[], now: number) => {
    const seconds = Math.floor(now / 1000);
    const signature = secret ? { timestamp: String(seconds), sign: feishuSign(seconds, secret) } : {};
    return { ...signature, msg_type: 'interactive', card: card(batch) };
  };
  return {
    label: { zh: '飞书机器人', en: 'Feishu bot' },
    request: (batch, now) => ({ url: webhook, body: body(batch, now) }),
    fits: (batch) => Buffer.byteLength(JSON.stringify(body(batch, Date.now()))) <= MAX_BODY_BYTES,
    mentionOf: (person) => person.feishuOpenId,
    verdict(answer): Verdict {
      const fields = answerFields(answer, 'code', 'msg');
      const { code, detail } = Number.isNaN(fields.code) ? answerFields(answer, 'StatusCode', 'StatusMessage') : fields;
      if (code === 9499 && /too many/i.test(detail)) return { kind: 'rateLimited', code, detail };
      return judge(code, detail, CODES);
    },
  };
}
