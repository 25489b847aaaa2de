// `npm start`: the whole product on one machine. Temporal (the embedded dev server, unless
// TEMPORAL_ADDRESS names a cluster), then the worker and the API as their own processes, exactly as
// they run in a cluster, so a crash of one is visible instead of taking the others down with it,
// and the launcher starts it again (scripts/supervision.ts).
// Ctrl-C stops them in the reverse order: no new requests, then no half-finished tasks, then Temporal.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encryptionEnabled } from '../codec/key-ring';
import { TEMPORAL_DB } from '../domain/data-layout';
import { ConfigError, loadEnv, publicUrl, SEARCH_ATTRIBUTES, temporalAddress, type Env } from '../config/env';
import { codecUiBinary, startCodecUi } from './codec-ui';
import { UiServerError, waitForUi } from './cluster/ui-server';
import { DevServerError, startDevServer, waitForDevServer } from './dev-server';
import { forgetStarted, LauncherRunningError, recordStarted, stopLeftovers } from './leftovers';
import { assertPortsFree, PortInUseError, type PortClaim } from './ports';
import { startChild, stopChild, type Child } from './processes';
import { policySections, readyBlock, type ReadySection } from './ready-block';
import { describeExit, supervise } from './supervision';
import { BinaryNotFoundError, resolveTemporalCli } from './temporal-cli';

const READY_TIMEOUT_MS = 120_000;
/** per process, in stop order; the worker's grace exceeds its own shutdownGraceTime */
const STOPPING = {
  api: { label: 'the API', graceMs: 5_000 },
  worker: { label: 'the worker', graceMs: 20_000 },
  'temporal-ui': { label: 'the Temporal UI', graceMs: 5_000 },
  temporal: { label: 'the Temporal dev server', graceMs: 15_000 },
} as const;
/** a dev server an earlier start left behind can hold its ports a moment after its pid is gone */
const PORT_SETTLE_MS = 10_000;

const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

class StartError extends Error {}

const started: Child[] = [];
let stopping: Promise<never> | undefined;
let dataDir: string | undefined;

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(0));

try {
  await main();
} catch (error) {
  const known = [ConfigError, LauncherRunningError, PortInUseError, BinaryNotFoundError, DevServerError, UiServerError, StartError];
  console.error(known.some((k) => error instanceof k) ? (error as Error).message : error);
  await shutdown(1);
}

async function main(): Promise<void> {
  const env = loadEnv();
  // before anything starts: a wrong value in the policy or calendar file stops here, naming its line
  const policy = policySections(env, new Date());
  const embedded = !env.TEMPORAL_ADDRESS;
  const claims: PortClaim[] = [{ port: env.PORT, envVar: 'PORT', purpose: 'web form and API' }];
  if (embedded) {
    claims.unshift(
      { port: env.TEMPORAL_PORT, envVar: 'TEMPORAL_PORT', purpose: 'Temporal gRPC' },
      { port: env.TEMPORAL_UI_PORT, envVar: 'TEMPORAL_UI_PORT', purpose: 'Temporal UI' },
    );
  }
  const data = resolve(env.YUQING_DATA_DIR);
  const stopped = await stopLeftovers(data, (line) => console.log(line));
  await assertPortsFree(env.YUQING_HOST, claims, stopped ? PORT_SETTLE_MS : 0);
  dataDir = data;
  const dbFile = embedded ? resolve(data, TEMPORAL_DB) : undefined;
  // the embedded UI decrypts histories through the API for people signed in to Yuqing
  const codecEndpoint = embedded && encryptionEnabled() ? `${publicUrl(env)}/codec` : undefined;
  const children: Promise<void>[] = [];
  const log = (line: string) => console.log(line);
  // the standalone UI sends the sign-in cookie to the codec endpoint; the built-in one cannot be told to
  const uiBinary = codecEndpoint ? await codecUiBinary(process.env, log) : undefined;
  if (dbFile) {
    const cli = await resolveTemporalCli({ env: process.env, log });
    console.log(`starting Temporal (${cli.path}) on ${temporalAddress(env)}, the worker and the API`);
    const options = {
      cli: cli.path,
      dbFile,
      ip: '127.0.0.1',
      port: env.TEMPORAL_PORT,
      uiPort: uiBinary ? undefined : env.TEMPORAL_UI_PORT,
      namespace: env.TEMPORAL_NAMESPACE,
      searchAttributes: SEARCH_ATTRIBUTES,
      logLevel: env.LOG_LEVEL === 'debug' ? 'info' : 'error',
      codecEndpoint,
    } as const;
    const server = startDevServer(options);
    started.push(server);
    children.push(waitForDevServer(server, options));
    if (uiBinary && codecEndpoint) {
      const ui = startCodecUi({ binary: uiBinary, projectRoot: PROJECT_ROOT, temporalAddress: temporalAddress(env), namespace: env.TEMPORAL_NAMESPACE, port: env.TEMPORAL_UI_PORT, codecEndpoint });
      started.push(ui);
      children.push(waitForUi(ui, `http://127.0.0.1:${env.TEMPORAL_UI_PORT}`));
    }
  } else {
    console.log(`starting the worker and the API against ${temporalAddress(env)}`);
  }
  // All three start together: the worker waits for the namespace itself, the API connects lazily,
  // and their module loading overlaps the server's start-up instead of following it.
  // Children read the same environment; an absolute data dir keeps them in the same folder
  // whatever directory they resolve relative paths from.
  // embedded, someone is trying Yuqing: decisions from the Temporal UI or CLI count, visibly marked
  const unsigned = embedded ? { YUQING_UNSIGNED_DECISIONS: process.env.YUQING_UNSIGNED_DECISIONS ?? 'accept-marked' } : {};
  const childEnv = { ...process.env, ...unsigned, YUQING_DATA_DIR: data };
  const healthUrl = `http://${urlHost(env.YUQING_HOST)}:${env.PORT}/healthz`;
  const apps = {
    worker: { start: () => startNode('worker', 'workers/main.ts', childEnv, true), ready: (c: Child) => until(c, workerSaysReady(c)) },
    api: { start: () => startNode('api', 'api/main.ts', childEnv, true), ready: (c: Child) => until(c, healthz(healthUrl, c)) },
  };
  const worker = apps.worker.start();
  const api = apps.api.start();
  started.push(worker, api);
  recordStarted(data, started);
  children.push(apps.worker.ready(worker), apps.api.ready(api));
  await Promise.all(children);
  for (const child of started) {
    if (child === worker || child === api) {
      const app = apps[child.name as keyof typeof apps];
      supervise({
        first: child,
        ...app,
        stopping: () => stopping !== undefined,
        // the current process stands in the stop order and in the record the next start reads
        onStart: (fresh) => {
          started[started.findIndex((c) => c.name === fresh.name)] = fresh;
          recordStarted(data, started);
        },
        log: (line) => console.error(line),
      });
      continue;
    }
    // without Temporal (or its UI) nothing the others do is visible: stop as before
    void child.exited.then((exit) => {
      if (stopping) return;
      console.error(`${child.name} stopped unexpectedly (${describeExit(exit)}); stopping the rest`);
      void shutdown(1);
    });
  }
  // More to tell at start (demo sign-ins, a calendar that does not cover the coming year) goes in
  // as sections of this block, so the user still reads one block, not a scroll of child output.
  console.log(`\n${readyBlock(env, dbFile ? { devServerDb: dbFile } : 'external', [...policy, ...codecSections(codecEndpoint, uiBinary !== undefined)])}\n`);
}

