// `npm run backup [-- --to <folder>]`: a consistent copy of the embedded Temporal database and the
// whole data folder (documents, ledger, keys), in one folder named with the time (scripts/backup/).
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadEnv } from '../config/env';
import { BackupError } from './backup/manifest';
import { takeBackup } from './backup/take';

try {
  const { values } = parseArgs({ options: { to: { type: 'string', default: 'backups' } }, strict: true });
  const env = loadEnv();
  takeBackup({ dataDir: resolve(env.YUQING_DATA_DIR), into: resolve(values.to!), log: (line) => console.log(line) });
} catch (error) {
  const known = error instanceof BackupError || error instanceof ConfigError || (error as NodeJS.ErrnoException).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION';
  console.error(known ? (error as Error).message : error);
  if (!known) console.error('usage: npm run backup [-- --to <folder>]');
  process.exit(1);
}
