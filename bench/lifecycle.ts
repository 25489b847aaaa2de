// `npm run bench`: incidents through all seven steps against a trivial baseline workflow, both at
// the same closed-loop concurrency on the same server in the same run (issue 5). Prints the
// figures and writes them to bench/results/lifecycle-*.json.
//   --target T        dev (default): the embedded dev server as `npm start` runs it;
//                     cluster: the dev server, then the PostgreSQL cluster as `npm run cluster`
//                     runs it, the same measurement on each and the figures side by side (issue 9)
//   --incidents N     incidents in the throughput run (default 200; the four severities in turn)
//   --baseline N      baseline workflows (default 500)
//   --concurrency C   items in flight in the closed loops (default 10)
//   --idle N          incidents driven one at a time for the idle latency and the history sizes
//                     (default 16; at least 4, so each severity is among them)
//   --loaded N        incidents arriving at 70 % of the measured rate, for the latency under load
//                     (default a quarter of --incidents, at least 20)
//   --profile         CPU-profile the incident worker and print where its time went (slows it)
import { parseArgs } from 'node:util';
import { measureLifecycle, round, type LifecycleParams, type LifecycleResult } from './lib/lifecycle-run';
import { machine, writeResults } from './lib/results';
import { TARGET_NAMES, TARGETS, type Target } from './lib/servers';
import { startStack } from './lib/stack';

const { values } = parseArgs({
  options: {
    target: { type: 'string', default: 'dev' },
    incidents: { type: 'string', default: '200' },
    baseline: { type: 'string', default: '500' },
    concurrency: { type: 'string', default: '10' },
    idle: { type: 'string', default: '16' },
    loaded: { type: 'string' },
    profile: { type: 'boolean', default: false },
  },
});
const target = values.target as Target;
if (!TARGETS.includes(target)) {
  console.error(`--target must be one of ${TARGETS.join(', ')}, not "${values.target}"`);
  process.exit(2);
}
const params: LifecycleParams = {
  incidents: positive('incidents'),
  baseline: positive('baseline'),
  concurrency: positive('concurrency'),
  idle: positive('idle', 4),
  loaded: values.loaded === undefined ? Math.max(20, Math.round(Number(values.incidents) / 4)) : positive('loaded'),
  profile: values.profile,
};

// the cluster's figures mean something only beside the dev server's, measured by the same process
const targets: Target[] = target === 'cluster' ? ['dev', 'cluster'] : ['dev'];
const results: Partial<Record<Target, LifecycleResult & { server: Record<string, unknown> }>> = {};
for (const t of targets) {
  console.log(`\n== ${TARGET_NAMES[t]} ==`);
  const stack = await startStack(t);
  try {
    results[t] = { ...(await measureLifecycle(stack, params)), server: stack.server.description };
  } finally {
    await stack.stop();
  }
  printResult(TARGET_NAMES[t], results[t]!);
}
if (results.cluster && results.dev) printComparison(results.dev, results.cluster);

const name = ['lifecycle', target === 'cluster' && 'cluster', values.profile && 'profile'].filter(Boolean).join('-');
const file = writeResults(name, { params, results, machine: machine() });
console.log(`written to ${file}`);

function positive(option: keyof typeof values, min = 1): number {
  const n = Number(values[option]);
  if (!Number.isInteger(n) || n < min) {
    console.error(`--${option} must be a whole number of at least ${min}, not "${values[option]}"`);
    process.exit(2);
  }
  return n;
}

function printResult(title: string, r: LifecycleResult) {
  const f = r.figures;
  for (const thread of r.workerProfile ?? []) {
    console.log(`worker CPU profile ${thread.file}: ${thread.busyMs} ms busy`);
    console.table(thread.buckets);
  }
  console.log(`\nfigures on the ${title} (load average ${r.loadavg.start.join(' ')} at start, ${r.loadavg.end.join(' ')} at end):`);
  console.table(headline(r));
  console.log(`server CPU per state transition: ${f.serverCpuMsPerTransition.incident} ms for incidents, ${f.serverCpuMsPerTransition.baseline} ms for the baseline`);
  console.log('CPU ms per item, by process:');
  console.table({ incident: f.cpu.incidents.msPerIncident, baseline: f.cpu.baseline.msPerWorkflow });
  console.table(Object.fromEntries(Object.entries(r.targets).map(([k, v]) => [k, `${v.target}: ${v.met ? 'met' : 'MISSED'}`])));
}

function headline(r: LifecycleResult): Record<string, number | undefined> {
  const f = r.figures;
  const { idle, at70PercentLoad: loaded } = f.decisionToVisibleMs;
  return {
    'incidents/s': f.incidentsPerSec,
    'baseline workflows/s': f.baselinePerSec,
    'state transitions per incident': f.transitionsPerIncident,
    'state transitions per baseline': f.transitionsPerBaseline,
    'history events: general': f.historyEvents.general,
    'history events: critical (3 releases, 10 metrics)': f.historyEvents.critical3Releases10Metrics,
    'transition efficiency E': f.transitionEfficiency,
    'decision→visible idle p50 ms': idle.p50,
    'decision→visible idle p99 ms': idle.p99,
    'decision→visible 70% load p50 ms': loaded.p50,
    'decision→visible 70% load p99 ms': loaded.p99,
    'server CPU ms per transition (incident)': f.serverCpuMsPerTransition.incident,
    'worker CPU ms per incident': f.cpu.incidents.msPerIncident.worker,
  };
}

function printComparison(dev: LifecycleResult, cluster: LifecycleResult) {
  const a = headline(dev);
  const b = headline(cluster);
  const ratio = (x?: number, y?: number) => (x && y !== undefined ? round(y / x) : undefined);
  console.log('\ndev server vs cluster, measured in this run:');
  console.table(Object.fromEntries(Object.keys(a).map((k) => [k, { 'dev server': a[k], cluster: b[k], 'cluster ÷ dev': ratio(a[k], b[k]) }])));
}
