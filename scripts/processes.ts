// The launcher's child processes: started in their own process group, so a Ctrl-C in the terminal
// reaches only the launcher, which then stops them in order (API, worker, server) instead of all
// at once; their output is relayed line by line with a name in front.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

export interface Child {
  name: string;
  process: ChildProcess;
  /** resolves when the process has exited, with its code or the signal that ended it */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** the last lines it wrote on stderr, for an error message when it dies early */
  stderrTail(): string;
}

export interface StartOptions {
  name: string;
  command: string;
  args: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** a stdout line: return true to swallow it (e.g. a banner the launcher prints better itself) */
  onStdout?: (line: string) => boolean;
  ipc?: boolean;
}

export function startChild(options: StartOptions): Child {
  const stdio: SpawnOptions['stdio'] = ['ignore', 'pipe', 'pipe'];
  if (options.ipc) stdio.push('ipc');
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: options.env,
    stdio,
    detached: true,
  });
  const tail: string[] = [];
  relay(child.stdout, (line) => {
    if (!options.onStdout?.(line)) process.stdout.write(`[${options.name}] ${line}\n`);
  });
  relay(child.stderr, (line) => {
    tail.push(line);
    if (tail.length > 30) tail.shift();
    process.stderr.write(`[${options.name}] ${line}\n`);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('error', (error) => {
      tail.push(String(error));
      resolve({ code: null, signal: null });
    });
    // 'close', not 'exit': by then its last stderr lines have been read, for the error message
    child.on('close', (code, signal) => resolve({ code, signal }));
  });
  return { name: options.name, process: child, exited, stderrTail: () => tail.join('\n') };
}

function relay(stream: Readable | null, onLine: (line: string) => void): void {
  if (stream) createInterface({ input: stream, crlfDelay: Infinity }).on('line', onLine);
}

/** SIGTERM, then SIGKILL if it has not exited within `graceMs`. */
export async function stopChild(child: Child, graceMs: number): Promise<void> {
  if (child.process.exitCode !== null || child.process.signalCode !== null) return;
  child.process.kill('SIGTERM');
  const timer = new Promise<'timeout'>((resolve) => setTimeout(resolve, graceMs, 'timeout').unref());
  if ((await Promise.race([child.exited, timer])) === 'timeout') {
    process.stderr.write(`[${child.name}] did not stop within ${graceMs / 1000}s, killing it\n`);
    child.process.kill('SIGKILL');
    await child.exited;
  }
}
