// `npm run bench:scale`: N open incidents parked on one server, and what they cost:
//   - the worker's RSS with the SDK's default cache, and how long a restarted worker takes to serve
//     the first decision (its incident replayed from history);
//   - the incident list (one page) and 待我处理 through the API against a bare
//     listWorkflowExecutions of the same query and page, in this process (target <= 1.5x);
//   - a decision through the API until its verdict against a bare signal + Update round trip on a
//     trivial workflow (bench/workflows.ts), as bench/verdict.ts measures it;
//   - timer lag, last: `--timers` deadlines due within the same minute, the breach recorded at due + p50/p99 s.
// Writes bench/results/scale-*.json.
//   --count N       incidents parked (default 10000)
//   --timers N      deadlines due in the same minute (default 1000)
//   --samples N     list and 待我处理 calls measured, each against its baseline (default 100)
//   --duration S    seconds per decision measurement (default 10)
//   --concurrency C starts in flight (default 20)
//   --target T      dev (default) or cluster (the PostgreSQL cluster of `npm run cluster`)
//   --profile       CPU-profile the API process through the lists and decisions, and print where its time went
import { randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import type { Client } from '@temporalio/client';
import type { AppDeps } from '../api/deps';
import { incidentStartOptions } from '../api/temporal/incidents';
import { TASK_SCAN_LIMIT, tasksQuery } from '../api/temporal/tasks';
import type { DurationSpec, IncidentInput, Severity } from '../domain/model/schema';
import { fastPolicy, incidentInput, METRICS_FOR } from '../test/workflows/fixtures';
import { INCIDENT_WORKFLOW, SA, stateQuery } from '../workflows/incident/definitions';
import { startBenchApi } from './lib/api-process';
import { summarizeProfiles } from './lib/cpu-profile';
import { SEVERITIES } from './lib/incidents';
import { closedLoop, drain, timedLoop } from './lib/load';
import { machine, writeResults } from './lib/results';
import { TARGETS, type Target } from './lib/servers';
import { INCIDENT_WORKFLOWS, startStack, TRIVIAL_WORKFLOWS, type BenchWorker } from './lib/stack';
import { summarize } from './lib/stats';
import { noteSignal, seenUpdate } from './workflows';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '10000' },
    timers: { type: 'string', default: '1000' },
    samples: { type: 'string', default: '100' },
    duration: { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '20' },
    target: { type: 'string', default: 'dev' },
    profile: { type: 'boolean', default: false },
  },
});
const count = Number(values.count);
const timers = Number(values.timers);
const samples = Number(values.samples);
const durationMs = Number(values.duration) * 1000;
const concurrency = Number(values.concurrency);
const target = values.target as Target;
if (!TARGETS.includes(target)) throw new Error(`--target must be one of ${TARGETS.join(', ')}`);

const PEOPLE = [
  { name: 'monitor', displayName: '信息员', roles: ['monitor' as const] },
  { name: 'approver', displayName: '领导', roles: ['approver' as const] },
];
const METRICS = { metrics: { views: 10, comments: 1, reposts: 0, mainstreamSites: 0, mainstreamMedia: false } };
const LOOPS = 4;
const round = (x: number, places = 2) => Math.round(x * 10 ** places) / 10 ** places;
const ratio = (a: { p50: number; p99: number }, b: { p50: number; p99: number }) => ({ p50: round(a.p50 / b.p50), p99: round(a.p99 / b.p99) });

/** An id the API could have made, so its lists take the incident for one of theirs. */
const incidentId = () => `incident-${new Date().toISOString().slice(0, 10).replace(/-/g, '')}-${randomBytes(5).toString('hex')}`;

/** Started as the API starts them (search attributes, memo), without HTTP. */
function starter(client: Client, taskQueue: string) {
  const deps = { taskQueue } as AppDeps;
  return async (input: IncidentInput) => {
    const id = incidentId();
    await client.workflow.start(INCIDENT_WORKFLOW, incidentStartOptions(deps, id, input, { requestHash: input.requestId }));
    return id;
  };
}

