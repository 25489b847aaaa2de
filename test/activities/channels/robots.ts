// Local stand-ins for the three chat robots, on free 127.0.0.1 ports. Each checks a request the way
// its platform documents it (path, key, signature, body shape and size), counts arrivals against
// the platform's rate limit, and answers with the platform's own codes: success, the code for the
// first thing it finds wrong, or an answer the test plans. Signatures are recomputed here from the
// platforms' documented recipes, not with the code under test.
import { createHmac } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type Platform = 'wecom' | 'dingtalk' | 'feishu';

export interface Arrival {
  at: number;
  url: URL;
  body: any;
  answer: any;
}

export interface RobotOptions {
  /** the key, access token or hook id in the webhook URL */
  token?: string;
  /** the signing secret (DingTalk, Feishu) */
  secret?: string;
  /** answers to give, in order, to requests that pass the checks; success after that */
  planned?: unknown[];
  /** the robot's own limit; a request beyond it gets the platform's rate-limit code */
  limit?: { messages: number; perMs: number };
}

const HOUR_MS = 3_600_000;
const OK: Record<Platform, unknown> = {
  wecom: { errcode: 0, errmsg: 'ok' },
  dingtalk: { errcode: 0, errmsg: 'ok' },
  feishu: { StatusCode: 0, StatusMessage: 'success', code: 0, data: {}, msg: 'success' },
};
const TOO_FAST: Record<Platform, unknown> = {
  wecom: { errcode: 45009, errmsg: 'api freq out of limit' },
  dingtalk: { errcode: 130101, errmsg: 'send too fast, exceed 20 times per minute' },
  feishu: { code: 11232, msg: 'frequency limited', data: {} },
};

const isString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const keys = (o: unknown) => (o && typeof o === 'object' ? Object.keys(o).sort().join(',') : '');

/** The platform's answer for what is wrong with a request, or undefined when it is right. */
function check(platform: Platform, url: URL, body: any, token: string, secret: string | undefined): unknown {
  switch (platform) {
    case 'wecom': {
      if (url.pathname !== '/cgi-bin/webhook/send' || url.searchParams.get('key') !== token) {
        return { errcode: 93000, errmsg: 'invalid webhook url, hint: [local], more info at https://open.work.weixin.qq.com/devtool/query?e=93000' };
      }
      if (keys(body) !== 'markdown,msgtype' || body.msgtype !== 'markdown' || keys(body.markdown) !== 'content' || !isString(body.markdown.content)) {
        return { errcode: 40008, errmsg: 'invalid message type' };
      }
      if (Buffer.byteLength(body.markdown.content) > 4096) return { errcode: 40058, errmsg: 'markdown.content exceed max length 4096' };
      return undefined;
    }
    case 'dingtalk': {
      if (url.pathname !== '/robot/send' || url.searchParams.get('access_token') !== token) return { errcode: 300005, errmsg: 'token is not exist' };
      if (secret) {
        const timestamp = url.searchParams.get('timestamp') ?? '';
        const want = createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
        if (!/^\d{13}$/.test(timestamp) || Math.abs(Date.now() - Number(timestamp)) > HOUR_MS || url.searchParams.get('sign') !== want) {
          return { errcode: 310000, errmsg: 'sign not match, more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]' };
        }
      }
      const at = body.at;
      if (keys(body) !== 'at,markdown,msgtype' || body.msgtype !== 'markdown' || keys(body.markdown) !== 'text,title' || !isString(body.markdown.title) || !isString(body.markdown.text)) {
        return { errcode: 400105, errmsg: 'msgtype is not supported' };
      }
      if (!Array.isArray(at.atMobiles) || at.isAtAll !== false || !at.atMobiles.every((m: string) => body.markdown.text.includes(`@${m}`))) {
        return { errcode: 40035, errmsg: 'at.atMobiles must each appear in the text as @mobile' };
      }
      if (Buffer.byteLength(body.markdown.text) > 20_000) return { errcode: 460101, errmsg: 'message too long, exceed 20000 bytes' };
      return undefined;
    }
    case 'feishu': {
      if (url.pathname !== `/open-apis/bot/v2/hook/${token}`) return { code: 19001, msg: 'param invalid: incoming webhook access token invalid', data: {} };
      if (secret) {
        const timestamp = body.timestamp;
        const want = createHmac('sha256', `${timestamp}\n${secret}`).update('').digest('base64');
        if (!isString(timestamp) || !/^\d{10}$/.test(timestamp) || Math.abs(Date.now() / 1000 - Number(timestamp)) > 3600 || body.sign !== want) {
          return { code: 19021, msg: 'sign match fail or timestamp is not within one hour from current time', data: {} };
        }
      }
      const card = body.card;
      const markdown = card?.elements?.[0];
      if (body.msg_type !== 'interactive' || !isString(card?.header?.title?.content) || card.header.title.tag !== 'plain_text' || markdown?.tag !== 'markdown' || !isString(markdown.content)) {
        return { code: 9499, msg: 'Bad Request', data: {} };
      }
      if (Buffer.byteLength(JSON.stringify(body)) > 20 * 1024) return { code: 9499, msg: 'Bad Request', data: {} };
      return undefined;
    }
  }
}

/** The text a robot shows: where each platform puts the notice's Markdown. */
export function shownText(platform: Platform, body: any): string {
  if (platform === 'wecom') return body.markdown.content;
  if (platform === 'dingtalk') return body.markdown.text;
  return body.card.elements[0].content;
}

export async function startRobot(platform: Platform, options: RobotOptions = {}) {
  const token = options.token ?? `${platform}-key-0001`;
  const planned = [...(options.planned ?? [])];
  const arrivals: Arrival[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://robot.local');
      const now = Date.now();
      let body: any;
      let answer: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        answer = check(platform, url, body, token, options.secret);
      } catch {
        answer = platform === 'feishu' ? { code: 9499, msg: 'Bad Request', data: {} } : { errcode: 40035, errmsg: 'invalid json' };
      }
      const limit = options.limit;
      if (!answer && limit && arrivals.filter((a) => a.at > now - limit.perMs && a.answer === OK[platform]).length >= limit.messages) {
        answer = TOO_FAST[platform];
      }
      answer ??= planned.shift() ?? OK[platform];
      arrivals.push({ at: now, url, body, answer });
      // robots answer their errors with HTTP 200 too
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const webhook = {
    wecom: `${base}/cgi-bin/webhook/send?key=${token}`,
    dingtalk: `${base}/robot/send?access_token=${token}`,
    feishu: `${base}/open-apis/bot/v2/hook/${token}`,
  }[platform];
  return {
    webhook,
    arrivals,
    /** the requests the robot accepted, as the text it would show */
    shown: () => arrivals.filter((a) => a.answer === OK[platform]).map((a) => shownText(platform, a.body)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve()).closeAllConnections()),
  };
}

/** Writes a notify configuration file to a fresh temp folder and returns its path. */
export async function notifyConfig(file: unknown): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'yuqing-notify-'));
  const path = join(dir, 'notify.json');
  await writeFile(path, JSON.stringify(file, null, 2));
  return path;
}
