// A backup: Temporal's state as of one instant, then the rest of the data folder. For `npm run
// cluster` the state is a pg_dump of its databases (postgres-dump.ts); for the embedded default,
// data/temporal.db:
//
// Node 20 has no SQLite binding (node:sqlite comes with Node 22) and the product depends on no
// other program, so SQLite's online backup API is out of reach. What is truly consistent without
// it: the database file and its WAL read while nothing writes them. While `npm start` runs, its
// dev server (the only writer) is paused with SIGSTOP for the copy of those two files, then resumed;
// the copy is then exactly what a SIGKILL of the server at that instant would leave on disk, which
// SQLite recovers to its last committed transaction (an unfinished WAL frame fails its checksum,
// a half-done checkpoint is redone from the WAL), and which the chaos tests show Temporal survives.
// The worker and the API only see Temporal answer a few milliseconds later.
//
// Either way the data folder is copied after that instant, so every document, ledger entry or key
// the copied history counts as written is in it (activities write before they complete; writes
// are temp-file-and-rename, and temp files are skipped); what was written after is extra, and the
// activities that wrote it are idempotent, so running them again on the restored copy is a no-op.
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { PRIVATE_DIR } from '../../config/data-dir';
import { LAUNCHER_RECORD, TEMPORAL_DB } from '../../domain/data-layout';
import type { ClusterEnv } from '../cluster/settings';
import { stillRunning } from '../leftovers';
import { backupName, BackupError, DATA_PART, entryFor, TEMPORAL_PART, writeManifest, type ManifestEntry } from './manifest';
import { dumpDatabases, pgSource } from './postgres-dump';

/** not part of the copy of the data folder: the database (taken apart), the running launcher's record, the cluster's own PostgreSQL and logs */
const NOT_COPIED = new Set([TEMPORAL_DB, `${TEMPORAL_DB}-wal`, `${TEMPORAL_DB}-shm`, LAUNCHER_RECORD, 'pg', 'logs']);
/** an atomic write in progress (activities/files.ts writeAtomic) */
const IN_FLIGHT = /\.[0-9a-f-]{36}\.tmp$/;
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export interface BackupOptions {
  dataDir: string;
  /** the folder the backup folder is made in */
  into: string;
  /** set for `npm run cluster`'s data folder: its PostgreSQL is dumped instead of a SQLite file copied */
  cluster?: ClusterEnv;
  now?: Date;
  log: (line: string) => void;
}

/** Returns the finished backup's folder. */
export async function takeBackup(o: BackupOptions): Promise<string> {
  const db = join(o.dataDir, TEMPORAL_DB);
  if (!o.cluster && !existsSync(db)) {
    throw new BackupError(`${db} does not exist: nothing to back up (\`npm run backup\` backs up the embedded Temporal of \`npm start\` and its data folder; YUQING_DATA_DIR names the folder, --cluster backs up \`npm run cluster\`)`);
  }
  mkdirSync(o.into, { recursive: true, mode: PRIVATE_DIR });
  const final = join(o.into, backupName(o.now ?? new Date()));
  if (existsSync(final)) throw new BackupError(`${final} exists already: wait a second, or choose another folder with --to`);
  const partial = `${final}.partial`;
  mkdirSync(join(partial, TEMPORAL_PART), { recursive: true, mode: PRIVATE_DIR });
  const files = o.cluster ? await dumpCluster(o, o.cluster, partial) : copySqlite(o, partial);
  files.push(...copyTree(o.dataDir, partial, DATA_PART, true));
  const databases = o.cluster ? files.filter((f) => f.path.endsWith('.pgdump')).map((f) => f.path.slice(TEMPORAL_PART.length + 1, -'.pgdump'.length)) : undefined;
  writeManifest(partial, { format: 'yuqing-backup', version: 1, createdAt: (o.now ?? new Date()).toISOString(), temporal: o.cluster ? 'cluster-postgres' : 'embedded-sqlite', databases, files });
  renameSync(partial, final);
  const bytes = files.reduce((sum, f) => sum + f.size, 0);
  o.log(`backed up ${files.length} files (${(bytes / 1e6).toFixed(1)} MB) to ${final}`);
  return final;
}

async function dumpCluster(o: BackupOptions, settings: ClusterEnv, partial: string): Promise<ManifestEntry[]> {
  const source = await pgSource(o.dataDir, settings, o.log);
  try {
    o.log(`dumping ${source.target.database} and ${source.target.visibilityDatabase} from PostgreSQL ${source.target.host}:${source.target.port}`);
    return dumpDatabases(source.target, join(partial, TEMPORAL_PART), settings.YUQING_PG_BIN).map((f) => entryFor(partial, `${TEMPORAL_PART}/${f}`));
  } finally {
    await source.done();
  }
}

function copySqlite(o: BackupOptions, partial: string): ManifestEntry[] {
  const server = stillRunning(o.dataDir).children.find((c) => c.name === 'temporal');
  const dbFiles = [TEMPORAL_DB, `${TEMPORAL_DB}-wal`].filter((f) => existsSync(join(o.dataDir, f)));
  const copyDb = () => dbFiles.forEach((f) => copyFileSync(join(o.dataDir, f), join(partial, TEMPORAL_PART, f)));
  if (server) {
    o.log(`pausing the Temporal dev server (pid ${server.pid}) while ${TEMPORAL_DB} is copied`);
    const since = Date.now();
    pausedWhile(server.pid, copyDb);
    o.log(`resumed it after ${Date.now() - since} ms`);
  } else {
    copyDb();
  }
  return dbFiles.map((f) => entryFor(partial, `${TEMPORAL_PART}/${f}`));
}

/**
 * SIGSTOP, the copy, SIGCONT. Ctrl-C meanwhile must not end this process with the server still
 * paused: the signals are held (the copy is synchronous, so they are seen after the resume).
 */
function pausedWhile(pid: number, copy: () => void): void {
  const hold = () => undefined;
  for (const s of SIGNALS) process.on(s, hold);
  process.kill(pid, 'SIGSTOP');
  try {
    copy();
  } finally {
    process.kill(pid, 'SIGCONT');
    for (const s of SIGNALS) process.off(s, hold);
  }
}

/** copies `from` into `<root>/<rel>`, returning the manifest entries (paths relative to root) */
function copyTree(from: string, root: string, rel: string, top: boolean): ManifestEntry[] {
  mkdirSync(join(root, rel), { recursive: true, mode: PRIVATE_DIR });
  return readdirSync(from, { withFileTypes: true }).flatMap((entry) => {
    if ((top && NOT_COPIED.has(entry.name)) || IN_FLIGHT.test(entry.name)) return [];
    const source = join(from, entry.name);
    const path = `${rel}/${entry.name}`;
    if (entry.isDirectory()) return copyTree(source, root, path, false);
    if (!entry.isFile()) return [];
    try {
      copyFileSync(source, join(root, path));
    } catch (error) {
      // renamed or removed between the listing and the copy: it is not part of this instant
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    return [entryFor(root, path)];
  });
}
