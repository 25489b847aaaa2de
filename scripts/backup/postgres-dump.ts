// The cluster's part of a backup (`npm run cluster`, private PostgreSQL in <data>/pg or the one of
// YUQING_PG_URL): pg_dump of both Temporal databases, each a consistent snapshot of its own.
// PostgreSQL cannot snapshot two databases at one instant, so the history database is dumped
// first: the visibility dump taken after it can only be ahead of it, and the visibility tasks the
// history database still holds are applied again after a restore, which brings the lists back in
// line with the histories (the other order could lose list updates for good).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findPgBin, PrivatePostgres } from '../cluster/postgres';
import type { ClusterEnv, PgTarget } from '../cluster/settings';
import { freePort } from '../ports';
import { BackupError } from './manifest';

export interface PgSource {
  target: PgTarget;
  /** stops the private PostgreSQL this backup had to start itself */
  done(): Promise<void>;
}

export const dumpFile = (database: string) => `${database}.pgdump`;

/** The private PostgreSQL of <data>/pg when it runs, else started for the while; or YUQING_PG_URL's. */
export async function pgSource(dataDir: string, settings: ClusterEnv, log: (line: string) => void): Promise<PgSource> {
  if (settings.YUQING_PG_URL) return { target: settings.YUQING_PG_URL, done: async () => undefined };
  const dir = join(dataDir, 'pg');
  if (!existsSync(join(dir, 'PG_VERSION'))) throw new BackupError(`${dir} holds no PostgreSQL: nothing to back up for a cluster (set YUQING_PG_URL for an external one)`);
  const running = runningPort(dir);
  const password = readFileSync(join(dir, 'yuqing-password'), 'utf8').trim();
  const target = (port: number): PgTarget => ({ host: '127.0.0.1', port, user: 'temporal', password, database: 'temporal', visibilityDatabase: 'temporal_visibility' });
  if (running) return { target: target(running), done: async () => undefined };
  log(`starting the private PostgreSQL in ${dir} for the backup`);
  const pg = new PrivatePostgres({ dir, port: await freePort(), binDir: settings.YUQING_PG_BIN, osUser: settings.YUQING_PG_OS_USER, log });
  await pg.start();
  return { target: pg.target, done: () => pg.stop() };
}

/** the port of the private PostgreSQL running on `dir`, from its postmaster.pid */
export function runningPort(dir: string): number | undefined {
  const file = join(dir, 'postmaster.pid');
  if (!existsSync(file)) return undefined;
  const [pid, , , port] = readFileSync(file, 'utf8').split('\n');
  try {
    process.kill(Number(pid), 0);
  } catch {
    return undefined;
  }
  return Number(port);
}

export function dumpDatabases(target: PgTarget, into: string, binDir?: string): string[] {
  return [target.database, target.visibilityDatabase].map((database) => {
    pgTool('pg_dump', ['-Fc', '-h', target.host, '-p', String(target.port), '-U', target.user, '-d', database, '-f', join(into, dumpFile(database))], target, binDir);
    return dumpFile(database);
  });
}

/** Into a fresh private PostgreSQL: each dump recreates its database (`--create`), owned by the same user. */
export function restoreDatabases(target: PgTarget, from: string, databases: string[], binDir?: string): void {
  for (const database of databases) {
    pgTool('pg_restore', ['--create', '--exit-on-error', '-h', target.host, '-p', String(target.port), '-U', target.user, '-d', 'postgres', join(from, dumpFile(database))], target, binDir);
  }
}

function pgTool(program: string, args: string[], target: PgTarget, binDir?: string): void {
  const local = join(findPgBin(binDir), program);
  try {
    execFileSync(existsSync(local) ? local : program, args, { env: { ...process.env, PGPASSWORD: target.password }, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const e = error as { stderr?: Buffer; message: string };
    throw new BackupError(`${program} failed: ${e.stderr?.toString().trim() || e.message}`);
  }
}
