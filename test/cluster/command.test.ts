// `npm run cluster` as a person runs it: it reaches the ready block with the UI, the API and a worker
// answering; SIGTERM stops everything it started; a second run changes no schema and still finds the
// incident the first run registered, and starts a worker it loses again.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../api/auth/secrets';
import { PROJECT_ROOT } from '../../workers/bundle';
import { alive, commandLine, descendants } from '../helpers/processes';
import { freePort } from '../helpers/ports';
import { fields } from '../workflows/fixtures';
import { freeServerBase } from '../../scripts/cluster/ports';
import { API_TOKEN } from './fixture';

interface Run {
  child: ChildProcess;
  output: () => string;
}

let env: NodeJS.ProcessEnv;
let apiUrl: string;
let uiUrl: string;
const running: Run[] = [];

beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'yuqing-cluster-cmd-'));
  chmodSync(dataDir, 0o755);
  const usersFile = join(dataDir, 'users.json');
  writeFileSync(usersFile, JSON.stringify({ users: [{ name: 'tester', displayName: '测试员', roles: ['monitor', 'handler', 'approver', 'admin'], tokenHash: hashToken(API_TOKEN) }] }));
  const [port, uiPort, metricsPort] = [await freePort(), await freePort(), await freePort()];
  apiUrl = `http://127.0.0.1:${port}`;
  uiUrl = `http://127.0.0.1:${uiPort}`;
  env = {
    ...process.env,
    YUQING_DATA_DIR: dataDir,
    YUQING_USERS_FILE: usersFile,
    TEMPORAL_PORT: String(await freeServerBase()),
    TEMPORAL_UI_PORT: String(uiPort),
    PORT: String(port),
    YUQING_WORKER_METRICS_PORT: String(metricsPort),
  };
  delete env.TEMPORAL_ADDRESS;
});
afterAll(() => {
  for (const run of running) if (run.child.exitCode === null) run.child.kill('SIGKILL');
});

async function start(): Promise<Run> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/cluster.ts', '--workers', '1'], { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const run = { child, output: () => output };
  running.push(run);
  const deadline = Date.now() + 180_000;
  while (!output.includes('Ctrl-C stops everything.')) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`npm run cluster did not get ready:\n${output}`);
    await new Promise((ok) => setTimeout(ok, 250));
  }
  return run;
}

async function stop(run: Run): Promise<number | null> {
  const exited = new Promise<number | null>((ok) => run.child.once('exit', (code) => ok(code)));
  run.child.kill('SIGTERM');
  return exited;
}

const api = (path: string, init: RequestInit = {}) =>
  fetch(`${apiUrl}${path}`, { ...init, headers: { authorization: `Bearer ${API_TOKEN}`, 'content-type': 'application/json', ...init.headers } });

describe('npm run cluster', () => {
  it('gets ready, stops cleanly on SIGTERM, and a second run finds the first run’s incident', async () => {
    const first = await start();
    expect(first.output()).toMatch(/schema updated to 1\.\d+/);
    expect(first.output()).toMatch(/Temporal server 1\.29\.1 on PostgreSQL 127\.0\.0\.1:\d+ \(private/);
    expect(first.output()).toMatch(/Temporal +127\.0\.0\.1:\d+ \(self-hosted cluster, see below\)/);
    expect((await fetch(uiUrl)).status).toBe(200);
    expect((await api('/readyz')).status).toBe(200);
    const created = await api('/api/incidents', { method: 'POST', headers: { 'idempotency-key': 'cluster-command-1' }, body: JSON.stringify(fields()) });
    expect(created.status).toBe(201);
    const { workflowId } = (await created.json()) as { workflowId: string };

    const children = descendants(first.child.pid!);
    expect(children.length).toBeGreaterThanOrEqual(5);
    expect(await stop(first)).toBe(0);
    expect(children.filter(alive)).toEqual([]);
    expect(first.output()).toMatch(/stopping the API\n(.*\n)*stopping 1 worker\n(.*\n)*stopping the Temporal UI, the server and the private PostgreSQL\n(.*\n)*stopped in \d+\.\d+s/);

    const second = await start();
    expect(second.output()).not.toMatch(/schema updated/);
    const found = await api(`/api/incidents/${workflowId}`);
    expect(found.status).toBe(200);
    expect(((await found.json()) as { state: { incident: { title: string } } }).state.incident.title).toBe(fields().title);

    // a killed worker is started again, as `npm start` does (scripts/supervision.ts), and serves
    const worker = descendants(second.child.pid!).find((pid) => /workers\/main\.ts/.test(commandLine(pid)))!;
    process.kill(worker, 'SIGKILL');
    const until = Date.now() + 120_000;
    while (!/worker-1 restarted \(pid \d+\) and is ready/.test(second.output()) && Date.now() < until) await new Promise((ok) => setTimeout(ok, 250));
    expect(second.output()).toContain('worker-1 stopped unexpectedly (SIGKILL); restarting it in 1s');
    expect(second.output()).toMatch(/worker-1 restarted \(pid \d+\) and is ready/);
    // the incident's state comes from a query, which only a worker answers: the restarted one, once
    // the server gives up on the killed worker's sticky queue (Temporal's sticky timeout, seconds)
    const answered = Date.now() + 60_000;
    let status = (await api(`/api/incidents/${workflowId}`)).status;
    while (status !== 200 && Date.now() < answered) {
      await new Promise((ok) => setTimeout(ok, 1000));
      status = (await api(`/api/incidents/${workflowId}`)).status;
    }
    expect(status).toBe(200);
    expect(second.output()).not.toContain('stopping the rest');
    expect(await stop(second)).toBe(0);
  });
});
