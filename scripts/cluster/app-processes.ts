// Yuqing's own processes on a cluster: N workers (stateless, all on one task queue) and the API.
// Each is `node --import tsx <entry>` with the shared environment, exactly as a deployment runs them.
import { setTimeout as sleep } from 'node:timers/promises';
import { startChild, stopChild, type Child } from '../processes';

export interface AppProcessOptions {
  projectRoot: string;
  /** TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, YUQING_DATA_DIR (absolute), PORT … */
  env: NodeJS.ProcessEnv;
  /** each stdout line (a JSON log line); return true to swallow it */
  onStdout?: (line: string) => boolean;
}

export class AppProcessError extends Error {}

/** longer than the worker's own shutdownGraceTime, so in-flight activities can finish */
export const WORKER_STOP_GRACE_MS = 20_000;
const API_STOP_GRACE_MS = 5_000;
const READY_TIMEOUT_MS = 120_000;

export function startWorkerProcess(o: AppProcessOptions, name: string, metricsAddress?: string): Child {
  const env = metricsAddress ? { ...o.env, YUQING_WORKER_METRICS_ADDRESS: metricsAddress } : o.env;
  return startNode(o, name, 'workers/main.ts', env, true);
}

export function startApiProcess(o: AppProcessOptions): Child {
  return startNode(o, 'api', 'api/main.ts', o.env, false);
}

/** The worker says `ready` over IPC once it polls its task queue. */
export function workerReady(child: Child): Promise<void> {
  return untilReady(child, new Promise<void>((ok) => child.process.on('message', (m) => m === 'ready' && ok())));
}

export function apiReady(child: Child, healthUrl: string): Promise<void> {
  const poll = async () => {
    while (child.process.exitCode === null && child.process.signalCode === null) {
      try {
        if ((await fetch(healthUrl, { signal: AbortSignal.timeout(2_000) })).ok) return;
      } catch {
        // not listening yet
      }
      await sleep(200);
    }
  };
  return untilReady(child, poll());
}

export const stopWorkerProcess = (child: Child) => stopChild(child, WORKER_STOP_GRACE_MS);
export const stopApiProcess = (child: Child) => stopChild(child, API_STOP_GRACE_MS);

function startNode(o: AppProcessOptions, name: string, entry: string, env: NodeJS.ProcessEnv, ipc: boolean): Child {
  return startChild({ name, command: process.execPath, args: ['--import', 'tsx', entry], cwd: o.projectRoot, env, ipc, onStdout: o.onStdout });
}

async function untilReady(child: Child, ready: Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    ready.then(() => 'ready' as const),
    child.exited.then(({ code, signal }) => `exited (${signal ?? `exit code ${code}`}) before it was ready:\n${child.stderrTail()}`),
    new Promise<string>((ok) => (timer = setTimeout(ok, READY_TIMEOUT_MS, `was not ready after ${READY_TIMEOUT_MS / 1000}s`))),
  ]);
  clearTimeout(timer);
  if (outcome !== 'ready') throw new AppProcessError(`the ${child.name} ${outcome}`);
}
