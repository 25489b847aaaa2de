// Every result file says how loaded the machine was while it was measured: the benchmarks share
// two cores with other work, and a figure without that context cannot be compared.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../workers/bundle';

export interface Machine {
  cpus: number;
  cpuModel: string;
  totalMemMiB: number;
  node: string;
  /** os.loadavg() [1, 5, 15 min] */
  loadavg: number[];
}

export function machine(): Machine {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    totalMemMiB: Math.round(totalmem() / 2 ** 20),
    node: process.version,
    loadavg: loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

/**
 * Writes <name>-<time>.json and <name>-latest.json to bench/results (or BENCH_RESULTS_DIR, so a
 * test's short run does not replace the latest real one); returns the first path.
 */
export function writeResults(name: string, data: object): string {
  const dir = process.env.BENCH_RESULTS_DIR ?? join(PROJECT_ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const body = `${JSON.stringify({ name, at: new Date().toISOString(), ...data }, null, 2)}\n`;
  const file = join(dir, `${name}-${stamp}.json`);
  writeFileSync(file, body);
  writeFileSync(join(dir, `${name}-latest.json`), body);
  return file;
}
