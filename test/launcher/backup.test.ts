// `npm run backup` / `npm run restore` on the embedded default, as an operator uses them: a backup
// taken while `npm start` runs incidents, the stack stopped, the data folder wiped, the backup
// restored and started again; every incident goes on from where the backup found it (its decisions
// there, a new one taken, a deadline pending at the backup fires after), with the data folder's
// files and keys back. A restore over a running start, or from a damaged or unfinished backup, is
// refused with a message and changes nothing; one over a data folder keeps that folder beside it.
import { cpSync, existsSync, mkdtempSync, rmSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { afterEach, describe, expect, it } from 'vitest';
import { loadDataConverter } from '../../codec/key-ring';
import { INCIDENT_WORKFLOW, stateQuery } from '../../workflows/incident/definitions';
import type { IncidentState } from '../../domain/model/state';
import { driveSome } from '../chaos/drive';
import { dataFiles as ownFiles } from '../helpers/data-files';
import { descendants } from '../helpers/processes';
import { DEFAULT_SCENARIO, waitForState } from '../workflows/driver';
import { fastPolicy, incidentInput, TRUSTS_TEST_KEY } from '../workflows/fixtures';
import { launch, ready, settings, stoppedCleanly } from './launch';

const connections: Connection[] = [];
afterEach(async () => {
  for (const c of connections.splice(0)) await c.close();
});

async function clientOf(env: { TEMPORAL_PORT: string; YUQING_DATA_DIR: string }): Promise<Client> {
  const connection = await Connection.connect({ address: `127.0.0.1:${env.TEMPORAL_PORT}` });
  connections.push(connection);
  return new Client({ connection, dataConverter: loadDataConverter(env.YUQING_DATA_DIR, env) });
}

const taken = (s: IncidentState) => s.timeline.flatMap((e) => (e.decision && e.kind !== 'rejected' ? [e.decision] : []));

/** the data folder's own files: not the database, not the running launcher's record */
const dataFiles = (dir: string) => ownFiles(dir, /^(temporal\.db|launcher\.json$)/);

async function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | string | null; output: string }> {
  const l = launch(command, args, env);
  const code = await l.exited;
  return { code, output: l.output() };
}

