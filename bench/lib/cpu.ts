// Where the CPU went during a phase: user+system time of each process from /proc (Linux), so a
// figure that misses its target can be explained by who was busy, not guessed at.
import { readdirSync, readFileSync } from 'node:fs';

/** clock ticks per second of /proc/<pid>/stat: 100 on every Linux this runs on */
const TICKS = 100;

interface Stat {
  ppid: number;
  /** own user + system time, and that of its children it has waited for */
  ownTicks: number;
  reapedChildrenTicks: number;
}

function stat(pid: number): Stat | undefined {
  let line: string;
  try {
    line = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined; // ended between the listing and the read
  }
  // after the command name: state is field 0, ppid 1, utime 11, stime 12, cutime 13, cstime 14
  const f = line.slice(line.lastIndexOf(')') + 2).split(' ').map(Number);
  return { ppid: f[1]!, ownTicks: f[11]! + f[12]!, reapedChildrenTicks: f[13]! + f[14]! };
}

/**
 * A process and, for a tree, everything below it: PostgreSQL serves each connection from a
 * backend process of its own. Children that ended were waited for by their parent, whose
 * cutime/cstime then holds their time, so none is lost between two readings.
 */
function cpuSeconds(pid: number, tree: boolean): number {
  const root = stat(pid);
  if (!root) return NaN;
  if (!tree) return root.ownTicks / TICKS;
  const all = new Map<number, Stat>();
  for (const name of readdirSync('/proc')) {
    const s = /^\d+$/.test(name) ? stat(Number(name)) : undefined;
    if (s) all.set(Number(name), s);
  }
  let ticks = 0;
  const below = [pid];
  for (let p = below.pop(); p !== undefined; p = below.pop()) {
    const s = all.get(p);
    if (!s) continue;
    ticks += s.ownTicks + s.reapedChildrenTicks;
    for (const [child, cs] of all) if (cs.ppid === p) below.push(child);
  }
  return ticks / TICKS;
}

/** a pid, or `{ tree: pid }` for a process with the children it serves from */
export type Pids = Record<string, number | { tree: number } | undefined>;

/** Starts counting; the returned function gives each process's CPU seconds since. */
export function cpuMeter(pids: Pids): () => Record<string, number> {
  const read = (p: Pids[string]) => (p === undefined ? NaN : typeof p === 'number' ? cpuSeconds(p, false) : cpuSeconds(p.tree, true));
  const start = Object.fromEntries(Object.entries(pids).map(([name, p]) => [name, read(p)]));
  return () => Object.fromEntries(Object.entries(pids).map(([name, p]) => [name, Math.round((read(p) - start[name]!) * 100) / 100]));
}
