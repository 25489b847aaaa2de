// `npm run bench:verdict`: how long a person waits to hear what became of a decision.
//   after:    POST /api/incidents/:id/decisions/metricsUpdated until its 200 (the workflow's verdict)
//   before:   what the 202 API left the person to do: the pre-check query, the signal, then reading
//             the state until the decision shows (the same work, in this process, no HTTP)
//   baseline: a bare signal and Update round trip on a trivial workflow (bench/workflows.ts)
// All three in one run, each loop pinned to its own workflow. Writes bench/results/verdict-*.json.
//   --duration S   seconds per measurement (default 10)
//   --loops N      loops in flight, one incident each (default 4)
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { payloadKeysPath } from '../codec/key-ring';
import { signParsed } from '../domain/decisions/admission';
import { incidentBody } from '../test/api/harness';
import { startApiProcess } from '../test/chaos/api-process';
import { TEST_KEY } from '../test/workflows/fixtures';
import { decisionSignals, stateQuery } from '../workflows/incident/definitions';
import { machine, writeResults } from './lib/results';
import { INCIDENT_WORKFLOWS, startStack, TRIVIAL_WORKFLOWS } from './lib/stack';
import { summarize } from './lib/stats';
import { noteSignal, seenUpdate } from './workflows';

const { values } = parseArgs({ options: { duration: { type: 'string', default: '10' }, loops: { type: 'string', default: '4' } } });
const durationMs = Number(values.duration) * 1000;
const loops = Number(values.loops);
const MONITOR = { id: 'monitor', name: '信息员', roles: ['monitor' as const] };
const METRICS = { metrics: { views: 10, comments: 1, reposts: 0, mainstreamSites: 0, mainstreamMedia: false } };

/** Runs `call` in `loops` loops for the duration, loop k always on its own target; latencies in ms. */
async function pinned(label: string, call: (loop: number) => Promise<void>) {
  console.log(`  ${label}: ${loops} loops for ${durationMs / 1000}s`);
  const latencies: number[] = [];
  const end = performance.now() + durationMs;
  await Promise.all(
    Array.from({ length: loops }, async (_, k) => {
      while (performance.now() < end) {
        const t = performance.now();
        await call(k);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const s = summarize(latencies);
  return { p50: s.p50, p99: s.p99, count: latencies.length };
}

const loadAtStart = machine().loadavg;
const stack = await startStack();
const incidents = await stack.startWorker({ workflows: INCIDENT_WORKFLOWS });
const trivial = await stack.startWorker({ workflows: TRIVIAL_WORKFLOWS });
const taskQueue = incidents.options.taskQueue as string;
const api = await startApiProcess({ dir: stack.dir, address: stack.server.address, taskQueue, payloadKeys: payloadKeysPath(stack.dir), users: [{ name: MONITOR.id, displayName: MONITOR.name, roles: MONITOR.roles }] });
try {
  const auth = { authorization: `Bearer ${api.token(MONITOR.id)}`, 'content-type': 'application/json' };
  const ids: string[] = [];
  for (let k = 0; k < loops; k++) {
    const res = await fetch(`${api.url}/api/incidents`, { method: 'POST', headers: { ...auth, 'idempotency-key': randomUUID() }, body: JSON.stringify(incidentBody()) });
    ids.push(((await res.json()) as { workflowId: string }).workflowId);
  }
  const echoes = await Promise.all(
    Array.from({ length: loops }, () => stack.client.workflow.start('echoWorkflow', { taskQueue: trivial.options.taskQueue as string, workflowId: `echo-${randomUUID()}` })),
  );

  const after = async (k: number) => {
    const res = await fetch(`${api.url}/api/incidents/${ids[k]}/decisions/metricsUpdated`, { method: 'POST', headers: auth, body: JSON.stringify(METRICS) });
    if (res.status !== 200) throw new Error(`decision answered ${res.status}: ${await res.text()}`);
  };
  const before = async (k: number) => {
    const handle = stack.client.workflow.getHandle(ids[k]!);
    const seen = (await handle.query(stateQuery)).metricsHistory.length;
    const payload = { ...METRICS, by: MONITOR, decisionId: randomUUID() };
    await handle.signal(decisionSignals.metricsUpdated, signParsed('metricsUpdated', payload, { workflowId: ids[k]!, keyId: TEST_KEY.keyId, privateKey: TEST_KEY.privateKey, issuedAt: new Date().toISOString(), nonce: randomUUID() }));
    while ((await handle.query(stateQuery)).metricsHistory.length === seen) await sleep(25);
  };
  const baseline = async (k: number) => {
    const id = randomUUID();
    await echoes[k]!.signal(noteSignal, id);
    if (!(await echoes[k]!.executeUpdate(seenUpdate, { args: [id] }))) throw new Error('the trivial workflow missed its signal');
  };

  console.log('warming up');
  for (const k of ids.keys()) await Promise.all([after(k), before(k), baseline(k)]);
  console.log(`measuring: ${durationMs / 1000}s each, ${loops} in flight`);
  const figures = { after: await pinned('API decision until its verdict', after), before: await pinned('query, signal, read until visible', before), baseline: await pinned('bare signal + Update', baseline) };
  const ratio = (a: { p50: number; p99: number }) => ({ p50: Math.round((a.p50 / figures.baseline.p50) * 100) / 100, p99: Math.round((a.p99 / figures.baseline.p99) * 100) / 100 });
  const ratios = { after: ratio(figures.after), before: ratio(figures.before) };
  console.log('\nlatency (ms) and ratio to the bare signal + Update round trip:');
  console.table(Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, { ...v, ...(k in ratios ? { 'p50 ×': ratios[k as keyof typeof ratios].p50, 'p99 ×': ratios[k as keyof typeof ratios].p99 } : {}) }])));
  const file = writeResults('verdict', { params: { durationSec: durationMs / 1000, loops }, figures, ratios, server: stack.server.description, machine: { ...machine(), loadavgAtStart: loadAtStart } });
  console.log(`written to ${file}`);
  for (const e of echoes) await e.terminate('benchmark done');
} finally {
  await api.stop();
  await stack.stop();
}
