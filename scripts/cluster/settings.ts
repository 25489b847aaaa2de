// The cluster's own settings, on top of config/env.ts: where PostgreSQL is, how long closed
// incidents stay in Temporal, and how the Temporal UI is exposed. Validated before anything starts;
// a wrong value is named with its variable and rule.
import { z } from 'zod';
import { parseSettings } from '../../config/env';

const flag = z.enum(['true', 'false']).default('false').transform((v) => v === 'true');

export interface PgTarget {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  /** Temporal keeps visibility (the lists and search attributes) in a database of its own */
  visibilityDatabase: string;
}

const pgUrl = z
  .url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres://user:password@host:port/database URL' })
  .transform((text, ctx): PgTarget => {
    const url = new URL(text);
    if (!url.username) ctx.addIssue({ code: 'custom', message: 'must name a user (postgres://user:password@host/…)' });
    const database = decodeURIComponent(url.pathname.replace(/^\//, '')) || 'temporal';
    return {
      host: url.hostname.replace(/^\[|\]$/g, ''),
      port: Number(url.port || 5432),
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
      database,
      visibilityDatabase: `${database}_visibility`,
    };
  });

/** "60d" or "720h" → hours; Temporal refuses a retention under one day */
const retention = z
  .string()
  .regex(/^\d+[dh]$/, 'must be a whole number of days or hours, e.g. 60d or 720h')
  .transform((v) => Number(v.slice(0, -1)) * (v.endsWith('d') ? 24 : 1))
  .refine((hours) => hours >= 24, 'must be at least 1 day (24h)');

export const ClusterEnvSchema = z
  .object({
    /** an existing PostgreSQL; when unset a private one is initialised under <data>/pg */
    YUQING_PG_URL: pgUrl.optional(),
    /** the folder with initdb, postgres and pg_isready, when they are not in the usual places */
    YUQING_PG_BIN: z.string().min(1).optional(),
    /** PostgreSQL refuses to run as root: the account that runs the private one when we are root */
    YUQING_PG_OS_USER: z.string().min(1).default('postgres'),
    YUQING_NAMESPACE_RETENTION: retention.default(60 * 24),
    /** the Temporal server's own log level (its lines are JSON) */
    TEMPORAL_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('warn'),
    /** read-only Temporal UI: no signal, cancel, terminate or reset from the UI */
    TEMPORAL_DISABLE_WRITE_ACTIONS: flag,
    TEMPORAL_AUTH_ENABLED: flag,
    TEMPORAL_AUTH_PROVIDER_URL: z.url().optional(),
    TEMPORAL_AUTH_ISSUER_URL: z.url().optional(),
    TEMPORAL_AUTH_CLIENT_ID: z.string().min(1).optional(),
    TEMPORAL_AUTH_CLIENT_SECRET: z.string().min(1).optional(),
    TEMPORAL_AUTH_CALLBACK_URL: z.url().optional(),
    TEMPORAL_AUTH_SCOPES: z.string().regex(/^[\w:.-]+(,[\w:.-]+)*$/, 'must be a comma-separated list of scopes').optional(),
    TEMPORAL_CODEC_ENDPOINT: z.url().optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.TEMPORAL_AUTH_ENABLED) return;
    for (const key of ['TEMPORAL_AUTH_PROVIDER_URL', 'TEMPORAL_AUTH_CLIENT_ID', 'TEMPORAL_AUTH_CLIENT_SECRET', 'TEMPORAL_AUTH_CALLBACK_URL'] as const) {
      if (!v[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'is required when TEMPORAL_AUTH_ENABLED=true' });
    }
  });
export type ClusterEnv = z.infer<typeof ClusterEnvSchema>;

export function loadClusterEnv(source: NodeJS.ProcessEnv = process.env): ClusterEnv {
  return parseSettings(ClusterEnvSchema, source);
}

/**
 * The UI's settings, passed on under the names the UI config (and the temporalio/ui image) reads.
 * An explicit TEMPORAL_CODEC_ENDPOINT wins over the API's own; the browser sends its Yuqing session
 * cookie along, which is how the codec server knows the person.
 */
export function uiSettingsEnv(env: ClusterEnv, codecEndpoint?: string): Record<string, string> {
  const pass = [
    'TEMPORAL_AUTH_PROVIDER_URL',
    'TEMPORAL_AUTH_ISSUER_URL',
    'TEMPORAL_AUTH_CLIENT_ID',
    'TEMPORAL_AUTH_CLIENT_SECRET',
    'TEMPORAL_AUTH_CALLBACK_URL',
    'TEMPORAL_AUTH_SCOPES',
  ] as const;
  const out: Record<string, string> = {
    TEMPORAL_DISABLE_WRITE_ACTIONS: String(env.TEMPORAL_DISABLE_WRITE_ACTIONS),
    TEMPORAL_AUTH_ENABLED: String(env.TEMPORAL_AUTH_ENABLED),
  };
  for (const key of pass) if (env[key]) out[key] = env[key];
  const codec = env.TEMPORAL_CODEC_ENDPOINT ?? codecEndpoint;
  if (codec) Object.assign(out, codecUiSettings(codec));
  return out;
}

/**
 * The standalone UI's codec settings: the endpoint, called with the browser's cookies, so a person
 * signed in to Yuqing reads decoded histories with nothing to set up (the dev server's built-in UI
 * has no such setting, only a per-browser switch).
 */
export function codecUiSettings(endpoint: string): Record<string, string> {
  return { TEMPORAL_CODEC_ENDPOINT: endpoint, TEMPORAL_CODEC_INCLUDE_CREDENTIALS: 'true' };
}
