// `npm run restore -- <backup folder>`: the data folder as the backup has it, refused while Yuqing
// runs on that folder or when the backup is incomplete or damaged (scripts/backup/).
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadEnv } from '../config/env';
import { BackupError } from './backup/manifest';
import { restoreBackup } from './backup/restore';
import { loadClusterEnv } from './cluster/settings';

const USAGE = 'usage: npm run restore -- <backup folder>   (a yuqing-backup-… folder made by npm run backup)';

try {
  const { positionals } = parseArgs({ allowPositionals: true, strict: true });
  if (positionals.length !== 1) throw new BackupError(USAGE);
  const env = loadEnv();
  await restoreBackup({ from: resolve(positionals[0]!), dataDir: resolve(env.YUQING_DATA_DIR), cluster: loadClusterEnv(), log: (line) => console.log(line) });
} catch (error) {
  const known = error instanceof BackupError || error instanceof ConfigError;
  console.error(known ? (error as Error).message : error);
  process.exit(1);
}
