// `npm run bench`: incidents through all seven steps against a trivial baseline workflow, both at
// the same closed-loop concurrency on the same dev server in the same run (issue 5). Prints the
// figures and writes them to bench/results/lifecycle-*.json.
//   --incidents N     incidents in the throughput run (default 200; the four severities in turn)
//   --baseline N      baseline workflows (default 500)
//   --concurrency C   items in flight in the closed loops (default 10)
//   --idle N          incidents driven one at a time for the idle latency and the history sizes
//                     (default 16; at least 4, so each severity is among them)
//   --preload         share the signature module across workflows (lib/stack.ts SHAREABLE)
//   --profile         CPU-profile the incident worker and print where its time went (slows it)
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { WorkflowHandle } from '@temporalio/client';
import { machine, writeResults } from './lib/results';
import { cpuMeter } from './lib/cpu';
import { summarizeProfiles } from './lib/cpu-profile';
import { closedLoop, openLoop } from './lib/load';
import { mean, summarize } from './lib/stats';
import { INCIDENT_WORKFLOWS, SHAREABLE, startStack, TRIVIAL_WORKFLOWS } from './lib/stack';
import { runIncident, SEVERITIES, serverCost, type ServerCost } from './lib/incidents';

const { values } = parseArgs({
  options: {
    incidents: { type: 'string', default: '200' },
    baseline: { type: 'string', default: '500' },
    concurrency: { type: 'string', default: '10' },
    idle: { type: 'string', default: '16' },
    preload: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
  },
});
const incidents = Number(values.incidents);
const baselineCount = Number(values.baseline);
const concurrency = Number(values.concurrency);
const idleCount = Number(values.idle);

