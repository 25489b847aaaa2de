// The real Temporal server (all four services in one process) on PostgreSQL, configured by
// config/temporal/yuqing.yaml through its environment; then the namespace with its retention and
// the search attributes of SPEC §5, created or corrected on every start.
import { Connection, isGrpcServiceError } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startChild, stopChild, type Child } from '../processes';
import { serverPortsEnv, type ServerPorts } from './ports';
import type { PgTarget } from './settings';

export class TemporalServerError extends Error {}

export interface ServerOptions {
  binary: string;
  projectRoot: string;
  ports: ServerPorts;
  pg: PgTarget;
  logLevel: string;
  /** the server's JSON log goes here instead of stdout */
  logFile: string;
}

export const CONFIG_DIR = join('config', 'temporal');
const CONFIG_ENV = 'yuqing';
const STOP_GRACE_MS = 20_000;
const NOT_FOUND = 5;
/** temporal.api.enums.v1.IndexedValueType, by the names config/env.ts SEARCH_ATTRIBUTES uses */
const INDEXED_VALUE_TYPES: Record<string, number> = { Text: 1, Keyword: 2, Int: 3, Double: 4, Bool: 5, Datetime: 6, KeywordList: 7 };

export function serverEnv(o: Omit<ServerOptions, 'binary'>): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ...serverPortsEnv(o.ports),
    YUQING_PG_HOST: o.pg.host,
    YUQING_PG_PORT: String(o.pg.port),
    YUQING_PG_USER: o.pg.user,
    YUQING_PG_PASSWORD: o.pg.password,
    YUQING_PG_DATABASE: o.pg.database,
    YUQING_PG_VISIBILITY_DATABASE: o.pg.visibilityDatabase,
    TEMPORAL_LOG_LEVEL: o.logLevel,
    TEMPORAL_LOG_FILE: o.logFile,
    TEMPORAL_DYNAMIC_CONFIG: join(o.projectRoot, CONFIG_DIR, 'dynamicconfig.yaml'),
  };
}

export function serverArgs(projectRoot: string, command: string[] = ['start']): string[] {
  return ['--root', projectRoot, '--config', CONFIG_DIR, '--env', CONFIG_ENV, '--allow-no-auth', ...command];
}

export function startTemporalServer(o: ServerOptions): Child {
  mkdirSync(dirname(o.logFile), { recursive: true });
  return startChild({ name: 'temporal', command: o.binary, args: serverArgs(o.projectRoot), env: serverEnv(o) });
}

export const stopTemporalServer = (child: Child) => stopChild(child, STOP_GRACE_MS);

/**
 * Ready means the system namespace answers: by then the server has read its config, reached
 * PostgreSQL and taken its shards. Throws with the server's last lines if it dies first.
 */
export async function waitForTemporalServer(child: Child, address: string, logFile: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  void child.exited.then((e) => (exit = e));
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (exit) {
      throw new TemporalServerError(`the Temporal server exited (${exit.signal ?? `code ${exit.code}`}) before it was ready:\n${child.stderrTail()}\n${logTail(logFile)}`);
    }
    try {
      await withConnection(address, (c) => c.workflowService.describeNamespace({ namespace: 'temporal-system' }));
      return;
    } catch (error) {
      lastError = error;
      await sleep(250);
    }
  }
  throw new TemporalServerError(`the Temporal server did not answer on ${address} within ${timeoutMs / 1000}s (${String(lastError)})\n${logTail(logFile)}`);
}

function logTail(logFile: string): string {
  const lines = existsSync(logFile) ? readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-10) : [];
  return `the end of its log (${logFile}):\n${lines.join('\n')}`;
}

export interface NamespaceOptions {
  address: string;
  namespace: string;
  retentionHours: number;
  /** name → Keyword | Bool | Datetime …, as in config/env.ts SEARCH_ATTRIBUTES */
  searchAttributes: Record<string, string>;
  log: (line: string) => void;
}

/** Registers the namespace or brings its retention in line; adds missing search attributes. */
export async function ensureNamespace(o: NamespaceOptions): Promise<void> {
  await withConnection(o.address, async (c) => {
    const retention = msToTs(o.retentionHours * 3_600_000);
    const existing = await c.workflowService.describeNamespace({ namespace: o.namespace }).catch((error: unknown) => {
      if (isGrpcServiceError(error) && error.code === NOT_FOUND) return undefined;
      throw error;
    });
    if (!existing) {
      await c.workflowService.registerNamespace({ namespace: o.namespace, workflowExecutionRetentionPeriod: retention });
      o.log(`  namespace ${o.namespace} registered (retention ${o.retentionHours / 24} days)`);
      await untilNamespaceKnown(c, o.namespace);
    } else if (Number(existing.config?.workflowExecutionRetentionTtl?.seconds ?? 0) !== o.retentionHours * 3600) {
      await c.workflowService.updateNamespace({ namespace: o.namespace, config: { workflowExecutionRetentionTtl: retention } });
      o.log(`  namespace ${o.namespace}: retention set to ${o.retentionHours / 24} days`);
    }
    const { customAttributes } = await c.operatorService.listSearchAttributes({ namespace: o.namespace });
    const missing: Record<string, number> = {};
    for (const [name, type] of Object.entries(o.searchAttributes)) {
      const wanted = indexedValueType(type);
      const have = customAttributes?.[name];
      if (have === undefined || have === null) missing[name] = wanted;
      else if (have !== wanted) {
        const actual = Object.keys(INDEXED_VALUE_TYPES).find((k) => INDEXED_VALUE_TYPES[k] === have) ?? String(have);
        throw new TemporalServerError(`search attribute ${name} exists in namespace ${o.namespace} as ${actual}; Yuqing needs ${type}`);
      }
    }
    if (Object.keys(missing).length) {
      await c.operatorService.addSearchAttributes({ namespace: o.namespace, searchAttributes: missing });
      o.log(`  search attributes added: ${Object.keys(missing).join(', ')}`);
    }
  });
}

function indexedValueType(type: string): number {
  const value = INDEXED_VALUE_TYPES[type];
  if (value === undefined) throw new TemporalServerError(`unknown search attribute type ${type}`);
  return value;
}

/** A new namespace reaches the frontend's cache within its refresh interval (10 s by default). */
async function untilNamespaceKnown(c: Connection, namespace: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      await c.operatorService.listSearchAttributes({ namespace });
      return;
    } catch (error) {
      if (!(isGrpcServiceError(error) && error.code === NOT_FOUND) || Date.now() > deadline) throw error;
      await sleep(250);
    }
  }
}

async function withConnection<T>(address: string, use: (c: Connection) => Promise<T>): Promise<T> {
  const connection = await Connection.connect({ address, connectTimeout: '2s' });
  try {
    return await use(connection);
  } finally {
    await connection.close();
  }
}
