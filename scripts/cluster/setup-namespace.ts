// docker-compose.yml's namespace step: the registration `npm run cluster` does after the server
// starts (namespace, retention, search attributes), run from the Yuqing image against the
// compose network's server, retried while that server is still starting.
import { setTimeout as sleep } from 'node:timers/promises';
import { ConfigError, loadEnv, SEARCH_ATTRIBUTES, temporalAddress } from '../../config/env';
import { loadClusterEnv } from './settings';
import { ensureNamespace } from './temporal-server';

const TIMEOUT_MS = 180_000;

try {
  const env = loadEnv();
  const settings = loadClusterEnv();
  const address = temporalAddress(env);
  const deadline = Date.now() + TIMEOUT_MS;
  for (let attempt = 1; ; attempt++) {
    try {
      await ensureNamespace({ address, namespace: env.TEMPORAL_NAMESPACE, retentionHours: settings.YUQING_NAMESPACE_RETENTION, searchAttributes: SEARCH_ATTRIBUTES, log: (line) => console.log(line) });
      console.log(`namespace ${env.TEMPORAL_NAMESPACE} ready on ${address}`);
      break;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      if (attempt % 10 === 1) console.log(`waiting for the Temporal server at ${address} (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
      await sleep(2_000);
    }
  }
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
