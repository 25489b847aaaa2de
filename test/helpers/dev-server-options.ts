// A dev server as `npm start` runs it (same CLI, search attributes, quiet log), on a file database
// and free loopback ports: for tests that kill and restart the server itself.
import { SEARCH_ATTRIBUTES } from '../../config/env';
import type { DevServerOptions } from '../../scripts/dev-server';
import { resolveTemporalCli } from '../../scripts/temporal-cli';
import { freePort } from './ports';

export async function fileDevServerOptions(dbFile: string, log: (line: string) => void = () => {}): Promise<DevServerOptions> {
  const { path } = await resolveTemporalCli({ env: process.env, log });
  return {
    cli: path,
    dbFile,
    ip: '127.0.0.1',
    port: await freePort(),
    uiPort: await freePort(),
    namespace: 'default',
    searchAttributes: SEARCH_ATTRIBUTES,
    logLevel: 'error',
  };
}
