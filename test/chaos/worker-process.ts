// A worker in a process of its own, so it can be SIGKILLed like a crashed machine and its RSS
// measured apart from the load generator. Started as `node --import tsx <entry>` rather than
// through the tsx CLI, which runs the real program in a grandchild a SIGKILL would orphan.
import { join } from 'node:path';
import { startChild, stopChild, type Child } from '../../scripts/processes';
import { PROJECT_ROOT } from '../../workers/bundle';

export interface WorkerProcess {
  pid: number;
  /** the message the worker sent once it polls (workers/main.ts sends 'ready') */
  ready: unknown;
  exited: Child['exited'];
  /** one request/answer over IPC, for entries that answer (bench/worker.ts) */
  request<T>(message: Record<string, unknown>): Promise<T>;
  kill(): Promise<void>;
  stop(): Promise<void>;
}

export interface WorkerProcessOptions {
  /** project-relative entry file */
  entry?: string;
  env: NodeJS.ProcessEnv;
  nodeArgs?: string[];
  name?: string;
}

let requests = 0;

export async function startWorkerProcess(opts: WorkerProcessOptions): Promise<WorkerProcess> {
  const child = startChild({
    name: opts.name ?? 'worker',
    command: process.execPath,
    args: [...(opts.nodeArgs ?? []), '--import', 'tsx', join(PROJECT_ROOT, opts.entry ?? 'workers/main.ts')],
    cwd: PROJECT_ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...opts.env },
    ipc: true,
    // the log channel prints every notice as a JSON line: thousands in a benchmark
    onStdout: () => true,
  });
  // a test process that dies without its cleanup must not leave the worker polling
  process.once('exit', () => child.process.kill('SIGKILL'));
  const ready = await new Promise<unknown>((resolve, reject) => {
    child.process.once('message', resolve);
    void child.exited.then((e) => reject(new Error(`worker exited (${e.signal ?? e.code}) before it was ready:\n${child.stderrTail()}`)));
  });
  return {
    pid: child.process.pid!,
    ready,
    exited: child.exited,
    request<T>(message: Record<string, unknown>) {
      const id = ++requests;
      return new Promise<T>((resolve) => {
        const onMessage = (answer: { id?: number }) => {
          if (answer?.id !== id) return;
          child.process.off('message', onMessage);
          resolve(answer as T);
        };
        child.process.on('message', onMessage);
        child.process.send({ ...message, id });
      });
    },
    async kill() {
      child.process.kill('SIGKILL');
      await child.exited;
    },
    stop: () => stopChild(child, 15_000),
  };
}
