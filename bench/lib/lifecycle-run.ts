// One measurement of the lifecycle benchmark (issue 5) on one stack: incidents through all seven
// steps against a trivial baseline workflow, both at the same closed-loop concurrency on the same
// server. bench/lifecycle.ts runs it on the dev server, and on the cluster too with --target cluster.
import { join } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { cpuMeter, type Pids } from './cpu';
import { summarizeProfiles } from './cpu-profile';
import { closedLoop, openLoop } from './load';
import { machine } from './results';
import { mean, summarize, type Summary } from './stats';
import { INCIDENT_WORKFLOWS, TRIVIAL_WORKFLOWS, type Stack } from './stack';
import { runIncident, SEVERITIES, serverCost, type ServerCost } from './incidents';

export interface LifecycleParams {
  incidents: number;
  baseline: number;
  concurrency: number;
  idle: number;
  /** incidents in the open loop at 70 % of the measured rate */
  loaded: number;
  /** CPU-profile the incident worker (slows it) */
  profile: boolean;
}

export interface LifecycleResult {
  figures: ReturnType<typeof figuresOf>;
  targets: Record<string, { target: string; met: boolean }>;
  workers: { incidents: Record<string, unknown>; baseline: Record<string, unknown> };
  workerProfile?: ReturnType<typeof summarizeProfiles>;
  loadRatePerSec: number;
  loadavg: { start: number[]; end: number[] };
}

export async function measureLifecycle(stack: Stack, p: LifecycleParams): Promise<LifecycleResult> {
  const loadavgStart = machine().loadavg;
  // one worker per bundle, one after the other: the production bundle for the incidents, the
  // yardsticks' own bundle for the baseline (bench/workflows.ts says why they are not mixed)
  const profileDir = join(stack.dir, 'cpu-profiles');
  const worker = await stack.startWorker({ workflows: INCIDENT_WORKFLOWS }, p.profile ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : []);
  const { client } = stack;
  const tq = worker.options.taskQueue as string;
  const severityOf = (i: number) => SEVERITIES[i % SEVERITIES.length]!;
  const costs = async (handles: Pick<WorkflowHandle, 'describe'>[]) => Promise.all(handles.map(serverCost));
  const pids = (w: { pid: number }): Pids => ({ ...stack.server.pids(), worker: w.pid, driver: process.pid });

  console.log('warming up (bundle load, first tasks)');
  await Promise.all(SEVERITIES.map((s) => runIncident(client, tq, s)));

  console.log(`history sizes and idle latency: ${p.idle} incidents one at a time`);
  const idleLatency: number[] = [];
  const reference: Partial<Record<(typeof SEVERITIES)[number], ServerCost>> = {};
  for (let i = 0; i < p.idle; i++) {
    const severity = severityOf(i);
    const handle = await runIncident(client, tq, severity, idleLatency);
    reference[severity] ??= await serverCost(handle);
  }

  console.log(`throughput: ${p.incidents} incidents, ${p.concurrency} in flight`);
  const handles: WorkflowHandle[] = [];
  const incidentCpu = cpuMeter(pids(worker));
  const incidentMs = await closedLoop('incidents', p.incidents, p.concurrency, async (i) => {
    handles.push(await runIncident(client, tq, severityOf(i)));
  });
  const incidentCpuSec = incidentCpu();
  const incidentCosts = await costs(handles);
  const incidentsPerSec = p.incidents / (incidentMs / 1000);

  const loadRate = 0.7 * incidentsPerSec;
  const loadCount = p.loaded;
  console.log(`latency at 70% load: ${loadCount} incidents arriving at ${loadRate.toFixed(2)}/s`);
  const loadedLatency: number[] = [];
  const loadedCpu = cpuMeter(pids(worker));
  const loadedMs = await openLoop('loaded', loadCount, loadRate, async (i) => {
    await runIncident(client, tq, severityOf(i), loadedLatency);
  });
  const loadedCpuSec = loadedCpu();
  await worker.stop();
  const workerProfile = p.profile ? summarizeProfiles(profileDir) : undefined;

  console.log(`baseline: ${p.baseline} workflows with one no-op activity, ${p.concurrency} in flight`);
  const baseWorker = await stack.startWorker({ workflows: TRIVIAL_WORKFLOWS });
  const baseTq = baseWorker.options.taskQueue as string;
  const baseline = () => client.workflow.start('baselineWorkflow', { taskQueue: baseTq, workflowId: `baseline-${crypto.randomUUID()}` });
  await Promise.all(Array.from({ length: 10 }, async () => (await baseline()).result()));
  const baseHandles: WorkflowHandle[] = [];
  const baselineCpu = cpuMeter(pids(baseWorker));
  const baselineMs = await closedLoop('baseline', p.baseline, p.concurrency, async () => {
    const handle = await baseline();
    await handle.result();
    baseHandles.push(handle);
  });
  const baselineCpuSec = baselineCpu();
  const baselineCosts = await costs(baseHandles);
  await baseWorker.stop();

  const figures = figuresOf({
    p,
    severityOf,
    incidentsPerSec,
    baselinePerSec: p.baseline / (baselineMs / 1000),
    incidentCosts,
    baselineCosts,
    reference,
    idle: summarize(idleLatency),
    loaded: summarize(loadedLatency),
    serverProcesses: Object.keys(stack.server.pids()),
    cpu: { incidents: [incidentCpuSec, incidentMs], loaded: [loadedCpuSec, loadedMs], baseline: [baselineCpuSec, baselineMs] },
  });
  return {
    figures,
    targets: {
      transitionEfficiency: { target: '>= 0.8', met: figures.transitionEfficiency >= 0.8 },
      generalHistory: { target: '<= 150 events', met: (figures.historyEvents.general ?? Infinity) <= 150 },
      criticalHistory: { target: '<= 400 events', met: (figures.historyEvents.critical3Releases10Metrics ?? Infinity) <= 400 },
      p99AtLoad: { target: '<= 3x idle p99', met: figures.decisionToVisibleMs.p99Ratio <= 3 },
    },
    workers: { incidents: worker.options, baseline: baseWorker.options },
    workerProfile,
    loadRatePerSec: round(loadRate),
    loadavg: { start: loadavgStart, end: machine().loadavg },
  };
}

