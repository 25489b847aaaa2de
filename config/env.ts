// Settings from the environment, validated once at start-up: a wrong value is reported with its
// variable name and the rule it breaks, and the process stops before doing anything.
import { z } from 'zod';

const port = z.coerce.number().int().min(1).max(65535);

export const EnvSchema = z.object({
  /** an existing cluster; when unset, `npm start` runs the embedded dev server */
  TEMPORAL_ADDRESS: z.string().regex(/^[^\s:]+:\d+$/, 'must be host:port').optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TLS_CERT: z.string().optional(),
  TEMPORAL_TLS_KEY: z.string().optional(),
  TEMPORAL_API_KEY: z.string().optional(),
  TEMPORAL_CLI: z.string().optional(),
  YUQING_TASK_QUEUE: z.string().min(1).default('yuqing-incidents'),
  YUQING_DATA_DIR: z.string().min(1).default('data'),
  YUQING_HOST: z.string().default('127.0.0.1'),
  PORT: port.default(3000),
  TEMPORAL_PORT: port.default(7233),
  TEMPORAL_UI_PORT: port.default(8233),
  /** where people open the Temporal UI; links on the incident page point here */
  TEMPORAL_UI_URL: z.url().optional(),
  /** where people open the web form; links in notifications point here */
  YUQING_PUBLIC_URL: z.url().optional(),
  YUQING_CALENDAR_OVERRIDES: z.string().optional(),
  /** the organisation's own grading, deadlines and escalation chain over the SPEC's (config/policy.example.jsonc) */
  YUQING_POLICY_FILE: z.string().min(1).optional(),
  YUQING_USERS_FILE: z.string().optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  /**
   * incidents a worker keeps in memory between their tasks: about 0.35 MB each early in their life
   * (bench/results), so the default bounds the cache near 0.7 GB, with room for incidents further
   * along, instead of the SDK's share of the heap
   */
  YUQING_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).max(100_000).default(2000),
});
export type Env = z.infer<typeof EnvSchema>;

export class ConfigError extends Error {}

/** Settings checked against their schema; every wrong one is named with its rule, all in one error. */
export function parseSettings<S extends z.ZodType>(schema: S, value: unknown, prefix = ''): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new ConfigError(`invalid configuration:\n${parsed.error.issues.map((i) => `  ${prefix}${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  return parsed.data;
}

export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  return parseSettings(EnvSchema, source);
}

export function temporalAddress(env: Env): string {
  return env.TEMPORAL_ADDRESS ?? `127.0.0.1:${env.TEMPORAL_PORT}`;
}

export function temporalUiUrl(env: Env): string {
  return env.TEMPORAL_UI_URL ?? `http://127.0.0.1:${env.TEMPORAL_UI_PORT}`;
}

export function publicUrl(env: Env): string {
  return env.YUQING_PUBLIC_URL ?? `http://127.0.0.1:${env.PORT}`;
}

/** SPEC §5: registered on the dev server, upserted by the workflow. No personal data in any. */
export const SEARCH_ATTRIBUTES = {
  IncidentSeverity: 'Keyword',
  IncidentStage: 'Keyword',
  IncidentCategory: 'Keyword',
  IncidentDepartment: 'Keyword',
  IncidentDepartmentGrams: 'KeywordList',
  IncidentDeadlineBreached: 'Bool',
  IncidentDiscoveredAt: 'Datetime',
  IncidentNextDeadline: 'Datetime',
  IncidentNextDeadlineKind: 'Keyword',
  IncidentAwaitingRoles: 'KeywordList',
  IncidentDueSoon: 'Bool',
} as const;
