// The one log format of the worker and the API: a JSON object per line on stdout, so a collector
// (journald, Loki, Docker's json-file) can filter on level, service or workflowId without parsing
// prose. It is also the Temporal SDK's Runtime logger, so the SDK's own lines, workflow and activity
// lines included, come out the same way with their workflow id and run id as fields.
// LOG_FORMAT=text prints the same fields as one readable line for a person at a terminal.
import type { LogLevel, LogMetadata, Logger } from '@temporalio/common';
import { z } from 'zod';
import { ConfigError } from '../config/env';

export const LogFormat = z.enum(['json', 'text']);
export type LogFormat = z.infer<typeof LogFormat>;

const LEVELS: Record<LogLevel, number> = { TRACE: 0, DEBUG: 1, INFO: 2, WARN: 3, ERROR: 4 };

export interface LoggerOptions {
  /** `worker`, `api`: which process wrote the line */
  service: string;
  level: LogLevel;
  format?: LogFormat;
  /** where finished lines go; stdout by default */
  write?: (line: string) => void;
}

export interface AppLogger extends Logger {
  /** the same logger, every line carrying `fields` too */
  child(fields: LogMetadata): AppLogger;
}

export function createLogger(o: LoggerOptions, bound: LogMetadata = {}): AppLogger {
  const write = o.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const min = LEVELS[o.level];
  const log = (level: LogLevel, message: string, meta?: LogMetadata) => {
    if (LEVELS[level] < min) return;
    const fields = normalise({ ...bound, ...meta });
    const time = new Date().toISOString();
    write(
      o.format === 'text'
        ? `${time} ${level.padEnd(5)} [${o.service}] ${message}${Object.entries(fields).map(([k, v]) => ` ${k}=${typeof v === 'string' ? v : JSON.stringify(v, plain)}`).join('')}`
        : JSON.stringify({ time, level: level.toLowerCase(), service: o.service, msg: message, ...fields }, plain),
    );
  };
  return {
    log,
    trace: (m, meta) => log('TRACE', m, meta),
    debug: (m, meta) => log('DEBUG', m, meta),
    info: (m, meta) => log('INFO', m, meta),
    warn: (m, meta) => log('WARN', m, meta),
    error: (m, meta) => log('ERROR', m, meta),
    child: (fields) => createLogger(o, { ...bound, ...fields }),
  };
}

/** LOG_FORMAT, validated like every other setting */
export function logFormat(source: NodeJS.ProcessEnv = process.env): LogFormat {
  const parsed = LogFormat.default('json').safeParse(source.LOG_FORMAT);
  if (!parsed.success) throw new ConfigError(`invalid configuration:\n  LOG_FORMAT: must be one of json, text`);
  return parsed.data;
}

/** `info` (config/env.ts LOG_LEVEL) → `INFO` (the SDK's spelling) */
export const sdkLevel = (level: 'debug' | 'info' | 'warn' | 'error'): LogLevel => level.toUpperCase() as LogLevel;

// The SDK names the run `workflowRunId` on activity lines and `runId` on workflow lines; one name
// lets a single query find both. Its task token is binary noise in a log.
function normalise(meta: LogMetadata): LogMetadata {
  const { workflowRunId, taskToken: _taskToken, ...rest } = meta as LogMetadata & { workflowRunId?: unknown; taskToken?: unknown };
  return workflowRunId !== undefined && rest.runId === undefined ? { ...rest, runId: workflowRunId } : rest;
}

function plain(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  return value;
}
