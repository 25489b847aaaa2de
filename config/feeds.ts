// Intake settings: the department an alert goes to when its sender names none (the API), and the
// feed watcher's file named by YUQING_FEEDS_CONFIG (the worker): which RSS/Atom/JSON feeds to poll,
// how often, which keywords make an item ours and for which department, and how to reach the
// intake API. Like the notify file it holds no secret: the intake token is named by environment
// variable or file and read once when the worker starts.
import { dirname, resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { Channel } from '../domain/model/schema';
import { ConfigError, parseSettings, publicUrl, type Env } from './env';
import { readSecretFile, SecretRef } from './notify-file';

/** SPEC §2: the office (办公室) grades an item and forwards it; an alert waits there until 研判. */
export const DEFAULT_INTAKE_DEPARTMENT = '办公室';

const IntakeEnv = z.object({
  YUQING_INTAKE_DEPARTMENT: z.string().trim().min(1).max(100).default(DEFAULT_INTAKE_DEPARTMENT),
  YUQING_FEEDS_CONFIG: z.string().min(1).optional(),
});

function intakeEnv(source: NodeJS.ProcessEnv) {
  return parseSettings(IntakeEnv, source);
}

export function loadIntakeDepartment(source: NodeJS.ProcessEnv = process.env): string {
  return intakeEnv(source).YUQING_INTAKE_DEPARTMENT;
}

const keyword = z.string().trim().min(1).max(100);

const FeedsFile = z.strictObject({
  /** how often the Schedule polls every feed */
  intervalMinutes: z.number().int().min(1).max(1440).default(10),
  /** an item published longer ago than this is history, not news (an undated item is taken) */
  maxAgeHours: z.number().positive().max(24 * 366).default(72),
  intake: z.strictObject({
    /** the API as the worker reaches it; YUQING_PUBLIC_URL (or the local API) by default */
    apiUrl: z.url({ protocol: /^https?$/ }).optional(),
    /** the API token of a user with the `intake` role */
    token: SecretRef,
  }),
  feeds: z
    .array(
      z.strictObject({
        name: z.string().regex(/^[\w-]{1,40}$/, 'feed names are letters, digits, _ and -'),
        url: z.url({ protocol: /^https?$/ }),
        channel: Channel.default('news'),
        /** how incidents name where the item came from; `订阅源 <name>` by default */
        sourceSystem: z.string().trim().min(1).max(100).optional(),
        timeoutSeconds: z.number().int().min(1).max(300).default(20),
        /** 演练: a practice feed, its matches posted as drills; the intake account must be in the policy's drill.fromIntake */
        drill: z.boolean().default(false),
      }),
    )
    .min(1)
    .refine((feeds) => new Set(feeds.map((f) => f.name)).size === feeds.length, 'feed names must be unique'),
  /**
   * In order; the first rule an item matches names its department. A keyword of several words
   * separated by spaces matches when all of them appear; Traditional and Simplified count as one.
   */
  rules: z
    .array(
      z.strictObject({
        department: z.string().trim().min(1).max(100),
        include: z.array(keyword).min(1),
        exclude: z.array(keyword).default([]),
      }),
    )
    .min(1),
});
type FeedsFile = z.infer<typeof FeedsFile>;

export type FeedSpec = FeedsFile['feeds'][number];

export interface FeedsConfig extends Omit<FeedsFile, 'intake'> {
  intake: { apiUrl: string; token: string };
}

const fail = (path: string, problems: string[]) =>
  new ConfigError(`invalid configuration:\n${problems.map((p) => `  YUQING_FEEDS_CONFIG (${path}) ${p}`).join('\n')}`);

function readFeedsFile(path: string, source: NodeJS.ProcessEnv, defaultApiUrl: string): FeedsConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw fail(path, [`cannot be read as JSON: ${(err as Error).message}`]);
  }
  const parsed = FeedsFile.safeParse(raw);
  if (!parsed.success) throw fail(path, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  const { intake, ...rest } = parsed.data;
  const problems: string[] = [];
  const ref = intake.token;
  const token = ('env' in ref ? source[ref.env] : readSecretFile(resolve(dirname(path), ref.file), 'intake.token', problems))?.trim();
  if ('env' in ref && !token) problems.push(`intake.token: environment variable ${ref.env} is not set`);
  if (problems.length || !token) throw fail(path, problems);
  return { ...rest, intake: { apiUrl: (intake.apiUrl ?? defaultApiUrl).replace(/\/+$/, ''), token } };
}

/** The feed watcher's settings, or undefined when no feeds are configured (then no Schedule runs). */
export function loadFeedsConfig(env: Env, source: NodeJS.ProcessEnv = process.env): FeedsConfig | undefined {
  const path = intakeEnv(source).YUQING_FEEDS_CONFIG;
  if (!path) return undefined;
  return readFeedsFile(resolve(path), source, publicUrl(env));
}
