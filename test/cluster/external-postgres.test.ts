// `npm run cluster` on a PostgreSQL it is given (YUQING_PG_URL) rather than its private one, as an
// organisation with its own database server runs it: the schemas are created in the named
// databases, the incidents live there and outlast the cluster's processes, and a wrong password
// stops the start with the tool and database named. The PostgreSQL here is started by the test,
// apart from the cluster, exactly as an external one would be.
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PrivatePostgres } from '../../scripts/cluster/postgres';
import { startScratchCluster } from '../../scripts/cluster/scratch-cluster';
import { freePort } from '../../scripts/ports';
import { INCIDENT_WORKFLOW } from '../../workflows/incident/definitions';
import { driveToEnd } from '../workflows/driver';
import { fastPolicy, incidentInput } from '../workflows/fixtures';
import { startTestCluster } from './fixture';

let pg: PrivatePostgres;

function url(password: string): string {
  const { user, host, port } = pg.target;
  // a database name of the organisation's choosing; visibility goes to <name>_visibility
  return `postgres://${user}:${encodeURIComponent(password)}@${host}:${port}/yuqing_incidents`;
}

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'yuqing-external-pg-'));
  chmodSync(dir, 0o755);
  pg = new PrivatePostgres({ dir: join(dir, 'pg'), port: await freePort(), osUser: 'postgres', log: () => undefined });
  await pg.start();
});
afterAll(async () => {
  await pg?.stop();
});

it('creates the schemas in the databases YUQING_PG_URL names and keeps incidents there across restarts', async () => {
  const clusterEnv = { YUQING_PG_URL: url(pg.target.password) };
  const first = await startTestCluster({ workers: 1, clusterEnv });
  let workflowId: string;
  try {
    expect(first.cluster.privatePostgres).toBeUndefined();
    expect(first.cluster.pg).toMatchObject({ port: pg.target.port, database: 'yuqing_incidents', visibilityDatabase: 'yuqing_incidents_visibility' });
    expect(first.cluster.schema.temporal.applied.length).toBeGreaterThan(0);
    expect(first.cluster.schema.visibility.applied.length).toBeGreaterThan(0);
    const handle = await first.client.workflow.start(INCIDENT_WORKFLOW, { taskQueue: first.taskQueue, workflowId: `external-pg-${Date.now()}`, args: [incidentInput({ policy: fastPolicy() })] });
    workflowId = handle.workflowId;
    expect((await driveToEnd(handle)).closed?.outcome).toBe('completed');
  } finally {
    await first.stop();
  }

  // the same data folder, as a restart keeps it: its key ring decrypts what the first run wrote
  const second = await startTestCluster({ workers: 0, clusterEnv, dataDir: first.dataDir });
  try {
    // the databases are already at the server's version: nothing to apply
    expect(second.cluster.schema).toEqual({ temporal: { applied: [] }, visibility: { applied: [] } });
    const described = await second.client.workflow.getHandle(workflowId).describe();
    expect(described.status.name).toBe('COMPLETED');
    expect(await second.client.workflow.count(`WorkflowId = '${workflowId}'`)).toMatchObject({ count: 1 });
  } finally {
    await second.stop();
  }
});

it('stops at the schema step with the tool, database and server named when the password is wrong', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'yuqing-external-pg-bad-'));
  const start = startScratchCluster({ dataDir, clusterEnv: { YUQING_PG_URL: url('not-the-password') } });
  await expect(start).rejects.toThrow(`temporal-sql-tool create-database on yuqing_incidents at 127.0.0.1:${pg.target.port} failed`);
});