/** Until visibility shows `n` running incidents that keep their listing (set by their first workflow task). */
async function listed(client: Client, n: number) {
  const started = Date.now();
  for (let lastLog = started; ; ) {
    const { count: c } = await client.workflow.count(`WorkflowType = '${INCIDENT_WORKFLOW}' AND ExecutionStatus = 'Running' AND ${SA.dueSoon.name} IS NOT NULL`);
    if (c >= n) return;
    if (Date.now() - lastLog >= 5_000) {
      lastLog = Date.now();
      console.log(`  listed in visibility: ${c}/${n} in ${((lastLog - started) / 1000).toFixed(0)}s`);
    }
    await sleep(1000);
  }
}

/** `samples` calls one after another, summarised. */
async function oneByOne(call: () => Promise<unknown>) {
  const ms: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t = performance.now();
    await call();
    ms.push(performance.now() - t);
  }
  return summarize(ms);
}

/** Alternating calls of the thing measured and its baseline, one at a time, so both see the same load. */
async function paired(label: string, measured: () => Promise<unknown>, baseline: () => Promise<unknown>) {
  console.log(`  ${label}: ${samples} pairs`);
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < samples; i++) {
    for (const [call, into] of [[measured, a], [baseline, b]] as const) {
      const t = performance.now();
      await call();
      into.push(performance.now() - t);
    }
  }
  const api = summarize(a);
  const bare = summarize(b);
  return { api, bare, ratio: ratio(api, bare) };
}