const loadAtStart = machine().loadavg;
const stack = await startStack();
try {
  // one worker per bundle, one after the other: the production bundle for the incidents, the
  // yardsticks' own bundle for the baseline (bench/workflows.ts says why they are not mixed)
  const profileDir = join(stack.dir, 'cpu-profiles');
  const worker = await stack.startWorker({ workflows: INCIDENT_WORKFLOWS, preloadModules: values.preload ? SHAREABLE : undefined }, values.profile ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : []);
  const { client } = stack;
  const tq = worker.options.taskQueue as string;
  const severityOf = (i: number) => SEVERITIES[i % SEVERITIES.length]!;
  const costs = async (handles: Pick<WorkflowHandle, 'describe'>[]) => Promise.all(handles.map(serverCost));

  console.log('warming up (bundle load, first tasks)');
  await Promise.all(SEVERITIES.map((s) => runIncident(client, tq, s)));

  console.log(`history sizes and idle latency: ${idleCount} incidents one at a time`);
  const idleLatency: number[] = [];
  const reference: Partial<Record<(typeof SEVERITIES)[number], ServerCost>> = {};
  for (let i = 0; i < idleCount; i++) {
    const severity = severityOf(i);
    const handle = await runIncident(client, tq, severity, idleLatency);
    reference[severity] ??= await serverCost(handle);
  }

  console.log(`throughput: ${incidents} incidents, ${concurrency} in flight`);
  const handles: WorkflowHandle[] = [];
  const pids = (w: { pid: number }) => ({ devServer: stack.server.pid(), worker: w.pid, driver: process.pid });
  const incidentCpu = cpuMeter(pids(worker));
  const incidentMs = await closedLoop('incidents', incidents, concurrency, async (i) => {
    handles.push(await runIncident(client, tq, severityOf(i)));
  });
  const incidentCpuSec = incidentCpu();
  const incidentCosts = await costs(handles);
  const incidentsPerSec = incidents / (incidentMs / 1000);

  const loadRate = 0.7 * incidentsPerSec;
  const loadCount = Math.max(20, Math.round(incidents / 4));
  console.log(`latency at 70% load: ${loadCount} incidents arriving at ${loadRate.toFixed(2)}/s`);
  const loadedLatency: number[] = [];
  const loadedCpu = cpuMeter(pids(worker));
  const loadedMs = await openLoop('loaded', loadCount, loadRate, async (i) => {
    await runIncident(client, tq, severityOf(i), loadedLatency);
  });
  const loadedCpuSec = loadedCpu();
  await worker.stop();
  const workerProfile = values.profile ? summarizeProfiles(profileDir) : undefined;
  for (const thread of workerProfile ?? []) {
    console.log(`worker CPU profile ${thread.file}: ${thread.busyMs} ms busy`);
    console.table(thread.buckets);
  }

  console.log(`baseline: ${baselineCount} workflows with one no-op activity, ${concurrency} in flight`);
  const baseWorker = await stack.startWorker({ workflows: TRIVIAL_WORKFLOWS });
  const baseTq = baseWorker.options.taskQueue as string;
  const baseline = () => client.workflow.start('baselineWorkflow', { taskQueue: baseTq, workflowId: `baseline-${crypto.randomUUID()}` });
  await Promise.all(Array.from({ length: 10 }, async () => (await baseline()).result()));
  const baseHandles: WorkflowHandle[] = [];
  const baselineCpu = cpuMeter(pids(baseWorker));
  const baselineMs = await closedLoop('baseline', baselineCount, concurrency, async () => {
    const handle = await baseline();
    await handle.result();
    baseHandles.push(handle);
  });
  const baselineCpuSec = baselineCpu();
  const baselineCosts = await costs(baseHandles);
  const baselinePerSec = baselineCount / (baselineMs / 1000);

  const transitionsPerIncident = mean(incidentCosts.map((c) => c.stateTransitions));
  const transitionsPerBaseline = mean(baselineCosts.map((c) => c.stateTransitions));
  const efficiency = (incidentsPerSec * transitionsPerIncident) / (baselinePerSec * transitionsPerBaseline);
  const idle = summarize(idleLatency);
  const loaded = summarize(loadedLatency);
  const figures = {
    incidentsPerSec: round(incidentsPerSec),
    baselinePerSec: round(baselinePerSec),
    transitionsPerIncident: round(transitionsPerIncident),
    transitionsPerBaseline: round(transitionsPerBaseline),
    transitionsPerIncidentBySeverity: Object.fromEntries(SEVERITIES.map((s) => [s, round(mean(incidentCosts.filter((_, i) => severityOf(i) === s).map((c) => c.stateTransitions)))])),
    historyEventsPerIncident: round(mean(incidentCosts.map((c) => c.historyEvents))),
    historyEvents: { general: reference.general?.historyEvents, critical3Releases10Metrics: reference.critical?.historyEvents },
    transitionEfficiency: round(efficiency),
    decisionToVisibleMs: { idle, at70PercentLoad: loaded, p99Ratio: round(loaded.p99 / idle.p99) },
    // the dev server's CPU per state transition, incidents against the baseline: what E would be
    // if the worker and the driver did not share the server's two cores
    serverCpuMsPerTransition: {
      incident: round((incidentCpuSec.devServer! * 1000) / incidents / transitionsPerIncident),
      baseline: round((baselineCpuSec.devServer! * 1000) / baselineCount / transitionsPerBaseline),
    },
    // CPU seconds of each process per phase, and the share of the two cores they used
    cpu: {
      incidents: { seconds: incidentCpuSec, coresBusy: cores(incidentCpuSec, incidentMs), msPerIncident: perItem(incidentCpuSec, incidents) },
      at70PercentLoad: { seconds: loadedCpuSec, coresBusy: cores(loadedCpuSec, loadedMs) },
      baseline: { seconds: baselineCpuSec, coresBusy: cores(baselineCpuSec, baselineMs), msPerWorkflow: perItem(baselineCpuSec, baselineCount) },
    },
  };
  const targets = {
    transitionEfficiency: { target: '>= 0.8', met: efficiency >= 0.8 },
    generalHistory: { target: '<= 150 events', met: (reference.general?.historyEvents ?? Infinity) <= 150 },
    criticalHistory: { target: '<= 400 events', met: (reference.critical?.historyEvents ?? Infinity) <= 400 },
    p99AtLoad: { target: '<= 3x idle p99', met: loaded.p99 <= 3 * idle.p99 },
  };
  console.log('\nfigures:');
  console.table({
    'incidents/s': figures.incidentsPerSec,
    'baseline workflows/s': figures.baselinePerSec,
    'state transitions per incident': figures.transitionsPerIncident,
    'state transitions per baseline': figures.transitionsPerBaseline,
    'history events: general': figures.historyEvents.general,
    'history events: critical (3 releases, 10 metrics)': figures.historyEvents.critical3Releases10Metrics,
    'transition efficiency E': figures.transitionEfficiency,
    'decision→visible idle p50/p99 ms': `${idle.p50} / ${idle.p99}`,
    'decision→visible 70% load p50/p99 ms': `${loaded.p50} / ${loaded.p99}`,
  });
  console.log(`dev server CPU per state transition: ${figures.serverCpuMsPerTransition.incident} ms for incidents, ${figures.serverCpuMsPerTransition.baseline} ms for the baseline`);
  console.log('CPU ms per item (dev server / worker / driver):');
  console.table({ incident: figures.cpu.incidents.msPerIncident, baseline: figures.cpu.baseline.msPerWorkflow });
  console.table(Object.fromEntries(Object.entries(targets).map(([k, v]) => [k, `${v.target}: ${v.met ? 'met' : 'MISSED'}`])));
  const file = writeResults(['lifecycle', values.preload && 'preload', values.profile && 'profile'].filter(Boolean).join('-'), {
    params: { incidents, baseline: baselineCount, concurrency, idle: idleCount, preload: values.preload, loadCount, loadRatePerSec: round(loadRate) },
    figures,
    targets,
    devServer: { sqlitePragmas: stack.server.pragmas, db: 'file' },
    worker: { incidents: worker.options, baseline: baseWorker.options },
    workerProfile,
    machine: { ...machine(), loadavgAtStart: loadAtStart },
  });
  console.log(`written to ${file}`);
} finally {
  await stack.stop();
}

function cores(seconds: Record<string, number>, wallMs: number) {
  return round(Object.values(seconds).reduce((a, b) => a + b, 0) / (wallMs / 1000));
}

function perItem(seconds: Record<string, number>, count: number) {
  return Object.fromEntries(Object.entries(seconds).map(([k, v]) => [k, round((v * 1000) / count)]));
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