type CpuPhase = [seconds: Record<string, number>, wallMs: number];

interface Measured {
  p: LifecycleParams;
  severityOf(i: number): (typeof SEVERITIES)[number];
  incidentsPerSec: number;
  baselinePerSec: number;
  incidentCosts: ServerCost[];
  baselineCosts: ServerCost[];
  reference: Partial<Record<(typeof SEVERITIES)[number], ServerCost>>;
  idle: Summary;
  loaded: Summary;
  /** the names under which the server side's processes appear in the CPU readings */
  serverProcesses: string[];
  cpu: { incidents: CpuPhase; loaded: CpuPhase; baseline: CpuPhase };
}

function figuresOf(m: Measured) {
  const transitionsPerIncident = mean(m.incidentCosts.map((c) => c.stateTransitions));
  const transitionsPerBaseline = mean(m.baselineCosts.map((c) => c.stateTransitions));
  const serverSeconds = ([seconds]: CpuPhase) => m.serverProcesses.reduce((sum, name) => sum + (seconds[name] ?? 0), 0);
  return {
    incidentsPerSec: round(m.incidentsPerSec),
    baselinePerSec: round(m.baselinePerSec),
    transitionsPerIncident: round(transitionsPerIncident),
    transitionsPerBaseline: round(transitionsPerBaseline),
    transitionsPerIncidentBySeverity: Object.fromEntries(SEVERITIES.map((s) => [s, round(mean(m.incidentCosts.filter((_, i) => m.severityOf(i) === s).map((c) => c.stateTransitions)))])),
    historyEventsPerIncident: round(mean(m.incidentCosts.map((c) => c.historyEvents))),
    historyEvents: { general: m.reference.general?.historyEvents, critical3Releases10Metrics: m.reference.critical?.historyEvents },
    transitionEfficiency: round((m.incidentsPerSec * transitionsPerIncident) / (m.baselinePerSec * transitionsPerBaseline)),
    decisionToVisibleMs: { idle: m.idle, at70PercentLoad: m.loaded, p99Ratio: round(m.loaded.p99 / m.idle.p99) },
    // the server side's CPU per state transition, incidents against the baseline: what E would be
    // if the worker and the driver did not share the server's two cores
    serverCpuMsPerTransition: {
      incident: round((serverSeconds(m.cpu.incidents) * 1000) / m.p.incidents / transitionsPerIncident),
      baseline: round((serverSeconds(m.cpu.baseline) * 1000) / m.p.baseline / transitionsPerBaseline),
    },
    // CPU seconds of each process per phase, and the share of the two cores they used
    cpu: {
      incidents: { seconds: m.cpu.incidents[0], coresBusy: cores(m.cpu.incidents), msPerIncident: perItem(m.cpu.incidents[0], m.p.incidents) },
      at70PercentLoad: { seconds: m.cpu.loaded[0], coresBusy: cores(m.cpu.loaded) },
      baseline: { seconds: m.cpu.baseline[0], coresBusy: cores(m.cpu.baseline), msPerWorkflow: perItem(m.cpu.baseline[0], m.p.baseline) },
    },
  };
}

function cores([seconds, wallMs]: CpuPhase) {
  return round(Object.values(seconds).reduce((a, b) => a + b, 0) / (wallMs / 1000));
}

function perItem(seconds: Record<string, number>, count: number) {
  return Object.fromEntries(Object.entries(seconds).map(([k, v]) => [k, round((v * 1000) / count)]));
}

export function round(x: number): number {
  return Math.round(x * 100) / 100;
}
