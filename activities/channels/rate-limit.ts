// A chat robot accepts about 20 messages a minute and answers a faster sender with an error code.
// Notices are activities that run concurrently, so a burst (several deadlines passing together, a
// wide escalation) would run into that limit. Each robot therefore has one queue in the worker
// process: it sends one message at a time, at most `messages` in any `perSeconds` window, and when
// more notices wait than the window still allows it merges the waiting ones into one message.
// Every notice's activity awaits its own delivery. Nothing is dropped: a notice that cannot go out
// before its activity attempt would time out leaves the queue with a retryable failure, and
// Temporal brings it back later.
//
// The window is per worker process. With several workers, each keeps its own count: give each a
// share of the robot's limit (`messages` divided by the number of workers); if the robot still
// answers "too fast", that notice fails retryably and the queue holds off for a whole window.
import { setTimeout as sleep } from 'node:timers/promises';
import { deliveryFailure, type Meaning } from '../delivery-failure';
import type { RateLimit } from '../../config/notify-file';

interface Entry<T> {
  item: T;
  resolve(): void;
  reject(reason: unknown): void;
  /** leaves the queue: its deadline passed or its activity was cancelled */
  leave(reason: unknown): void;
}

export interface Submission {
  /** epoch ms by which the item must have gone out (the attempt's timeout less the send's own) */
  deadline?: number;
  signal?: AbortSignal;
}

export class RobotQueue<T> {
  private readonly windowMs: number;
  /** when each message of the current window went out */
  private readonly sent: number[] = [];
  private readonly waiting: Entry<T>[] = [];
  private pumping = false;
  private holdUntil = 0;

  constructor(
    private readonly label: Meaning,
    private readonly limit: RateLimit,
    private readonly deliver: (batch: T[]) => Promise<void>,
    /** whether these items still fit in one message */
    private readonly fits: (batch: T[]) => boolean,
  ) {
    this.windowMs = limit.perSeconds * 1000;
  }

  submit(item: T, { deadline, signal }: Submission = {}): Promise<void> {
    signal?.throwIfAborted();
    return new Promise<void>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const onAbort = () => entry.leave(signal?.reason);
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      const entry: Entry<T> = {
        item,
        resolve: () => (done(), resolve()),
        reject: (reason) => (done(), reject(reason)),
        leave: (reason) => {
          const at = this.waiting.indexOf(entry);
          if (at < 0) return; // already on its way: its delivery settles it
          this.waiting.splice(at, 1);
          entry.reject(reason);
        },
      };
      if (deadline !== undefined) {
        timer = setTimeout(
          () =>
            entry.leave(
              deliveryFailure(
                { zh: `${this.label.zh}发送繁忙，本次尝试时限内发不出，稍后重试`, en: `${this.label.en}: rate limit queue still full when this attempt ran out of time; Temporal retries it` },
                'RobotBusy',
                true,
              ),
            ),
          Math.max(0, deadline - Date.now()),
        );
      }
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(entry);
      void this.pump();
    });
  }

  /** The robot itself said "too fast" (another worker shares it, or its count differs): send nothing for a whole window. */
  holdOff(): void {
    this.holdUntil = Date.now() + this.windowMs;
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.waiting.length) {
        const wait = this.wait(Date.now());
        if (wait > 0) {
          await sleep(wait);
          continue;
        }
        const batch = this.take();
        try {
          await this.deliver(batch.map((e) => e.item));
          for (const e of batch) e.resolve();
        } catch (err) {
          for (const e of batch) e.reject(err);
        } finally {
          // counted from the answer: the robot saw the message no later than that, so its window ends no later than ours
          this.sent.push(Date.now());
        }
      }
    } finally {
      this.pumping = false;
    }
  }

  /** ms until the next message may go out */
  private wait(now: number): number {
    while (this.sent.length && this.sent[0]! <= now - this.windowMs) this.sent.shift();
    const windowFull = this.sent.length >= this.limit.messages ? this.sent[0]! + this.windowMs - now : 0;
    return Math.max(windowFull, this.holdUntil - now, 0);
  }

  /** One notice alone while the window has room for all that wait; otherwise as many as fit one message. */
  private take(): Entry<T>[] {
    const batch = [this.waiting.shift()!];
    if (this.waiting.length < this.limit.messages - this.sent.length) return batch;
    while (this.waiting.length && this.fits([...batch, this.waiting[0]!].map((e) => e.item))) batch.push(this.waiting.shift()!);
    return batch;
  }
}
