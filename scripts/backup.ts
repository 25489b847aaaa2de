// `npm run backup [-- --to <folder>] [--cluster]`: a consistent copy of Temporal's state (the
// embedded database, or with --cluster the PostgreSQL of `npm run cluster`) and the whole data
// folder (documents, ledger, keys), in one folder named with the time (scripts/backup/).
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadEnv } from '../config/env';
import { BackupError } from './backup/manifest';
import { loadClusterEnv } from './cluster/settings';
import { takeBackup } from './backup/take';

try {
  const { values } = parseArgs({ options: { to: { type: 'string', default: 'backups' }, cluster: { type: 'boolean', default: false } }, strict: true });
  const env = loadEnv();
  const cluster = values.cluster ? loadClusterEnv() : undefined;
  await takeBackup({ dataDir: resolve(env.YUQING_DATA_DIR), into: resolve(values.to!), cluster, log: (line) => console.log(line) });
} catch (error) {
  const usage = (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS') ?? false;
  console.error(usage || error instanceof BackupError || error instanceof ConfigError ? (error as Error).message : error);
  if (usage) console.error('usage: npm run backup [-- --to <folder>] [--cluster]');
  process.exit(1);
}