const loadAtStart = machine().loadavg;
const stack = await startStack(target);
const { client } = stack;
let worker: BenchWorker = await stack.startWorker({ workflows: INCIDENT_WORKFLOWS });
const trivial = await stack.startWorker({ workflows: TRIVIAL_WORKFLOWS });
const taskQueue = worker.options.taskQueue as string;
const { api, profileDir } = await startBenchApi(stack, { taskQueue, users: PEOPLE, profile: values.profile });
try {
  const start = starter(client, taskQueue);
  const auth = (who: string) => ({ authorization: `Bearer ${api.token(who)}`, 'content-type': 'application/json' });
  const get = async (path: string) => {
    const res = await fetch(`${api.url}${path}`, { headers: auth('approver') });
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
    return res.json();
  };

  // 1. park: the four grades in turn, each waiting for its first decisions
  console.log(`parking ${count} incidents (${concurrency} starts in flight)`);
  const general: string[] = [];
  // deadlines a week away: none passes, none is due soon while the benchmark runs
  const parkPolicy = fastPolicy({ seconds: 7 * 86_400, bulletin: 7 * 86_400 });
  const parkStart = performance.now();
  await closedLoop('started', count, concurrency, async (i) => {
    const severity: Severity = SEVERITIES[i % 4]!;
    const id = await start(incidentInput({ fields: { metrics: METRICS_FOR[severity] }, policy: parkPolicy }));
    if (severity === 'general') general.push(id);
  });
  // parked: its first workflow task has run, so visibility holds what the lists read
  await listed(client, count);
  const parkRate = count / ((performance.now() - parkStart) / 1000);
  await drain(client, taskQueue, 600_000);
  const rssMiB = round((await worker.memory()).rss / 2 ** 20, 1);
  console.log(`  ${round(parkRate)} parked/s; worker RSS ${rssMiB} MiB with ${count} parked`);

  // 2. the lists against the bare visibility call of the same query and page
  console.log('lists against bare listWorkflowExecutions');
  const bare = (query: string, pageSize: number) => () => client.workflowService.listWorkflowExecutions({ namespace: client.options.namespace, query, pageSize });
  const list = await paired('GET /api/incidents (one page of 20)', () => get('/api/incidents'), bare(`WorkflowType = '${INCIDENT_WORKFLOW}'`, 20));
  const tasks = await paired(`GET /api/my-tasks (approver, page of ${TASK_SCAN_LIMIT})`, () => get('/api/my-tasks'), bare(tasksQuery(['approver']), TASK_SCAN_LIMIT));
  // what any signed-in request costs through HTTP on this machine, Temporal not involved
  const floor = await oneByOne(() => get('/api/session'));
  const taskSample = (await get('/api/my-tasks')) as { items: unknown[]; scanned: number; truncated: boolean; unanswered: number };

  // 3. a restarted worker: how long the first decision waits for it (the incident replayed from history)
  console.log('restarting the worker');
  await worker.stop();
  const restartAt = performance.now();
  worker = await stack.startWorker({ workflows: INCIDENT_WORKFLOWS, taskQueue });
  const workerReadyMs = round(performance.now() - restartAt, 0);
  const firstAt = performance.now();
  const target0 = general[0]!;
  const seen = async () => (await client.workflow.getHandle(target0).query(stateQuery)).metricsHistory.length;
  const res = await fetch(`${api.url}/api/incidents/${target0}/decisions/metricsUpdated`, { method: 'POST', headers: auth('monitor'), body: JSON.stringify(METRICS) });
  // 202: the API stopped waiting for the verdict; the decision is served once the state shows it
  if (res.status === 202) while ((await seen()) === 0) await sleep(50);
  else if (res.status !== 200) throw new Error(`decision answered ${res.status}: ${await res.text()}`);
  const firstDecisionMs = round(performance.now() - firstAt, 0);
  console.log(`  worker ready in ${workerReadyMs} ms; first decision served ${firstDecisionMs} ms later (HTTP ${res.status})`);

  // 4. a decision until its verdict against a bare signal + Update, LOOPS in flight, each on its own workflow
  console.log('decision until its verdict against a bare signal + Update');
  const echoes = await Promise.all(Array.from({ length: LOOPS }, () => client.workflow.start('echoWorkflow', { taskQueue: trivial.options.taskQueue as string, workflowId: `echo-${randomUUID()}` })));
  const decide = async (i: number) => {
    const r = await fetch(`${api.url}/api/incidents/${general[1 + (i % LOOPS)]}/decisions/metricsUpdated`, { method: 'POST', headers: auth('monitor'), body: JSON.stringify(METRICS) });
    if (r.status !== 200) throw new Error(`decision answered ${r.status}`);
  };
  const echo = async (i: number) => {
    const id = randomUUID();
    const e = echoes[i % LOOPS]!;
    await e.signal(noteSignal, id);
    if (!(await e.executeUpdate(seenUpdate, { args: [id] }))) throw new Error('the trivial workflow missed its signal');
  };
  for (let k = 0; k < LOOPS; k++) await Promise.all([decide(k), echo(k)]);
  const apiDecision = await timedLoop('API decision until its verdict', durationMs, LOOPS, decide);
  const bareRoundTrip = await timedLoop('bare signal + Update', durationMs, LOOPS, echo);
  const decision = { api: { ...summarize(apiDecision.latencies), errors: apiDecision.errors }, bare: { ...summarize(bareRoundTrip.latencies), errors: bareRoundTrip.errors } };
  for (const e of echoes) await e.terminate('benchmark done');
  // the profile is written when the API exits; the timer phase does not need it
  if (values.profile) await api.stop();
  const apiProfile = values.profile ? summarizeProfiles(profileDir, 15) : undefined;
  for (const thread of apiProfile ?? []) {
    console.log(`API CPU profile (lists, restart, decisions): ${thread.busyMs} ms busy`);
    console.table(thread.buckets);
  }

  // 5. timer lag (last: the breaches keep the worker busy): deadlines spread over one minute, counted from one discovery time
  console.log(`timer lag: ${timers} report deadlines due within one minute`);
  const discoveredAt = new Date();
  const leadSec = Math.ceil((timers / parkRate) * 1.5) + 30;
  const secs = (amount: number): DurationSpec => ({ amount, unit: 'seconds' });
  const timed: string[] = [];
  await closedLoop('started', timers, concurrency, async (i) => {
    const policy = fastPolicy({ seconds: 86_400, overrides: { report: secs(leadSec + (i % 60)) } });
    timed.push(await start(incidentInput({ fields: { metrics: METRICS_FOR.significant, discoveredAt: discoveredAt.toISOString() }, policy })));
  });
  const lastDue = discoveredAt.getTime() + (leadSec + 59) * 1000;
  const startedLate = Date.now() > discoveredAt.getTime() + leadSec * 1000;
  console.log(`  all started ${round((lastDue - Date.now()) / 1000, 0)} s before the last one is due${startedLate ? ' (some started after their due time: their lag is overstated)' : ''}`);
  await sleep(Math.max(0, lastDue - Date.now()) + 5_000);
  const lags: number[] = [];
  // a query the busy worker does not answer in time is asked again; one never breached in 10 min is counted
  const giveUp = Date.now() + 600_000;
  let unread = 0;
  await closedLoop('breaches read', timed.length, 10, async (i) => {
    const handle = client.workflow.getHandle(timed[i]!);
    while (Date.now() < giveUp) {
      const report = await handle.query(stateQuery).then((st) => st.deadlines.find((d) => d.kind === 'report'), () => undefined);
      if (report?.breachedAt) return void lags.push((Date.parse(report.breachedAt) - Date.parse(report.dueAt)) / 1000);
      await sleep(1000);
    }
    unread++;
  });
  const lag = summarize(lags);

  const figures = {
    parked: count,
    parkedPerSec: round(parkRate),
    workerRssMiB: rssMiB,
    workerCache: worker.options.maxCachedWorkflows,
    restart: { workerReadyMs, firstDecisionMs, firstDecisionStatus: res.status },
    httpFloor: floor,
    list,
    myTasks: { ...tasks, sample: { items: taskSample.items.length, scanned: taskSample.scanned, truncated: taskSample.truncated, unanswered: taskSample.unanswered } },
    timerLag: { deadlines: timers, leadSec, startedLate, unread, seconds: lag },
    decision: { ...decision, ratio: ratio(decision.api, decision.bare) },
  };
  const targets = {
    list: { target: 'API p99 <= 1.5x bare list', value: list.ratio.p99, met: list.ratio.p99 <= 1.5 },
    myTasks: { target: 'API p99 <= 1.5x bare list', value: tasks.ratio.p99, met: tasks.ratio.p99 <= 1.5 },
  };
  console.log(`\nfigures with ${count} incidents parked (${target}):`);
  console.table({
    'worker RSS (MiB), default cache': { value: rssMiB, baseline: '', 'p50 ×': '', 'p99 ×': '' },
    'restarted worker: ready (ms)': { value: workerReadyMs, baseline: '', 'p50 ×': '', 'p99 ×': '' },
    'restarted worker: first decision (ms)': { value: firstDecisionMs, baseline: '', 'p50 ×': '', 'p99 ×': '' },
    'GET /api/session p50 / p99 (ms): the HTTP floor': { value: `${floor.p50} / ${floor.p99}`, baseline: '', 'p50 ×': '', 'p99 ×': '' },
    'list p50 / p99 (ms)': { value: `${list.api.p50} / ${list.api.p99}`, baseline: `${list.bare.p50} / ${list.bare.p99}`, 'p50 ×': list.ratio.p50, 'p99 ×': list.ratio.p99 },
    '待我处理 p50 / p99 (ms)': { value: `${tasks.api.p50} / ${tasks.api.p99}`, baseline: `${tasks.bare.p50} / ${tasks.bare.p99}`, 'p50 ×': tasks.ratio.p50, 'p99 ×': tasks.ratio.p99 },
    [`timer lag, ${timers} due in one minute, p50 / p99 (s)`]: { value: `${lag.p50} / ${lag.p99}`, baseline: '', 'p50 ×': '', 'p99 ×': '' },
    'decision until verdict p50 / p99 (ms)': { value: `${decision.api.p50} / ${decision.api.p99}`, baseline: `${decision.bare.p50} / ${decision.bare.p99}`, 'p50 ×': figures.decision.ratio.p50, 'p99 ×': figures.decision.ratio.p99 },
  });
  console.table(Object.fromEntries(Object.entries(targets).map(([k, v]) => [k, `${v.target}: ${v.value} ${v.met ? 'met' : 'MISSED'}`])));
  const file = writeResults(`scale-${target}`, {
    command: `npm run bench:scale -- ${process.argv.slice(2).join(' ')}`.trim(),
    params: { count, timers, samples, durationSec: durationMs / 1000, concurrency, target },
    figures,
    targets,
    apiProfile,
    server: stack.server.description,
    worker: worker.options,
    machine: { ...machine(), loadavgAtStart: loadAtStart },
  });
  console.log(`written to ${file}`);
} finally {
  await api.stop();
  await stack.stop();
}
