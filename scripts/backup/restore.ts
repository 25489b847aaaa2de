// Restores a backup into the data folder: never over a running `npm start` (its record in the data
// folder says so), never from a backup that fails its manifest. The backup is unpacked next to the
// data folder first and swapped in by renames; the folder it replaces is kept beside it, not deleted.
// A cluster's dumps are restored into a fresh private PostgreSQL in the restored folder.
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PRIVATE_DIR } from '../../config/data-dir';
import { PrivatePostgres } from '../cluster/postgres';
import type { ClusterEnv } from '../cluster/settings';
import { stillRunning } from '../leftovers';
import { freePort } from '../ports';
import { BackupError, DATA_PART, TEMPORAL_PART, verifyBackup } from './manifest';
import { restoreDatabases, runningPort } from './postgres-dump';

export interface RestoreOptions {
  from: string;
  dataDir: string;
  /** the cluster's settings: where its PostgreSQL is, for a backup of `npm run cluster` */
  cluster: ClusterEnv;
  now?: Date;
  log: (line: string) => void;
}

/** Returns where the replaced data folder was moved, if there was one. */
export async function restoreBackup(o: RestoreOptions): Promise<{ replaced?: string }> {
  const running = stillRunning(o.dataDir);
  if (running.launcher !== undefined || running.children.length) {
    const what = running.launcher !== undefined ? `the launcher (pid ${running.launcher})` : running.children.map((c) => `the ${c.name} (pid ${c.pid})`).join(', ');
    throw new BackupError(`Yuqing is running on ${o.dataDir}: ${what}. Stop it (Ctrl-C in its terminal) before restoring; nothing was changed`);
  }
  const manifest = verifyBackup(o.from);
  const cluster = manifest.temporal === 'cluster-postgres';
  if (cluster && o.cluster.YUQING_PG_URL) {
    throw new BackupError(
      `this backup is of a cluster and YUQING_PG_URL names an existing PostgreSQL, which the restore does not overwrite; nothing was changed. ` +
        `Restore its dumps there yourself (pg_restore --clean --if-exists -d <database> ${join(o.from, TEMPORAL_PART)}/<database>.pgdump), then run the restore without YUQING_PG_URL for the data folder`,
    );
  }
  const pgPort = runningPort(join(o.dataDir, 'pg'));
  if (cluster && pgPort) throw new BackupError(`the cluster's PostgreSQL is running on ${o.dataDir}/pg (port ${pgPort}): stop \`npm run cluster\` (Ctrl-C) before restoring; nothing was changed`);
  o.log(`${o.from}: ${manifest.files.length} files, taken ${manifest.createdAt}, checksums verified`);

  const staging = `${o.dataDir}.restoring-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true, mode: PRIVATE_DIR });
  try {
    for (const { path } of manifest.files) {
      const [part, ...rest] = path.split('/');
      // a cluster's dumps go into its PostgreSQL below, not into the folder
      if (part !== DATA_PART && (part !== TEMPORAL_PART || cluster)) continue;
      const target = join(staging, ...rest);
      mkdirSync(dirname(target), { recursive: true, mode: PRIVATE_DIR });
      copyFileSync(join(o.from, path), target);
    }
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  let replaced: string | undefined;
  // a folder PostgreSQL's own account must pass through (root runs it as another) keeps its mode
  const mode = existsSync(o.dataDir) ? statSync(o.dataDir).mode & 0o777 : PRIVATE_DIR;
  if (existsSync(o.dataDir) && readdirSync(o.dataDir).length) {
    replaced = `${o.dataDir}.before-restore-${(o.now ?? new Date()).toISOString().replace(/\.\d+Z$/, 'Z').replace(/[-:]/g, '')}`;
    renameSync(o.dataDir, replaced);
  } else {
    rmSync(o.dataDir, { recursive: true, force: true });
  }
  renameSync(staging, o.dataDir);
  chmodSync(o.dataDir, mode);
  if (cluster) await restorePostgres(o, manifest.databases ?? []);
  o.log(`restored into ${o.dataDir}${replaced ? `; what was there is now in ${replaced}` : ''}. \`npm ${cluster ? 'run cluster' : 'start'}\` continues the incidents of the backup`);
  return { replaced };
}

/** a fresh private PostgreSQL in <data>/pg, started for the while, each database recreated from its dump */
async function restorePostgres(o: RestoreOptions, databases: string[]): Promise<void> {
  const pg = new PrivatePostgres({ dir: join(o.dataDir, 'pg'), port: await freePort(), binDir: o.cluster.YUQING_PG_BIN, osUser: o.cluster.YUQING_PG_OS_USER, log: o.log });
  await pg.start();
  try {
    o.log(`restoring ${databases.join(' and ')} into the private PostgreSQL`);
    restoreDatabases(pg.target, join(o.from, TEMPORAL_PART), databases, o.cluster.YUQING_PG_BIN);
  } finally {
    await pg.stop();
  }
}
