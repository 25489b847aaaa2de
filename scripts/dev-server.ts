// The embedded Temporal: `temporal server start-dev` on a SQLite file, so incidents survive a
// restart. It is ready when it answers a namespace lookup, not when its port opens; the custom
// search attributes are registered on every start (re-registering existing ones is accepted).
import { chmodSync, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { Connection } from '@temporalio/client';
import { ensurePrivateDir, PRIVATE_FILE } from '../config/data-dir';
import { startChild, type Child } from './processes';

export interface DevServerOptions {
  cli: string;
  dbFile: string;
  ip: string;
  port: number;
  /** its built-in UI's port; none (headless) when the standalone UI server serves the UI instead */
  uiPort?: number;
  namespace: string;
  searchAttributes: Record<string, string>;
  /** the dev server's own log level; `warn` prints a page of noise on every clean shutdown */
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** the API's codec server, so the UI shows decrypted payloads to a signed-in person */
  codecEndpoint?: string;
  readyTimeoutMs?: number;
}

export class DevServerError extends Error {}

export function devServerArgs(o: DevServerOptions): string[] {
  return [
    'server', 'start-dev',
    '--db-filename', o.dbFile,
    // WAL keeps readers (the UI's lists) from blocking the history writes; NORMAL is durable
    // across a crash of the process, which is the failure this file has to survive.
    '--sqlite-pragma', 'journal_mode=WAL',
    '--sqlite-pragma', 'synchronous=NORMAL',
    '--ip', o.ip,
    '--port', String(o.port),
    ...(o.uiPort === undefined ? ['--headless'] : ['--ui-port', String(o.uiPort)]),
    '--namespace', o.namespace,
    '--log-level', o.logLevel,
    ...searchAttributeArgs(o.searchAttributes),
    ...(o.codecEndpoint && o.uiPort !== undefined ? ['--ui-codec-endpoint', o.codecEndpoint] : []),
  ];
}

/** shared with the test servers, so tests register exactly what `npm start` registers */
export function searchAttributeArgs(attributes: Record<string, string>): string[] {
  return Object.entries(attributes).flatMap(([name, type]) => ['--search-attribute', `${name}=${type}`]);
}

export function startDevServer(o: DevServerOptions): Child {
  // the server creates its files with its own (usually 022) umask: the folder keeps them private
  ensurePrivateDir(dirname(o.dbFile));
  // Its stdout is a banner saying "localhost"; the launcher prints the real addresses itself.
  return startChild({ name: 'temporal', command: o.cli, args: devServerArgs(o), onStdout: () => true });
}

/** The database and SQLite's WAL companions, which exist once the server answers. */
function restrictDbFiles(dbFile: string): void {
  for (const file of [dbFile, `${dbFile}-wal`, `${dbFile}-shm`]) if (existsSync(file)) chmodSync(file, PRIVATE_FILE);
}

/** Resolves once the namespace answers; throws an explanation if the server dies or stays silent. */
export async function waitForDevServer(child: Child, o: DevServerOptions): Promise<void> {
  const address = `${o.ip}:${o.port}`;
  const timeoutMs = o.readyTimeoutMs ?? 60_000;
  const deadline = Date.now() + timeoutMs;
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  void child.exited.then((e) => (exit = e));
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (exit) throw explainEarlyExit(child, o, exit);
    try {
      const connection = await Connection.connect({ address, connectTimeout: '1s' });
      try {
        await connection.workflowService.describeNamespace({ namespace: o.namespace });
        restrictDbFiles(o.dbFile);
        return;
      } finally {
        await connection.close();
      }
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new DevServerError(
    `the Temporal dev server did not answer on ${address} within ${timeoutMs / 1000}s ` +
      `(last error: ${lastError instanceof Error ? lastError.message : String(lastError)})`,
  );
}

function explainEarlyExit(
  child: Child,
  o: DevServerOptions,
  exit: { code: number | null; signal: NodeJS.Signals | null },
): DevServerError {
  const stderr = child.stderrTail();
  if (/file is not a database|database disk image is malformed|SQLITE_(CORRUPT|NOTADB)/i.test(stderr)) {
    return new DevServerError(
      `the Temporal database ${o.dbFile} is damaged or not a SQLite file, so the dev server cannot start.\n` +
        `Move it aside and start again (an empty database; restore a backup to keep the old incidents):\n` +
        `  mv ${o.dbFile} ${o.dbFile}.broken   (and ${o.dbFile}-wal, ${o.dbFile}-shm if present)`,
    );
  }
  const busy = /(?:frontend|UI) port (\d+).*address already in use/.exec(stderr);
  if (busy) {
    return new DevServerError(
      `port ${busy[1]} was taken while the Temporal dev server started; stop the program using it, ` +
        `or change TEMPORAL_PORT / TEMPORAL_UI_PORT`,
    );
  }
  const how = exit.signal ? `signal ${exit.signal}` : `code ${exit.code}`;
  return new DevServerError(`the Temporal dev server exited with ${how} before it was ready:\n${stderr}`);
}