describe('npm run backup / npm run restore', () => {
  it('a backup taken mid-flight restores into a wiped data folder and every incident goes on', { timeout: 420_000 }, async () => {
    const env = { ...(await settings()), ...TRUSTS_TEST_KEY };
    const backups = mkdtempSync(join(tmpdir(), 'yuqing-backups-'));
    const first = launch(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], env);
    await ready(first);
    const client = await clientOf(env);
    const start = (id: string, policy = fastPolicy()) =>
      client.workflow.start(INCIDENT_WORKFLOW, { taskQueue: 'yuqing-incidents', workflowId: `${id}-${Date.now()}`, args: [incidentInput({ policy })] });
    // one driven a few decisions in, one whose deadlines fall due a little after the backup
    const driven = await start('backup-driven');
    const timed = await start('backup-timed', fastPolicy({ seconds: 90 }));
    await driveSome(driven, DEFAULT_SCENARIO, 3);
    await driveSome(timed, DEFAULT_SCENARIO, 1);
    const atBackup = new Map<string, IncidentState>();
    for (const h of [driven, timed]) atBackup.set(h.workflowId, await h.query(stateQuery));
    expect(atBackup.get(timed.workflowId)!.deadlines.filter((d) => d.breachedAt)).toEqual([]);
    const filesAtBackup = dataFiles(env.YUQING_DATA_DIR);
    expect([...filesAtBackup.keys()]).toEqual(expect.arrayContaining(['keys/payload.json', 'keys/session.key']));

    const backup = await run('npm', ['run', 'backup', '--', '--to', backups], env);
    expect(backup.code, backup.output).toBe(0);
    expect(backup.output).toMatch(/pausing the Temporal dev server \(pid \d+\) while temporal\.db is copied/);
    const folder = /backed up \d+ files \([\d.]+ MB\) to (\S+)/.exec(backup.output)![1]!;
    expect(folder).toMatch(/\/yuqing-backup-\d{8}T\d{6}Z$/);
    // the paused server was resumed: the stack still answers
    expect((await driven.query(stateQuery)).timeline.length).toBeGreaterThanOrEqual(atBackup.get(driven.workflowId)!.timeline.length);

    const overRunning = await run('npm', ['run', 'restore', '--', folder], env);
    expect(overRunning.code).toBe(1);
    expect(overRunning.output).toContain(`Yuqing is running on ${env.YUQING_DATA_DIR}: the launcher (pid ${first.process.pid}). Stop it`);
    const family = descendants(first.process.pid!);
    first.process.kill('SIGTERM');
    await stoppedCleanly(first, family);

    // with nothing running there is nothing to pause: the files are copied as they are
    const stopped = await run('npm', ['run', 'backup', '--', '--to', join(backups, 'later')], env);
    expect(stopped.code, stopped.output).toBe(0);
    expect(stopped.output).not.toContain('pausing');
    expect(stopped.output).toMatch(/backed up \d+ files/);

    // a backup cut short, or with a damaged file, is refused by name and the data folder stays as it is
    const unfinished = join(backups, 'unfinished');
    cpSync(folder, unfinished, { recursive: true });
    rmSync(join(unfinished, 'manifest.json'));
    const damaged = join(backups, 'damaged');
    cpSync(folder, damaged, { recursive: true });
    truncateSync(join(damaged, 'temporal', 'temporal.db'), 4096);
    const before = dataFiles(env.YUQING_DATA_DIR);
    const refusedUnfinished = await run('npm', ['run', 'restore', '--', unfinished], env);
    expect(refusedUnfinished.code).toBe(1);
    expect(refusedUnfinished.output).toContain(`${unfinished} is incomplete: it has no manifest.json`);
    const refusedDamaged = await run('npm', ['run', 'restore', '--', damaged], env);
    expect(refusedDamaged.code).toBe(1);
    expect(refusedDamaged.output).toMatch(new RegExp(`${damaged} is damaged: temporal/temporal\\.db has 4096 bytes, the manifest says \\d+`));
    expect(dataFiles(env.YUQING_DATA_DIR)).toEqual(before);

    rmSync(env.YUQING_DATA_DIR, { recursive: true, force: true });
    const restore = await run('npm', ['run', 'restore', '--', folder], env);
    expect(restore.code, restore.output).toBe(0);
    expect(restore.output).toContain(`restored into ${env.YUQING_DATA_DIR}`);
    expect(existsSync(join(env.YUQING_DATA_DIR, 'temporal.db'))).toBe(true);
    // every file there at the backup is back as it was, the keys among them
    const restored = dataFiles(env.YUQING_DATA_DIR);
    for (const [path, content] of filesAtBackup) expect(restored.get(path), path).toBe(content);
    // restored over a data folder that is not empty, the old one is kept beside it
    const over = await run('npm', ['run', 'restore', '--', folder], env);
    expect(over.code, over.output).toBe(0);
    const aside = /what was there is now in (\S+)\./.exec(over.output)![1]!;
    expect(dataFiles(aside)).toEqual(restored);
    expect(dataFiles(env.YUQING_DATA_DIR)).toEqual(restored);

    const second = launch(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], env);
    await ready(second);
    const again = await clientOf(env);
    const handle = (h: WorkflowHandle) => again.workflow.getHandle(h.workflowId);
    for (const h of [driven, timed]) {
      const was = atBackup.get(h.workflowId)!;
      const now = await handle(h).query(stateQuery);
      expect(now.incident.title).toBe(was.incident.title);
      expect(taken(now).slice(0, taken(was).length)).toEqual(taken(was));
    }
    // the driven one takes its next decision; the timed one's deadline fires on the restored timer
    const next = await driveSome(handle(driven), DEFAULT_SCENARIO, 1);
    expect(taken(await handle(driven).query(stateQuery))).toEqual([...taken(atBackup.get(driven.workflowId)!), ...next]);
    const fired = await waitForState(handle(timed), (s) => s.deadlines.some((d) => d.breachedAt), 240_000);
    expect(fired.closed).toBeUndefined();

    const family2 = descendants(second.process.pid!);
    second.process.kill('SIGTERM');
    await stoppedCleanly(second, family2);
  });
});
