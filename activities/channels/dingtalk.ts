// DingTalk (钉钉) custom robot with 加签: `timestamp` (ms) and `sign`, the URL-encoded Base64 of
// HMAC-SHA256 keyed with the secret over `timestamp + "\n" + secret`, as query parameters next to
// the access_token; the body is {"msgtype":"markdown","markdown":{"title","text"},"at":{…}}.
// People are @-mentioned by mobile number, which must also appear in the text for DingTalk to
// highlight them. The answer {"errcode":0,"errmsg":"ok"} means delivered, and errors come with
// HTTP 200 too, so only the code tells.
import { createHmac } from 'node:crypto';
import { chatDigest, chatTitle } from './message';
import type { Meaning } from '../delivery-failure';
import { answerFields, judge, MALFORMED, type CodeTable, type Outgoing, type RobotPlatform, type Verdict } from './robot';

/** DingTalk refuses a message over 20000 bytes ("message too long, exceed 20000 bytes") */
const MAX_TEXT_BYTES = 20_000;

const GONE: Meaning = { zh: 'access_token 无效或机器人已删除，请重新复制 webhook', en: 'the access_token is invalid or the robot was removed; copy the webhook again' };

// 130101 is "send too fast, exceed 20 times per minute"; 410100 is the same limit in DingTalk's newer
// API reference. 660026 was named as a rate-limit code in our brief but appears in no public
// reference found: it is kept so such an answer holds the queue off rather than failing.
// 300001 is "token is not exist" in DingTalk's code table; 300005 is what the live endpoint answers
// for an unknown token; 400101 is the newer reference's code for it.
const CODES: CodeTable = {
  rateLimited: [130101, 410100, 660026],
  rejected: {
    300001: GONE,
    300005: GONE,
    400101: GONE,
    400102: { zh: '机器人已停用，请在群设置中启用', en: 'the robot is disabled; enable it in the group settings' },
    400106: { zh: '机器人不存在，请重新复制 webhook', en: 'the robot does not exist; copy the webhook again' },
    400013: { zh: '群已解散', en: 'the group was dissolved' },
    40035: MALFORMED,
    43004: MALFORMED,
    400105: MALFORMED,
  },
};

/** 310000 is every failed security setting; its errmsg tells which one. */
function security(detail: string): Meaning {
  if (/sign/i.test(detail)) return { zh: '加签校验失败，请核对 secret 并校准服务器时钟（时间戳须在一小时内）', en: 'signature check failed; check the secret and the server clock' };
  if (/keyword/i.test(detail)) return { zh: '消息不含机器人设置的自定义关键词', en: 'the message lacks the keyword the robot requires' };
  if (/ip/i.test(detail)) return { zh: '本机出口 IP 不在机器人的 IP 白名单中', en: 'this host is not in the robot\'s IP allow-list' };
  return { zh: '机器人安全设置校验失败（加签、关键词或 IP 白名单）', en: 'the robot\'s security check failed (signature, keyword or IP allow-list)' };
}

/** `sign` before URL encoding; URLSearchParams encodes its + / = */
export function dingtalkSign(timestampMs: number, secret: string): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
}

function markdown(batch: Outgoing[]): { title: string; text: string; mentions: string[] } {
  const views = batch.map((o) => o.view);
  const mentions = [...new Set(batch.flatMap((o) => o.mentions))];
  const text = chatDigest(views, '\n\n') + (mentions.length ? `\n\n${mentions.map((m) => `@${m}`).join(' ')}` : '');
  return { title: chatTitle(views), text, mentions };
}

export function dingtalk(webhook: string, secret?: string): RobotPlatform {
  return {
    label: { zh: '钉钉机器人', en: 'DingTalk robot' },
    request(batch, now) {
      const url = new URL(webhook);
      if (secret) {
        url.searchParams.set('timestamp', String(now));
        url.searchParams.set('sign', dingtalkSign(now, secret));
      }
      const { title, text, mentions } = markdown(batch);
      return { url: url.href, body: { msgtype: 'markdown', markdown: { title, text }, at: { atMobiles: mentions, isAtAll: false } } };
    },
    fits: (batch) => Buffer.byteLength(markdown(batch).text) <= MAX_TEXT_BYTES,
    mentionOf: (person) => person.mobile,
    verdict(answer): Verdict {
      const { code, detail } = answerFields(answer, 'errcode', 'errmsg');
      if (code === 310000) return { kind: 'rejected', code, detail, meaning: security(detail) };
      // DingTalk has used more than one code for its rate limit: the message is the steadier sign
      if (code !== 0 && /too fast|frequen|exceed \d+ times/i.test(detail)) return { kind: 'rateLimited', code, detail };
      return judge(code, detail, CODES);
    },
  };
}
