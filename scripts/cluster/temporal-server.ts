// The real Temporal server (all four services in one process) on PostgreSQL, configured by
// config/temporal/yuqing.yaml through its environment; then the namespace with its retention and
// the search attributes of SPEC §5, created or corrected on every start.
import { isGrpcServiceError } from '@temporalio/client';
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { temporal } from '@temporalio/proto';
import { join } from 'node:path';
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
  /** stdout lines are the server's JSON log; true swallows one (tests keep their output short) */
  onLog?: (line: string) => boolean;
}

export const CONFIG_DIR = join('config', 'temporal');
const CONFIG_ENV = 'yuqing';
const STOP_GRACE_MS = 20_000;
const NOT_FOUND = 5;

export function serverEnv(o: Pick<ServerOptions, 'projectRoot' | 'ports' | 'pg' | 'logLevel'>): NodeJS.ProcessEnv {
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
    TEMPORAL_DYNAMIC_CONFIG: join(o.projectRoot, CONFIG_DIR, 'dynamicconfig.yaml'),
  };
}

export function serverArgs(projectRoot: string, command: string[] = ['start']): string[] {
  return ['--root', projectRoot, '--config', CONFIG_DIR, '--env', CONFIG_ENV, '--allow-no-auth', ...command];
}

export function startTemporalServer(o: ServerOptions): Child {
  return startChild({ name: 'temporal', command: o.binary, args: serverArgs(o.projectRoot), env: serverEnv(o), onStdout: o.onLog });
}

export const stopTemporalServer = (child: Child) => stopChild(child, STOP_GRACE_MS);

/**
 * Ready means the system namespace answers: by then the server has read its config, reached
 * PostgreSQL and taken its shards. Throws with the server's last lines if it dies first.
 */
export async function waitForTemporalServer(child: Child, address: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  void child.exited.then((e) => (exit = e));
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (exit) {
      throw new TemporalServerError(`the Temporal server exited (${exit.signal ?? `code ${exit.code}`}) before it was ready:\n${child.stderrTail()}`);
    }
    try {
      await withConnection(address, (c) => c.workflowService.describeNamespace({ namespace: 'temporal-system' }));
      return;
    } catch (error) {
      lastError = error;
      await sleep(250);
    }
  }
  throw new TemporalServerError(`the Temporal server did not answer on ${address} within ${timeoutMs / 1000}s (${String(lastError)})`);
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
    } else if (Number(existing.config?.workflowExecutionRetentionTtl?.seconds ?? 0) !== o.retentionHours * 3600) {
      await c.workflowService.updateNamespace({ namespace: o.namespace, config: { workflowExecutionRetentionTtl: retention } });
      o.log(`  namespace ${o.namespace}: retention set to ${o.retentionHours / 24} days`);
    }
    const { customAttributes } = await c.operatorService.listSearchAttributes({ namespace: o.namespace });
    const missing: Record<string, temporal.api.enums.v1.IndexedValueType> = {};
    for (const [name, type] of Object.entries(o.searchAttributes)) {
      const wanted = indexedValueType(type);
      const have = customAttributes?.[name];
      if (have === undefined || have === null) missing[name] = wanted;
      else if (have !== wanted) {
        throw new TemporalServerError(`search attribute ${name} exists in namespace ${o.namespace} with another type (${temporal.api.enums.v1.IndexedValueType[have]}); Yuqing needs ${type}`);
      }
    }
    if (Object.keys(missing).length) {
      await c.operatorService.addSearchAttributes({ namespace: o.namespace, searchAttributes: missing });
      o.log(`  search attributes added: ${Object.keys(missing).join(', ')}`);
    }
  });
}

function indexedValueType(type: string): temporal.api.enums.v1.IndexedValueType {
  const key = `INDEXED_VALUE_TYPE_${type.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase()}` as keyof typeof temporal.api.enums.v1.IndexedValueType;
  const value = temporal.api.enums.v1.IndexedValueType[key];
  if (typeof value !== 'number') throw new TemporalServerError(`unknown search attribute type ${type}`);
  return value;
}

async function withConnection<T>(address: string, use: (c: Connection) => Promise<T>): Promise<T> {
  const connection = await Connection.connect({ address, connectTimeout: '2s' });
  try {
    return await use(connection);
  } finally {
    await connection.close();
  }
}
