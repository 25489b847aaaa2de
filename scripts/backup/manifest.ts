// A backup is one folder, yuqing-backup-<UTC time>, holding Temporal's databases and the data
// folder, and a manifest.json with every file's size and SHA-256. The manifest is written last and
// the folder only takes its final name after it: a backup cut short has no manifest (or keeps its
// `.partial` name), and a damaged one fails a checksum, so a restore can refuse either by name.
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { PRIVATE_FILE } from '../../config/data-dir';
import { TEMPORAL_DB } from '../../domain/data-layout';

export const MANIFEST = 'manifest.json';
/** inside a backup: the Temporal database files, and the data folder's own files */
export const TEMPORAL_PART = 'temporal';
export const DATA_PART = 'data';

const Manifest = z.object({
  format: z.literal('yuqing-backup'),
  version: z.literal(1),
  createdAt: z.iso.datetime(),
  /** how Temporal's state was taken: the embedded SQLite file (db and WAL, one paused instant), or pg_dump of the cluster's databases */
  temporal: z.enum(['embedded-sqlite', 'cluster-postgres']),
  /** cluster: the databases dumped, history first */
  databases: z.array(z.string().regex(/^\w+$/)).optional(),
  files: z.array(z.object({ path: z.string().min(1), size: z.number().int().min(0), sha256: z.string().regex(/^[0-9a-f]{64}$/) })),
});
export type Manifest = z.infer<typeof Manifest>;
export type ManifestEntry = Manifest['files'][number];

export class BackupError extends Error {}

export function backupName(now: Date): string {
  return `yuqing-backup-${now.toISOString().replace(/\.\d+Z$/, 'Z').replace(/[-:]/g, '')}`;
}

export function sha256File(path: string): string {
  const hash = createHash('sha256');
  const buffer = Buffer.alloc(1 << 20);
  const fd = openSync(path, 'r');
  try {
    for (let n = readSync(fd, buffer); n > 0; n = readSync(fd, buffer)) hash.update(buffer.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

export function entryFor(root: string, path: string): ManifestEntry {
  const file = join(root, path);
  return { path, size: statSync(file).size, sha256: sha256File(file) };
}

export function writeManifest(root: string, manifest: Manifest): void {
  writeFileSync(join(root, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`, { mode: PRIVATE_FILE });
}

/** The manifest, once every file it lists is there with its size and checksum; else a message naming what is wrong. */
export function verifyBackup(root: string): Manifest {
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new BackupError(`${root} is not a backup folder (it does not exist or is not a folder)`);
  if (root.endsWith('.partial')) throw new BackupError(`${root} is an unfinished backup (the backup was interrupted): take a new one`);
  const manifestFile = join(root, MANIFEST);
  if (!existsSync(manifestFile)) throw new BackupError(`${root} is incomplete: it has no ${MANIFEST} (the backup was interrupted, or this is not a Yuqing backup)`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(manifestFile, 'utf8'));
  } catch (error) {
    throw new BackupError(`${manifestFile} is damaged: ${(error as Error).message}`);
  }
  const result = Manifest.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new BackupError(`${manifestFile} is damaged: ${issue.path.join('.') || 'manifest'}: ${issue.message}`);
  }
  for (const entry of result.data.files) {
    if (entry.path.split('/').some((part) => part === '..' || part === '') || entry.path.startsWith('/')) {
      throw new BackupError(`${manifestFile} is damaged: ${entry.path} leaves the backup folder`);
    }
    const file = join(root, entry.path);
    if (!existsSync(file)) throw new BackupError(`${root} is incomplete: ${entry.path} is missing`);
    const size = statSync(file).size;
    if (size !== entry.size) throw new BackupError(`${root} is damaged: ${entry.path} has ${size} bytes, the manifest says ${entry.size}`);
    if (sha256File(file) !== entry.sha256) throw new BackupError(`${root} is damaged: ${entry.path} does not match its checksum`);
  }
  const needed = result.data.temporal === 'embedded-sqlite' ? [TEMPORAL_DB] : (result.data.databases ?? []).map((d) => `${d}.pgdump`);
  if (!needed.length) throw new BackupError(`${manifestFile} is damaged: it names no database`);
  for (const file of needed.map((f) => `${TEMPORAL_PART}/${f}`)) {
    if (!result.data.files.some((f) => f.path === file)) throw new BackupError(`${root} is incomplete: it holds no ${file}`);
  }
  return result.data;
}