/** The dev server cannot tell its UI to send cookies to the codec server: each browser then says so once. */
function codecSections(endpoint: string | undefined, standaloneUi: boolean): ReadySection[] {
  if (!endpoint) return [];
  if (standaloneUi) return [{ title: 'Encrypted histories', lines: [`the Temporal UI decrypts them through ${endpoint} for people signed in to the web form`] }];
  return [{
    title: 'Encrypted histories',
    lines: [
      'the Temporal UI decrypts them for people signed in to the web form, once set in each browser:',
      `Codec Server (top right) > use my browser setting > ${endpoint} > "Include cross-origin credentials" on > Apply`,
    ],
  }];
}


function startNode(name: string, entry: string, env: NodeJS.ProcessEnv, ipc: boolean): Child {
  return startChild({
    name,
    command: process.execPath,
    args: ['--import', 'tsx', entry],
    cwd: PROJECT_ROOT,
    env,
    ipc,
  });
}

function workerSaysReady(child: Child): Promise<void> {
  return new Promise<void>((ok) => child.process.on('message', (m) => m === 'ready' && ok()));
}

/** `ready`, unless the child dies first or takes too long */
async function until(child: Child, ready: Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    ready.then(() => 'ready' as const),
    child.exited.then((exit) => `exited (${describeExit(exit)}) before it was ready`),
    new Promise<string>((ok) => (timer = setTimeout(ok, READY_TIMEOUT_MS, `was not ready after ${READY_TIMEOUT_MS / 1000}s`))),
  ]);
  clearTimeout(timer);
  if (outcome !== 'ready') throw new StartError(`the ${child.name} ${outcome}; its messages are above`);
}

/** polls until the API answers; gives up once that process is gone (a restarted one polls anew) */
async function healthz(url: string, child: Child): Promise<void> {
  while (!stopping && child.process.exitCode === null && child.process.signalCode === null) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((ok) => setTimeout(ok, 200));
  }
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

/** Idempotent: a second Ctrl-C while stopping waits for the same orderly stop. */
function shutdown(code: number): Promise<never> {
  stopping ??= (async () => {
    const since = Date.now();
    // the worker may take its grace time to finish activities: say what the wait is for
    for (const child of [...started].reverse()) {
      const { label, graceMs } = STOPPING[child.name as keyof typeof STOPPING];
      console.log(`stopping ${label}`);
      await stopChild(child, graceMs);
    }
    if (dataDir) forgetStarted(dataDir);
    if (started.length) console.log(`stopped in ${((Date.now() - since) / 1000).toFixed(1)}s`);
    process.exit(code);
  })();
  return stopping;
}
