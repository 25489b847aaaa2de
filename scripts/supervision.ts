// The launchers' healing: a worker or API process that dies while the launcher runs is started
// again, after a pause that doubles while it keeps dying (1 s, 2 s, 4 s … 30 s) and starts over once
// a run has lasted a minute, so a crash loop neither spins the CPU nor leaves a healed process slow
// to come back after its next, unrelated crash. Temporal itself is not supervised here: without it
// nothing can run, and the launchers stop everything as before.
import type { Child } from './processes';

export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
  /** a run at least this long counts as healthy: the next crash waits `initialMs` again */
  stableMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 1_000, maxMs: 30_000, stableMs: 60_000 };

/** The wait before the next start, given the wait before the run that just ended (none for the first) and how long it lasted. */
export function nextDelay(previousMs: number | undefined, upForMs: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  if (previousMs === undefined || upForMs >= policy.stableMs) return policy.initialMs;
  return Math.min(previousMs * 2, policy.maxMs);
}

export function describeExit({ code, signal }: { code: number | null; signal: NodeJS.Signals | null }): string {
  return signal ?? `exit code ${code}`;
}

export interface SuperviseOptions {
  /** the process as first started and found ready by the launcher */
  first: Child;
  /** starts a fresh one with the same name, command and environment */
  start: () => Child;
  /** resolves once a fresh one serves (a rejection is logged; its exit, if it died, restarts it) */
  ready: (child: Child) => Promise<void>;
  /** true once the launcher is stopping: nothing is started any more */
  stopping: () => boolean;
  /** each new process, as soon as it is spawned, so the launcher stops (and records) the current one */
  onStart: (child: Child) => void;
  log: (line: string) => void;
  policy?: BackoffPolicy;
}

export interface Supervisor {
  current(): Child;
  /** ends a pending wait: after this nothing is started, whatever the timer */
  cancel(): void;
}

export function supervise(o: SuperviseOptions): Supervisor {
  let child = o.first;
  let startedAt = Date.now();
  let delay: number | undefined;
  let timer: NodeJS.Timeout | undefined;
  let cancelled = false;
  const over = () => cancelled || o.stopping();

  const watch = (c: Child) => {
    void c.exited.then((exit) => {
      if (over()) return;
      delay = nextDelay(delay, Date.now() - startedAt, o.policy);
      o.log(`${c.name} stopped unexpectedly (${describeExit(exit)}); restarting it in ${delay / 1000}s`);
      timer = setTimeout(restart, delay);
    });
  };
  const restart = () => {
    timer = undefined;
    if (over()) return;
    child = o.start();
    startedAt = Date.now();
    o.onStart(child);
    watch(child);
    const fresh = child;
    o.ready(fresh).then(
      () => {
        if (!over()) o.log(`${fresh.name} restarted (pid ${fresh.process.pid}) and is ready`);
      },
      (error: unknown) => {
        if (!over() && fresh.process.exitCode === null && fresh.process.signalCode === null) {
          o.log(`${fresh.name} restarted (pid ${fresh.process.pid}) but is not ready: ${error instanceof Error ? error.message : String(error)}`);
        }
      },
    );
  };
  watch(child);
  return {
    current: () => child,
    cancel() {
      cancelled = true;
      clearTimeout(timer);
    },
  };
}
