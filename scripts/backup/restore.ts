// Restores a backup into the data folder: never over a running `npm start` (its record in the data
// folder says so), never from a backup that fails its manifest. The backup is unpacked next to the
// data folder first and swapped in by renames; the folder it replaces is kept beside it, not deleted.
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PRIVATE_DIR } from '../../config/data-dir';
import { stillRunning } from '../leftovers';
import { BackupError, DATA_PART, TEMPORAL_PART, verifyBackup } from './manifest';

export interface RestoreOptions {
  from: string;
  dataDir: string;
  now?: Date;
  log: (line: string) => void;
}

/** Returns where the replaced data folder was moved, if there was one. */
export function restoreBackup(o: RestoreOptions): { replaced?: string } {
  const running = stillRunning(o.dataDir);
  if (running.launcher !== undefined || running.children.length) {
    const what = running.launcher !== undefined ? `the launcher (pid ${running.launcher})` : running.children.map((c) => `the ${c.name} (pid ${c.pid})`).join(', ');
    throw new BackupError(`Yuqing is running on ${o.dataDir}: ${what}. Stop it (Ctrl-C in its terminal) before restoring; nothing was changed`);
  }
  const manifest = verifyBackup(o.from);
  o.log(`${o.from}: ${manifest.files.length} files, taken ${manifest.createdAt}, checksums verified`);

  const staging = `${o.dataDir}.restoring-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true, mode: PRIVATE_DIR });
  try {
    for (const { path } of manifest.files) {
      const [part, ...rest] = path.split('/');
      if (part !== DATA_PART && part !== TEMPORAL_PART) continue;
      const target = join(staging, ...rest);
      mkdirSync(dirname(target), { recursive: true, mode: PRIVATE_DIR });
      copyFileSync(join(o.from, path), target);
    }
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  let replaced: string | undefined;
  if (existsSync(o.dataDir) && readdirSync(o.dataDir).length) {
    replaced = `${o.dataDir}.before-restore-${(o.now ?? new Date()).toISOString().replace(/\.\d+Z$/, 'Z').replace(/[-:]/g, '')}`;
    renameSync(o.dataDir, replaced);
  } else {
    rmSync(o.dataDir, { recursive: true, force: true });
  }
  renameSync(staging, o.dataDir);
  chmodSync(o.dataDir, PRIVATE_DIR);
  o.log(`restored into ${o.dataDir}${replaced ? `; what was there is now in ${replaced}` : ''}. \`npm start\` continues the incidents of the backup`);
  return { replaced };
}
