// `npm run bench:api`: a bounded loopback load (autocannon, fixed duration and connections) on
// POST /api/incidents and GET /api/incidents/:id of the real API process, and as the baseline
// the same start and query through a Temporal client in this process, same concurrency, same
// run. Target: the API adds <= 20% to the baseline's p99. Writes bench/results/api-*.json.
//   --duration S      seconds per measurement (default 10)
//   --connections C   connections / loops in flight (default 10)
//   --profile         CPU-profile the API process and print where its time went
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import type { AppDeps } from '../api/deps';
import { incidentStartOptions } from '../api/temporal/incidents';
import { currentPolicy } from '../config/policy';
import { incidentBody } from '../test/api/harness';
import { INCIDENT_WORKFLOW, stateQuery } from '../workflows/incident/definitions';
import { IncidentFields, type IncidentInput } from '../domain/model/schema';
import { startBenchApi } from './lib/api-process';
import { summarizeProfiles } from './lib/cpu-profile';
import { drain, timedLoop } from './lib/load';
import { machine, writeResults } from './lib/results';
import { INCIDENT_WORKFLOWS, startStack } from './lib/stack';
import { summarize } from './lib/stats';

const { values } = parseArgs({ options: { duration: { type: 'string', default: '10' }, connections: { type: 'string', default: '10' }, profile: { type: 'boolean', default: false } } });
const durationMs = Number(values.duration) * 1000;
const connections = Number(values.connections);
const MONITOR = { id: 'monitor', name: '信息员', roles: ['monitor' as const] };

function cannon(opts: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(opts, (err, result) => (err ? reject(err) : resolve(result)));
    autocannon.track(instance, { renderProgressBar: false, renderResultsTable: false, renderLatencyTable: false });
  });
}

const fromCannon = (r: autocannon.Result) => ({ requestsPerSec: Math.round((r.requests.total / r.duration) * 10) / 10, p50: r.latency.p50, p99: r.latency.p99, total: r.requests.total, non2xx: r.non2xx, errors: r.errors + r.timeouts });
const fromLoop = (r: Awaited<ReturnType<typeof timedLoop>>) => {
  const s = summarize(r.latencies);
  return { requestsPerSec: Math.round((r.latencies.length / (r.elapsedMs / 1000)) * 10) / 10, p50: s.p50, p99: s.p99, total: r.latencies.length, errors: r.errors };
};

const loadAtStart = machine().loadavg;
const stack = await startStack();
const worker = await stack.startWorker({ workflows: INCIDENT_WORKFLOWS });
const taskQueue = worker.options.taskQueue as string;
const { api, profileDir } = await startBenchApi(stack, { taskQueue, users: [{ name: MONITOR.id, displayName: MONITOR.name, roles: MONITOR.roles }], profile: values.profile });
try {
  const body = JSON.stringify(incidentBody());
  const auth = { authorization: `Bearer ${api.token(MONITOR.id)}`, 'content-type': 'application/json' };
  const post = (duration: number) => cannon({ url: `${api.url}/api/incidents`, method: 'POST', headers: auth, body, connections, duration });

  const ids: string[] = [];
  for (let i = 0; i < 20; i++) {
    const res = await fetch(`${api.url}/api/incidents`, { method: 'POST', headers: auth, body });
    ids.push(((await res.json()) as { workflowId: string }).workflowId);
  }
  let next = 0;
  const get = (duration: number) =>
    cannon({ url: api.url, connections, duration, headers: auth, requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: `/api/incidents/${ids[next++ % ids.length]}` }) }] });

  // the same start the API makes, with the same options, minus HTTP, auth and validation
  const now = new Date();
  const input: IncidentInput = { incident: IncidentFields.parse({ ...incidentBody(), discoveredAt: now.toISOString() }), reporter: MONITOR, policy: currentPolicy({ now }), requestId: '' };
  // incidentStartOptions reads only the task queue from the app's dependencies
  const deps = { taskQueue } as AppDeps;
  const directStart = () => {
    const requestId = randomUUID();
    return stack.client.workflow.start(INCIDENT_WORKFLOW, incidentStartOptions(deps, `incident-bench-${requestId}`, { ...input, requestId }, { requestHash: requestId }));
  };
  const directQuery = (i: number) => stack.client.workflow.getHandle(ids[i % ids.length]!).query(stateQuery);

  console.log('warming up');
  await post(2);
  await get(2);
  await timedLoop('direct start warm-up', 2000, connections, directStart);
  await timedLoop('direct query warm-up', 2000, connections, directQuery);

  // each phase starts on an idle worker: reads first, then the starts, waiting out the work each
  // start phase leaves behind (its incidents rendering their special reports) before the next
  console.log(`measuring: ${durationMs / 1000}s each, ${connections} in flight`);
  await drain(stack.client, taskQueue);
  const apiGet = fromCannon(await get(durationMs / 1000));
  const baseQuery = fromLoop(await timedLoop('direct query', durationMs, connections, directQuery));
  const apiStart = fromCannon(await post(durationMs / 1000));
  await drain(stack.client, taskQueue);
  const baseStart = fromLoop(await timedLoop('direct client.workflow.start', durationMs, connections, directStart));

  const added = (a: { p99: number }, b: { p99: number }) => Math.round((a.p99 / b.p99 - 1) * 1000) / 10;
  const figures = {
    start: { api: apiStart, direct: baseStart, p99AddedPercent: added(apiStart, baseStart) },
    read: { api: apiGet, direct: baseQuery, p99AddedPercent: added(apiGet, baseQuery) },
  };
  const targets = {
    start: { target: 'API p99 <= 1.2x direct p99', met: figures.start.p99AddedPercent <= 20 },
    read: { target: 'API p99 <= 1.2x direct p99', met: figures.read.p99AddedPercent <= 20 },
  };
  console.log('\nfigures (latency ms):');
  console.table({
    'POST /api/incidents': apiStart,
    'client.workflow.start': baseStart,
    'GET /api/incidents/:id': apiGet,
    'handle.query(state)': baseQuery,
  });
  console.table(Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, `p99 +${v.p99AddedPercent}%: ${targets[k as keyof typeof targets].met ? 'met' : 'MISSED'}`])));
  // the profile is written when the API exits
  await api.stop();
  const apiProfile = values.profile ? summarizeProfiles(profileDir, 15) : undefined;
  for (const thread of apiProfile ?? []) {
    console.log(`API CPU profile: ${thread.busyMs} ms busy`);
    console.table(thread.buckets);
  }
  const file = writeResults('api', {
    params: { durationSec: durationMs / 1000, connections },
    figures,
    targets,
    server: stack.server.description,
    worker: worker.options,
    apiProfile,
    machine: { ...machine(), loadavgAtStart: loadAtStart },
  });
  console.log(`written to ${file}`);
} finally {
  await api.stop();
  await stack.stop();
}
