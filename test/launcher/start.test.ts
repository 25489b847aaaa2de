// `npm start` as a user runs it: a real dev server, worker and API on free ports and a temp data
// folder; Ctrl-C (SIGINT to the terminal's process group) or SIGTERM stops everything it started,
// and a second start finds the incidents of the first in the same database.
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client, Connection } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { loadDataConverter } from '../../codec/key-ring';
import { INCIDENT_WORKFLOW, stateQuery } from '../../workflows/incident/definitions';
import { alive, commandLine, descendants } from '../helpers/processes';
import { incidentInput } from '../workflows/fixtures';
import { launch, portFree, READY, ready, settings, stoppedCleanly } from './launch';

describe('npm start', () => {
  it('starts everything, stops it all on Ctrl-C, and a second start finds the first run’s incidents', async () => {
    const env = await settings();
    const first = launch('npm', ['start'], env);
    await ready(first);

    expect(first.output()).toContain(`web form     http://127.0.0.1:${env.PORT}`);
    expect(first.output()).toContain(`Temporal UI  http://127.0.0.1:${env.TEMPORAL_UI_PORT}`);
    expect(first.output()).toMatch(/namespace\s+default/);
    expect(first.output()).toMatch(/task queue\s+yuqing-incidents/);
    expect((await fetch(`http://127.0.0.1:${env.PORT}/healthz`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${env.TEMPORAL_UI_PORT}/`)).status).toBe(200);

    const connection = await Connection.connect({ address: `127.0.0.1:${env.TEMPORAL_PORT}` });
    // payloads are encrypted by default: read them with the keys npm start created in the data dir
    const client = new Client({ connection, dataConverter: loadDataConverter(env.YUQING_DATA_DIR, env) });
    const workflowId = `start-test-${Date.now()}`;
    const handle = await client.workflow.start(INCIDENT_WORKFLOW, {
      taskQueue: 'yuqing-incidents',
      workflowId,
      args: [incidentInput()],
    });
    const before = await handle.query(stateQuery);
    await connection.close();

    const family = descendants(first.process.pid!);
    // the worker and the API start side by side: their order in the process table varies
    for (const part of [/temporal server start-dev/, /workers\/main\.ts/, /api\/main\.ts/]) expect(family.map(commandLine).join('\n')).toMatch(part);
    // encrypted histories: the standalone UI serves the UI, sending the sign-in cookie to the codec endpoint
    expect(family.map(commandLine).join('\n')).toMatch(/temporal-ui-server.*--env yuqing start/);
    expect(family.map(commandLine).join('\n')).toContain('--headless');
    const uiSettings = (await (await fetch(`http://127.0.0.1:${env.TEMPORAL_UI_PORT}/api/v1/settings`)).json()) as { Codec: unknown };
    expect(uiSettings.Codec).toMatchObject({ Endpoint: `http://127.0.0.1:${env.PORT}/codec`, IncludeCredentials: true });
    process.kill(-first.process.pid!, 'SIGINT');
    // npm ends itself with the SIGINT it received, by its own convention; the launcher under it exits 0
    await first.exited;
    const until = Date.now() + 5_000;
    while (family.some(alive) && Date.now() < until) await sleep(100);
    expect(family.filter(alive).map((pid) => `${pid} ${commandLine(pid)}`)).toEqual([]);
    for (const port of [env.PORT, env.TEMPORAL_PORT, env.TEMPORAL_UI_PORT]) expect(await portFree(Number(port))).toBe(true);

    // the launcher itself, SIGTERM to it alone (as a process manager would send)
    const second = launch(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], env);
    await ready(second);
    const again = await Connection.connect({ address: `127.0.0.1:${env.TEMPORAL_PORT}` });
    const after = await new Client({ connection: again, dataConverter: loadDataConverter(env.YUQING_DATA_DIR, env) }).workflow.getHandle(workflowId).query(stateQuery);
    await again.close();
    expect(after.incident.title).toBe(before.incident.title);
    expect(after.timeline.length).toBeGreaterThanOrEqual(before.timeline.length);

    const family2 = descendants(second.process.pid!);
    second.process.kill('SIGTERM');
    await stoppedCleanly(second, family2);
  });

  it('after the launcher is SIGKILLed, worker and API leave by themselves and the next start stops the dev server it left', async () => {
    const env = await settings();
    const first = launch(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], env);
    await ready(first);
    const family = descendants(first.process.pid!);
    const pidOf = (pattern: RegExp) => family.find((pid) => pattern.test(commandLine(pid)))!;
    const [server, worker, api] = [/temporal server start-dev/, /workers\/main\.ts/, /api\/main\.ts/].map(pidOf);

    // while it runs, a second launcher on the same data folder is refused before it starts anything
    const rival = launch(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], { ...(await settings()), YUQING_DATA_DIR: env.YUQING_DATA_DIR });
    expect(await rival.exited).toBe(1);
    expect(rival.output()).toContain(`another Yuqing launcher (pid ${first.process.pid}) is running on ${env.YUQING_DATA_DIR}`);

    first.process.kill('SIGKILL');
    const until = Date.now() + 30_000;
    while ((alive(worker!) || alive(api!)) && Date.now() < until) await sleep(100);
    expect([worker, api].filter((pid) => alive(pid!))).toEqual([]);
    // the Go dev server cannot notice: it is the one left holding the database and the ports
    expect(alive(server!)).toBe(true);

    const second = launch(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], env);
    await ready(second);
    expect(second.output()).toContain(`stopping the temporal (pid ${server}) an earlier start left running`);
    expect(alive(server!)).toBe(false);
    const family2 = descendants(second.process.pid!);
    second.process.kill('SIGTERM');
    await stoppedCleanly(second, family2);
  });

  it('refuses a busy port before starting anything, naming the port and its variable', async () => {
    const env = await settings();
    const blocker = createServer().listen(Number(env.TEMPORAL_PORT), '127.0.0.1');
    try {
      const l = launch(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], env);
      expect(await l.exited).toBe(1);
      expect(l.output()).toContain(`port ${env.TEMPORAL_PORT} (Temporal gRPC) is already in use`);
      expect(l.output()).toContain('TEMPORAL_PORT=');
      expect(l.output()).not.toContain(READY);
    } finally {
      blocker.close();
    }
  });

  it('reports a bad setting with its name and exits 1', async () => {
    const l = launch(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], { ...(await settings()), PORT: 'eighty' });
    expect(await l.exited).toBe(1);
    expect(l.output()).toMatch(/invalid configuration:\n\s+PORT:/);
  });

  it('stops at a wrong value in the policy file, naming its line, before starting anything; so does the API started alone', async () => {
    const env = await settings();
    const policyFile = join(env.YUQING_DATA_DIR, 'policy.json');
    writeFileSync(policyFile, '{\n  "version": "v1",\n  "deadlines": { "report": { "major": { "amount": -2, "unit": "hours" } } }\n}');
    const line = `${policyFile}:3: deadlines.report.major.amount (-2):`;
    const start = launch(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], { ...env, YUQING_POLICY_FILE: policyFile });
    expect(await start.exited).toBe(1);
    expect(start.output()).toContain(line);
    expect(start.output()).not.toContain('starting Temporal');
    const api = launch(process.execPath, ['--import', 'tsx', 'api/main.ts'], { ...env, YUQING_POLICY_FILE: policyFile });
    expect(await api.exited).toBe(1);
    expect(api.output()).toContain(line);
  });
});
