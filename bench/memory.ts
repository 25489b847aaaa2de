// `npm run bench:memory`: worker RSS added per 1,000 parked incidents (waiting for the report
// upward, special report rendered) against 1,000 trivial signal-waiting workflows, each in a
// fresh worker process with the same explicit cache size; then the leak check: RSS after
// completing 10× a small cache's worth of incidents against after 1×. Writes bench/results/memory-*.json.
//   --parked N       workflows parked per kind (default 1000)
//   --cache N        the cache size of the parking workers (default: the SDK's default for this heap)
//   --leak-cache N   the cache size of the leak-check worker (default 50; it completes 10× that)
//   --concurrency C  starts in flight (default 20)
import { parseArgs } from 'node:util';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { waitForState } from '../test/workflows/driver';
import { stateQuery } from '../workflows/incident/definitions';
import { runIncident, SEVERITIES, startIncident } from './lib/incidents';
import { closedLoop } from './lib/load';
import { machine, writeResults } from './lib/results';
import { PRELOADED_MODULES } from '../workers/bundle';
import { INCIDENT_WORKFLOWS, startStack, TRIVIAL_WORKFLOWS, type BenchWorker, type Stack } from './lib/stack';
import { sdkDefaultCacheSize } from './worker';
import { releaseSignal } from './workflows';

const { values } = parseArgs({
  options: {
    parked: { type: 'string', default: '1000' },
    cache: { type: 'string', default: String(sdkDefaultCacheSize()) },
    'leak-cache': { type: 'string', default: '50' },
    concurrency: { type: 'string', default: '20' },
  },
});
const parked = Number(values.parked);
const cacheSize = Number(values.cache);
const leakCache = Number(values['leak-cache']);
const concurrency = Number(values.concurrency);
if (cacheSize < parked) console.warn(`cache ${cacheSize} < ${parked} parked: some will be evicted and the figure understates`);

const MiB = 2 ** 20;
const mib = (bytes: number) => Math.round((bytes / MiB) * 10) / 10;
const perThousand = (bytes: number) => mib((bytes * 1000) / parked);

type Park = (client: Client, taskQueue: string) => Promise<WorkflowHandle>;

const parkIncident: Park = async (client, tq) => {
  const handle = await startIncident(client, tq, 'general');
  await waitForState(handle, (s) => s.documents.some((d) => d.name === 'special'), 300_000);
  return handle;
};

const parkTrivial: Park = async (client, tq) => {
  const handle = await client.workflow.start('parkedWorkflow', { taskQueue: tq, workflowId: `parked-${crypto.randomUUID()}` });
  // a query answers once the first workflow task ran: the workflow is in the cache and waiting
  await handle.query('__stack_trace');
  return handle;
};

interface Variant {
  kind: string;
  workflows: string;
  preloadModules?: string[];
  park: Park;
  /** what the worker runs before the first reading, so it has loaded its code and made its first contexts */
  warmUp(client: Client, taskQueue: string): Promise<unknown>;
}

/** Full lifecycles; with modules preloaded (frozen) every decision must still be taken, none rejected. */
const warmIncidents = async (client: Client, tq: string) => {
  const handles = await Promise.all(SEVERITIES.map((s) => runIncident(client, tq, s)));
  for (const h of handles) {
    const rejected = (await h.query(stateQuery)).timeline.filter((e) => e.kind === 'rejected');
    if (rejected.length) throw new Error(`${h.workflowId}: decisions rejected: ${rejected.map((e) => e.text).join('; ')}`);
  }
};
const warmTrivial = async (client: Client, tq: string) => {
  const parkedOnes = await Promise.all(Array.from({ length: 4 }, () => parkTrivial(client, tq)));
  await Promise.all(parkedOnes.map(async (h) => (await h.signal(releaseSignal), await h.result())));
};

const VARIANTS: Record<string, Variant> = {
  incidents: { kind: 'incidents', workflows: INCIDENT_WORKFLOWS, park: parkIncident, warmUp: warmIncidents },
  trivial: { kind: 'trivial workflows', workflows: TRIVIAL_WORKFLOWS, park: parkTrivial, warmUp: warmTrivial },
  // the profile: a trivial workflow that carries the incident bundle's module-level state, with its preloads
  trivialWithIncidentCode: { kind: 'trivial workflows bundled with the incident code', workflows: 'bench/with-incident.ts', preloadModules: PRELOADED_MODULES, park: parkTrivial, warmUp: warmTrivial },
  // what the preloads save: the incident bundle with every module evaluated again per workflow
  incidentsUnshared: { kind: 'incidents, nothing preloaded', workflows: INCIDENT_WORKFLOWS, preloadModules: [], park: parkIncident, warmUp: warmIncidents },
};

