// `npm start` heals: the worker, then the API, SIGKILLed under a running incident, are started
// again and the log says so; the incident goes on (a decision sent after the restart is taken, its
// deadlines still open), the API answers again, the record in the data folder names the new
// processes; and a SIGTERM while a restart waits stops everything with nothing left behind. The
// dev server's death still stops everything.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client, Connection } from '@temporalio/client';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDataConverter } from '../../codec/key-ring';
import { LAUNCHER_RECORD } from '../../domain/data-layout';
import { INCIDENT_WORKFLOW, stateQuery } from '../../workflows/incident/definitions';
import { driveSome } from '../chaos/drive';
import { alive, commandLine, descendants } from '../helpers/processes';
import { DEFAULT_SCENARIO } from '../workflows/driver';
import { incidentInput, TRUSTS_TEST_KEY } from '../workflows/fixtures';
import { launch, ready, settings, stoppedCleanly, type Launch } from './launch';

let connection: Connection | undefined;
afterAll(() => connection?.close());

async function until(check: () => boolean, what: string, l: Launch, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what} not seen within ${timeoutMs} ms:\n${l.output()}`);
    await sleep(100);
  }
}

function pidOf(l: Launch, pattern: RegExp): number {
  return descendants(l.process.pid!).find((pid) => pattern.test(commandLine(pid)))!;
}

function recorded(dataDir: string, name: string): number | undefined {
  const record = JSON.parse(readFileSync(join(dataDir, LAUNCHER_RECORD), 'utf8')) as { children: { name: string; pid: number }[] };
  return record.children.find((c) => c.name === name)?.pid;
}

describe('npm start restarts what died', () => {
  it('a SIGKILLed worker and API come back, said so, and the incident goes on; SIGTERM during a restart wait stops cleanly', { timeout: 300_000 }, async () => {
    const env = { ...(await settings()), ...TRUSTS_TEST_KEY };
    const l = launch(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], env);
    await ready(l);
    connection = await Connection.connect({ address: `127.0.0.1:${env.TEMPORAL_PORT}` });
    const client = new Client({ connection, dataConverter: loadDataConverter(env.YUQING_DATA_DIR, env) });
    const handle = await client.workflow.start(INCIDENT_WORKFLOW, { taskQueue: 'yuqing-incidents', workflowId: `restart-${Date.now()}`, args: [incidentInput()] });
    const before = await driveSome(handle, DEFAULT_SCENARIO, 1);
    const openDeadlines = (await handle.query(stateQuery)).deadlines.filter((d) => !d.metAt && !d.cancelled);
    expect(openDeadlines.length).toBeGreaterThan(0);

    const worker = pidOf(l, /workers\/main\.ts/);
    process.kill(worker, 'SIGKILL');
    await until(() => /worker restarted \(pid \d+\) and is ready/.test(l.output()), 'the worker restarted', l);
    expect(l.output()).toContain('worker stopped unexpectedly (SIGKILL); restarting it in 1s');
    const newWorker = Number(/worker restarted \(pid (\d+)\)/.exec(l.output())![1]);
    expect(newWorker).not.toBe(worker);
    expect(alive(newWorker)).toBe(true);
    expect(recorded(env.YUQING_DATA_DIR, 'worker')).toBe(newWorker);

    // the new worker takes the next decision: the query it answers shows it applied after the first
    const after = await driveSome(handle, DEFAULT_SCENARIO, 1);
    const s = await handle.query(stateQuery);
    const taken = s.timeline.flatMap((e) => (e.decision && e.kind !== 'rejected' ? [e.decision] : []));
    expect(taken).toEqual([...before, ...after]);
    // the deadlines open before the kill are still there, none lost or fired early
    for (const d of openDeadlines) expect(s.deadlines.find((x) => x.kind === d.kind && x.startedAt === d.startedAt)).toMatchObject({ dueAt: d.dueAt });
    expect(s.deadlines.filter((d) => d.breachedAt)).toEqual([]);

    const api = pidOf(l, /api\/main\.ts/);
    process.kill(api, 'SIGKILL');
    await until(() => /api restarted \(pid \d+\) and is ready/.test(l.output()), 'the API restarted', l);
    expect(l.output()).toContain('api stopped unexpectedly (SIGKILL); restarting it in 1s');
    const newApi = Number(/api restarted \(pid (\d+)\)/.exec(l.output())![1]);
    expect(recorded(env.YUQING_DATA_DIR, 'api')).toBe(newApi);
    expect((await fetch(`http://127.0.0.1:${env.PORT}/healthz`)).status).toBe(200);
    // nothing was stopped along the way: Temporal kept running, and the incident lost nothing
    expect(l.output()).not.toContain('stopping the rest');
    expect((await handle.query(stateQuery)).timeline.slice(0, s.timeline.length)).toEqual(s.timeline);

    // the new worker dies within its first minute: the wait doubles, and a SIGTERM meanwhile stops all
    const family = descendants(l.process.pid!);
    process.kill(newWorker, 'SIGKILL');
    await until(() => l.output().includes('worker stopped unexpectedly (SIGKILL); restarting it in 2s'), 'the doubled wait', l);
    l.process.kill('SIGTERM');
    await stoppedCleanly(l, family);
    // the launcher has exited: whatever it started is in `family`, and it started nothing after the wait
    const tail = l.output().slice(l.output().indexOf('restarting it in 2s'));
    expect(tail).not.toMatch(/worker restarted/);
  });

  it('the dev server is not restarted: its death stops everything, as before', { timeout: 180_000 }, async () => {
    const env = await settings();
    const l = launch(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], env);
    await ready(l);
    const family = descendants(l.process.pid!);
    process.kill(pidOf(l, /temporal server start-dev/), 'SIGKILL');
    await expect(l.exited).resolves.toBe(1);
    expect(l.output()).toContain('temporal stopped unexpectedly (SIGKILL); stopping the rest');
    expect(l.output()).not.toMatch(/restarting it in/);
    const deadline = Date.now() + 5_000;
    while (family.some(alive) && Date.now() < deadline) await sleep(100);
    expect(family.filter(alive).map((pid) => `${pid} ${commandLine(pid)}`)).toEqual([]);
  });
});
