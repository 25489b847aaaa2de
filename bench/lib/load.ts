// The two load shapes: a closed loop (a fixed number of workers, each starting the next item as
// soon as its last one finished: measures sustained throughput) and an open loop (items arrive at
// a fixed rate whatever happens to earlier ones: measures latency at a chosen load).
import { setTimeout as sleep } from 'node:timers/promises';
import type { Client } from '@temporalio/client';
import proto from '@temporalio/proto';

export type Task = (index: number) => Promise<void>;

/** Long work shows progress: a line every few seconds with what is done. */
export function progress(label: string, total: number): { tick(): void; done(): void } {
  let count = 0;
  const started = Date.now();
  const timer = setInterval(() => {
    const secs = (Date.now() - started) / 1000;
    console.log(`  ${label}: ${count}/${total} in ${secs.toFixed(0)}s (${(count / secs).toFixed(2)}/s)`);
  }, 5_000);
  return {
    tick: () => void count++,
    done: () => clearInterval(timer),
  };
}

/** Runs `total` tasks with `concurrency` in flight; returns the wall time in ms. */
export async function closedLoop(label: string, total: number, concurrency: number, task: Task): Promise<number> {
  const p = progress(label, total);
  let next = 0;
  const started = performance.now();
  try {
    await Promise.all(
      Array.from({ length: Math.min(concurrency, total) }, async () => {
        for (let i = next++; i < total; i = next++) {
          await task(i);
          p.tick();
        }
      }),
    );
  } finally {
    p.done();
  }
  return performance.now() - started;
}

/** Starts a task every 1/ratePerSec seconds, `total` in all, and waits for every one to end. */
export async function openLoop(label: string, total: number, ratePerSec: number, task: Task): Promise<number> {
  const p = progress(label, total);
  const started = performance.now();
  const running: Promise<void>[] = [];
  try {
    for (let i = 0; i < total; i++) {
      // against the schedule, not the previous start, so a slow start does not lower the rate
      const due = started + (i * 1000) / ratePerSec;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      running.push(task(i).then(p.tick));
    }
    await Promise.all(running);
  } finally {
    p.done();
  }
  return performance.now() - started;
}

/** `concurrency` loops calling `call` back to back for `durationMs`; every call's latency in ms. */
export async function timedLoop(label: string, durationMs: number, concurrency: number, call: (i: number) => Promise<unknown>): Promise<{ latencies: number[]; errors: number; elapsedMs: number }> {
  const latencies: number[] = [];
  let errors = 0;
  let n = 0;
  const started = performance.now();
  const end = started + durationMs;
  console.log(`  ${label}: ${concurrency} loops for ${durationMs / 1000}s`);
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        try {
          await call(n++);
          latencies.push(performance.now() - t);
        } catch {
          errors++;
        }
      }
    }),
  );
  return { latencies, errors, elapsedMs: performance.now() - started };
}

/**
 * Waits until the task queue has no workflow or activity task waiting: one phase's leftover work
 * (the incidents it started still rendering their special reports) must not slow the next.
 */
// a CommonJS module: named imports of it fail under plain Node ESM (tsx)
const { TaskQueueType } = proto.temporal.api.enums.v1;

export async function drain(client: Client, taskQueue: string, timeoutMs = 180_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const backlog = await Promise.all(
      [TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW, TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY].map(async (taskQueueType) => {
        const r = await client.workflowService.describeTaskQueue({ namespace: client.options.namespace, taskQueue: { name: taskQueue }, taskQueueType, reportStats: true });
        return Number(r.stats?.approximateBacklogCount ?? 0);
      }),
    );
    if (backlog.every((n) => n === 0)) return;
    if (Date.now() > until) throw new Error(`task queue ${taskQueue} still has ${backlog.join('+')} tasks waiting`);
    await sleep(500);
  }
}