async function rssAdded(stack: Stack, v: Variant) {
  const worker = await stack.startWorker({ workflows: v.workflows, preloadModules: v.preloadModules, maxCachedWorkflows: cacheSize });
  const tq = worker.options.taskQueue as string;
  await v.warmUp(stack.client, tq);
  const before = await worker.memory();
  const handles: WorkflowHandle[] = [];
  await closedLoop(`parking ${v.kind}`, parked, concurrency, async () => void handles.push(await v.park(stack.client, tq)));
  const after = await worker.memory();
  // the readings stand only if every workflow is still parked, i.e. none failed or finished
  const running = await stack.client.workflow.count(`TaskQueue = '${tq}' AND ExecutionStatus = 'Running'`);
  await Promise.all(handles.map((h) => h.terminate('benchmark over')));
  await worker.stop();
  const addedMiBPer1000 = perThousand(after.rss - before.rss);
  console.log(`  ${v.kind}: RSS ${mib(before.rss)} → ${mib(after.rss)} MiB, ${addedMiBPer1000} MiB per 1,000 parked (${running.count} running)`);
  return { kind: v.kind, worker: worker.options, before, after, running: running.count, addedMiBPer1000 };
}

/** RSS after each further cache-full of completed incidents: a leak climbs steadily, heap growth levels off. */
async function leakCheck(stack: Stack) {
  const worker: BenchWorker = await stack.startWorker({ workflows: INCIDENT_WORKFLOWS, maxCachedWorkflows: leakCache });
  const tq = worker.options.taskQueue as string;
  const rssMiB: number[] = [];
  for (let round = 1; round <= 10; round++) {
    await closedLoop(`leak check ${round}x cache`, leakCache, 10, async (i) => void (await runIncident(stack.client, tq, SEVERITIES[i % 4]!)));
    rssMiB.push(mib((await worker.memory()).rss));
    console.log(`  RSS after ${round * leakCache} completed: ${rssMiB.at(-1)} MiB`);
  }
  await worker.stop();
  return { cacheSize: leakCache, completed: 10 * leakCache, rssMiB, rssAt1xMiB: rssMiB[0]!, rssAt10xMiB: rssMiB[9]!, ratio: Math.round((rssMiB[9]! / rssMiB[0]!) * 1000) / 1000 };
}

const loadAtStart = machine().loadavg;
const stack = await startStack();
try {
  const incidents = await rssAdded(stack, VARIANTS.incidents!);
  const trivial = await rssAdded(stack, VARIANTS.trivial!);
  const profile = { trivialWithIncidentCode: await rssAdded(stack, VARIANTS.trivialWithIncidentCode!), incidentsUnshared: await rssAdded(stack, VARIANTS.incidentsUnshared!) };
  const leak = await leakCheck(stack);
  const ratio = Math.round((incidents.addedMiBPer1000 / trivial.addedMiBPer1000) * 100) / 100;
  const targets = {
    incidentsVsTrivial: { target: '<= 1.5x', value: ratio, met: ratio <= 1.5 },
    incidentsPer1000: { target: '<= 1024 MiB', value: incidents.addedMiBPer1000, met: incidents.addedMiBPer1000 <= 1024 },
    leak: { target: 'RSS after 10x cache <= 1.1x after 1x', value: leak.ratio, met: leak.ratio <= 1.1 },
  };
  console.log('\nfigures:');
  console.table({
    'RSS added per 1,000 parked incidents (MiB)': incidents.addedMiBPer1000,
    'RSS added per 1,000 trivial workflows (MiB)': trivial.addedMiBPer1000,
    'incidents ÷ trivial': ratio,
    'profile: RSS per 1,000 trivial bundled with the incident code (MiB)': profile.trivialWithIncidentCode.addedMiBPer1000,
    'profile: RSS per 1,000 incidents, nothing preloaded (MiB)': profile.incidentsUnshared.addedMiBPer1000,
    [`RSS after ${leak.cacheSize} completed (MiB)`]: leak.rssAt1xMiB,
    [`RSS after ${leak.completed} completed (MiB)`]: leak.rssAt10xMiB,
    'leak ratio 10x ÷ 1x': leak.ratio,
  });
  console.table(Object.fromEntries(Object.entries(targets).map(([k, v]) => [k, `${v.target}: ${v.value} ${v.met ? 'met' : 'MISSED'}`])));
  const file = writeResults('memory', {
    params: { parked, cacheSize, leakCache, concurrency },
    figures: { incidents, trivial, ratio, leak, profile },
    targets,
    server: stack.server.description,
    machine: { ...machine(), loadavgAtStart: loadAtStart },
  });
  console.log(`written to ${file}`);
} finally {
  await stack.stop();
}
