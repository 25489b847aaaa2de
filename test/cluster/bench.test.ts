// `npm run bench -- --target cluster` (issue 9) as a user runs it, with tiny counts: the same
// lifecycle measurement on the dev server and on the PostgreSQL cluster in one invocation, printed
// side by side. The figures of a run this short mean nothing; that both servers were measured,
// with the cluster's PostgreSQL in the CPU readings, does.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../workers/bundle';

it('measures the lifecycle on the dev server and the cluster in one run and prints them side by side', () => {
  const resultsDir = mkdtempSync(join(tmpdir(), 'yuqing-bench-results-'));
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'bench/lifecycle.ts', '--target', 'cluster', '--incidents', '4', '--baseline', '10', '--idle', '4', '--loaded', '4', '--concurrency', '2'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, BENCH_RESULTS_DIR: resultsDir },
    encoding: 'utf8',
    timeout: 280_000,
  });
  expect(run.status, run.stderr).toBe(0);
  expect(run.stdout).toContain('dev server vs cluster, measured in this run:');
  expect(run.stdout).toMatch(/│ incidents\/s\s+│ [\d.]+\s+│ [\d.]+\s+│ [\d.]+\s+│/);

  const saved = JSON.parse(readFileSync(join(resultsDir, 'lifecycle-cluster-latest.json'), 'utf8'));
  const { dev, cluster } = saved.results;
  for (const r of [dev, cluster]) {
    expect(r.figures.incidentsPerSec).toBeGreaterThan(0);
    expect(r.figures.baselinePerSec).toBeGreaterThan(0);
    // a general inquiry's whole life: about 80 events of steps and decisions and 70 of its notices
    // (one activity each; 154 in the recorded fixture): growing much past that fails here
    expect(r.figures.historyEvents.general).toBeLessThanOrEqual(200);
    expect(r.figures.decisionToVisibleMs.idle.n).toBeGreaterThan(0);
  }
  expect(dev.server.db).toBe('SQLite file');
  expect(cluster.server.db).toMatch(/PostgreSQL/);
  // the same workflow code costs the same transitions whatever server runs it
  expect(cluster.figures.transitionsPerBaseline).toBe(dev.figures.transitionsPerBaseline);
  expect(Object.keys(dev.figures.cpu.incidents.seconds).sort()).toEqual(['devServer', 'driver', 'worker']);
  const clusterCpu = cluster.figures.cpu.incidents.seconds;
  expect(Object.keys(clusterCpu).sort()).toEqual(['driver', 'postgres', 'temporalServer', 'worker']);
  // PostgreSQL serves the server from per-connection backends: counted only if the tree is
  expect(clusterCpu.postgres).toBeGreaterThan(0);
}, 300_000);
