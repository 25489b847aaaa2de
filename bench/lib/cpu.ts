// Where the CPU went during a phase: user+system time of each process from /proc (Linux), so a
// figure that misses its target can be explained by who was busy, not guessed at.
import { readFileSync } from 'node:fs';

/** clock ticks per second of /proc/<pid>/stat: 100 on every Linux this runs on */
const TICKS = 100;

function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of the line, 12 and 13 after the command name
  return (Number(fields[11]) + Number(fields[12])) / TICKS;
}

export type Pids = Record<string, number | undefined>;

/** Starts counting; the returned function gives each process's CPU seconds since. */
export function cpuMeter(pids: Pids): () => Record<string, number> {
  const start = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, pid ? cpuSeconds(pid) : 0]));
  return () => Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, pid ? Math.round((cpuSeconds(pid) - start[name]!) * 100) / 100 : NaN]));
}
