// A group chat robot (WeCom, DingTalk, Feishu) as a notify channel: notices go through the robot's
// rate-limited queue, the platform builds and signs the request, and its answer code is turned into
// what Temporal should do: "too fast" and transient codes are retried, a bad key or signature is a
// non-retryable failure whose message (in the incident's language) lands in its timeline.
import { asyncLocalStorage } from '@temporalio/activity';
import type { Directory, Person, RateLimit } from '../../config/notify-file';
import type { NotifyChannel } from '../notify';
import { deliveryFailure, type Meaning } from '../delivery-failure';
import { postJson } from '../webhook';
import { type NoticeView, noticeView } from './message';
import { RobotQueue } from './rate-limit';

/** One notice on its way to a robot. */
export interface Outgoing {
  view: NoticeView;
  key: string;
  /** the people to @, by the id their platform mentions them with */
  mentions: string[];
}

/** What the platform's answer means for the sender. */
export type Verdict =
  | { kind: 'ok' }
  /** retry later, and hold this robot's queue for a window */
  | { kind: 'rateLimited'; code: number; detail: string }
  /** retrying cannot help: the key, signature or robot set-up must be fixed */
  | { kind: 'rejected'; code: number; detail: string; meaning: Meaning }
  /** busy or not understood: retry */
  | { kind: 'failed'; code: number; detail: string };

export interface RobotPlatform {
  readonly label: Meaning;
  request(batch: Outgoing[], now: number): { url: string; body: unknown };
  /** whether these notices still fit in one message of this platform */
  fits(batch: Outgoing[]): boolean;
  /** how this platform @-mentions a person, if the contacts say */
  mentionOf(person: Person): string | undefined;
  verdict(answer: unknown): Verdict;
}

export interface RobotOptions {
  rateLimit: RateLimit;
  timeoutMs: number;
  people: Directory;
}

export function robotChannel(name: string, platform: RobotPlatform, { rateLimit, timeoutMs, people }: RobotOptions): NotifyChannel {
  const label = { zh: `${platform.label.zh}「${name}」`, en: `${platform.label.en} "${name}"` };
  const queue: RobotQueue<Outgoing> = new RobotQueue(label, rateLimit, deliver, (batch) => platform.fits(batch));

  async function deliver(batch: Outgoing[]): Promise<void> {
    const { url, body } = platform.request(batch, Date.now());
    // robots ignore the header; it still tells a proxy or a log which notices the message carried
    const answer = await postJson(url, body, batch.map((o) => o.key).join(','), timeoutMs);
    const verdict = platform.verdict(answer.body);
    if (verdict.kind === 'ok') return;
    const said = `errcode ${verdict.code}: ${verdict.detail.slice(0, 200)}`;
    switch (verdict.kind) {
      case 'rateLimited':
        queue.holdOff();
        throw deliveryFailure({ zh: `${label.zh}限流，稍后重试（${said}）`, en: `${label.en} is rate limited; retrying later (${said})` }, 'RobotRateLimited', true);
      case 'rejected':
        throw deliveryFailure(
          { zh: `${label.zh}拒绝了通知：${verdict.meaning.zh}（${said}）`, en: `${label.en} refused the notice: ${verdict.meaning.en} (${said})` },
          'RobotRejected',
          false,
        );
      case 'failed':
        throw deliveryFailure({ zh: `${label.zh}未能发送，稍后重试（${said}）`, en: `${label.en} did not accept the notice; retrying (${said})` }, 'RobotFailed', true);
    }
  }

  return {
    name,
    recipients: (roles, onDuty) => [...new Set([...roles.flatMap((r) => people[r] ?? []), ...onDuty].flatMap((p) => platform.mentionOf(p) ?? []))],
    async send(message, recipients) {
      const context = asyncLocalStorage.getStore();
      // leave the attempt enough time for the request itself
      const deadline = context && context.info.currentAttemptScheduledTimestampMs + context.info.startToCloseTimeoutMs - timeoutMs;
      const outgoing = { view: noticeView(message, people), key: message.idempotencyKey, mentions: recipients };
      await queue.submit(outgoing, { deadline, signal: context?.cancellationSignal });
    },
  };
}

/** A platform's answer codes by meaning; 0 is success and any code not listed is retried. */
export interface CodeTable {
  rateLimited: readonly number[];
  rejected: Readonly<Record<number, Meaning>>;
}

export function judge(code: number, detail: string, table: CodeTable): Verdict {
  if (code === 0) return { kind: 'ok' };
  if (table.rateLimited.includes(code)) return { kind: 'rateLimited', code, detail };
  const meaning = table.rejected[code];
  return meaning ? { kind: 'rejected', code, detail, meaning } : { kind: 'failed', code, detail };
}

/** The code and message fields of a robot's JSON answer; an answer without a code counts as not understood. */
export function answerFields(answer: unknown, codeField: string, messageField: string): { code: number; detail: string } {
  const fields = typeof answer === 'object' && answer !== null ? (answer as Record<string, unknown>) : {};
  const code = fields[codeField];
  return {
    code: typeof code === 'number' ? code : Number.NaN,
    detail: typeof fields[messageField] === 'string' ? fields[messageField] : JSON.stringify(answer ?? null),
  };
}

export const MALFORMED: Meaning = {
  zh: '请求格式不被接受（本系统的缺陷，请报告）',
  en: 'the request format was not accepted (a Yuqing bug, please report it)',
};
