// A launcher killed outright (SIGKILL, a closed terminal that took it down) cannot stop what it
// started. The worker and the API notice, as their IPC channel to it closes, and leave; the Temporal
// dev server cannot, and would hold the data folder's database and the ports. So the launcher
// writes down what it started, and the next start stops what is left of the last one first.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PRIVATE_DIR, PRIVATE_FILE } from '../config/data-dir';
import { LAUNCHER_RECORD } from '../domain/data-layout';
import type { Child } from './processes';

const STOP_GRACE_MS = 15_000;

interface Record {
  launcher: { pid: number; command: string };
  children: { name: string; pid: number; command: string }[];
}

export class LauncherRunningError extends Error {}

/** Written once the children are started; removed by an orderly stop. */
export function recordStarted(dataDir: string, children: Child[]): void {
  const entry = (pid: number) => ({ pid, command: commandOf(pid) ?? '' });
  const record: Record = {
    launcher: entry(process.pid),
    children: children.flatMap((c) => (c.process.pid ? [{ name: c.name, ...entry(c.process.pid) }] : [])),
  };
  mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR });
  writeFileSync(join(dataDir, LAUNCHER_RECORD), `${JSON.stringify(record, null, 2)}\n`, { mode: PRIVATE_FILE });
}

export function forgetStarted(dataDir: string): void {
  rmSync(join(dataDir, LAUNCHER_RECORD), { force: true });
}

/**
 * What of the launcher on this data folder still runs, as its record lists it (a reused pid is not
 * ours): the backup pauses the dev server it finds, the restore refuses to run while anything does.
 */
export function stillRunning(dataDir: string): { launcher?: number; children: { name: string; pid: number }[] } {
  const record = readRecord(join(dataDir, LAUNCHER_RECORD));
  if (!record) return { children: [] };
  const children = record.children.filter(ours).map(({ name, pid }) => ({ name, pid }));
  return { launcher: ours(record.launcher) ? record.launcher.pid : undefined, children };
}

function readRecord(path: string): Record | undefined {
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record;
  } catch {
    return undefined;
  }
}

const ours = ({ pid, command }: { pid: number; command: string }) => command !== '' && commandOf(pid) === command;

/**
 * Stops the processes an earlier launcher on this data folder left running, and says which; a
 * process is only touched while its command line is still the recorded one (a reused pid is not
 * ours). Refuses to go on while that launcher itself still runs. Resolves to whether it stopped any.
 */
export async function stopLeftovers(dataDir: string, log: (line: string) => void): Promise<boolean> {
  const path = join(dataDir, LAUNCHER_RECORD);
  if (!existsSync(path)) return false;
  const record = readRecord(path);
  if (!record) {
    rmSync(path, { force: true });
    return false;
  }
  if (ours(record.launcher)) {
    throw new LauncherRunningError(`another Yuqing launcher (pid ${record.launcher.pid}) is running on ${dataDir}: stop it first, or give this one its own YUQING_DATA_DIR`);
  }
  const left = record.children.filter(ours);
  for (const child of left) {
    log(`stopping the ${child.name} (pid ${child.pid}) an earlier start left running`);
    process.kill(child.pid, 'SIGTERM');
    if (!(await gone(child, STOP_GRACE_MS))) {
      process.kill(child.pid, 'SIGKILL');
      await gone(child, STOP_GRACE_MS);
    }
  }
  rmSync(path, { force: true });
  return left.length > 0;
}

async function gone(p: { pid: number; command: string }, withinMs: number): Promise<boolean> {
  const until = Date.now() + withinMs;
  while (commandOf(p.pid) === p.command) {
    if (Date.now() > until) return false;
    await sleep(100);
  }
  return true;
}

/** the full command line of a running process, or undefined when there is none */
function commandOf(pid: number): string | undefined {
  try {
    process.kill(pid, 0);
  } catch {
    return undefined;
  }
  try {
    if (existsSync('/proc/self/cmdline')) return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim() || undefined;
    return execFileSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}
