// The organisation's own plan (SPEC §3, §4): plans grade and time differently (篇十八 puts 一般
// under 50 reads, 篇二十 counts in thousands), so the file named by YUQING_POLICY_FILE sets what the
// organisation's plan says and the SPEC's values stand for the rest. Its version, with a hash of the
// rules it yields, goes into every incident's snapshot: each history says which rules it ran under.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { PolicySnapshot } from '../domain/model/schema';
import { checkConfigFile, type FileKind, parseConfigFile, readConfigFile, rejectConfigFile } from './config-file';
import { ConfigError } from './env';
import type { JsonDocument } from './jsonc';
import { POLICY_CHECKS } from './policy-checks';

/**
 * What the organisation may set, and how far down a file's value merges into the default: at 0 the
 * file's value replaces the default whole, at 1 each of its entries does, at 2 each entry's entries.
 * A policy field added to PolicySnapshot becomes settable with one line here; its default comes from
 * its schema's .default() or, for the tables, config/policy.ts.
 */
export const TUNABLE = {
  /** one threshold of one grade */
  grading: 2,
  /** one severity of one deadline: a whole duration, or null where it does not apply */
  deadlines: 2,
  escalationChain: 0,
  /** one grade's list; a list replaces the default whole */
  reportRecipients: 2,
  reminders: 1,
  /** 演练: how far a drill's deadlines are compressed */
  drill: 1,
} as const satisfies { [K in keyof PolicySnapshot]?: number };

type TunableKey = keyof typeof TUNABLE;
const TUNABLE_KEYS = Object.keys(TUNABLE) as TunableKey[];

/** The part of the snapshot the file sets, checked with the snapshot's own rules. */
export const Tunables = PolicySnapshot.pick(Object.fromEntries(TUNABLE_KEYS.map((k) => [k, true])) as { [K in TunableKey]: true });
export type Tunables = z.infer<typeof Tunables>;

/** A field's schema as the file writes it: partial `depth` levels down, whole below, no unknown field anywhere. */
function asWritten(schema: z.ZodType, depth: number): z.ZodType {
  if (schema instanceof z.ZodDefault && depth > 0) return asWritten(schema.unwrap() as z.ZodType, depth);
  if (schema instanceof z.ZodNullable) return asWritten(schema.unwrap() as z.ZodType, depth).nullable();
  if (!(schema instanceof z.ZodObject)) return schema;
  const shape = Object.fromEntries(
    Object.entries(schema.shape as Record<string, z.ZodType>).map(([k, s]) => [k, depth > 0 ? asWritten(s, depth - 1).optional() : asWritten(s, 0)]),
  );
  return z.strictObject(shape);
}

const PolicyFile = z.strictObject({
  /** the organisation's name for this edition of its rules */
  version: z
    .string()
    .regex(/^[\p{L}\p{N}._-]{1,40}$/u, 'must be 1 to 40 letters, digits, dots, underscores or hyphens / 须为 1 至 40 个字母、数字、点、底线或连字号'),
  /** for people: where the rules come from (the plan's title and date) */
  note: z.string().optional(),
  ...Object.fromEntries(TUNABLE_KEYS.map((k) => [k, asWritten(PolicySnapshot.shape[k], TUNABLE[k]).optional()])),
});

export class PolicyFileError extends ConfigError {}

const KIND: FileKind = { variable: 'YUQING_POLICY_FILE', en: 'policy file', zh: '政策档案', error: PolicyFileError };

export interface OrganisationPolicy {
  /** the snapshot's version: the defaults' edition, the file's own, and a hash of the rules in force */
  version: string;
  policy: Tunables;
}

/** The file's values over the defaults, `depth` levels down (TUNABLE); a list or a null replaces. */
function merge(base: unknown, over: unknown, depth: number): unknown {
  if (over === undefined) return base;
  const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (depth === 0 || !isObject(base) || !isObject(over)) return over;
  return Object.fromEntries(Object.keys({ ...base, ...over }).map((k) => [k, merge(base[k], over[k], depth - 1)]));
}

function organisationPolicy(file: string, doc: JsonDocument, defaults: Tunables, baseVersion: string): OrganisationPolicy {
  const written = checkConfigFile(KIND, file, doc, PolicyFile) as { version: string } & Partial<Record<TunableKey, unknown>>;
  const merged = Object.fromEntries(TUNABLE_KEYS.map((k) => [k, merge(defaults[k], written[k], TUNABLE[k])]));
  // the snapshot's own rules on what the file and the defaults make together
  const policy = checkConfigFile(KIND, file, doc, Tunables, merged);
  const problems = POLICY_CHECKS.flatMap((check) => check(policy));
  if (problems.length) rejectConfigFile(KIND, file, doc, problems);
  const hash = createHash('sha256').update(JSON.stringify(policy)).digest('hex').slice(0, 12);
  return { version: `${baseVersion}+${written.version}@${hash}`, policy };
}

export function parsePolicyFile(raw: string, file: string, defaults: Tunables, baseVersion: string): OrganisationPolicy {
  return organisationPolicy(file, parseConfigFile(KIND, file, raw), defaults, baseVersion);
}

export function loadPolicyFile(file: string, defaults: Tunables, baseVersion: string): OrganisationPolicy {
  return organisationPolicy(file, readConfigFile(KIND, file), defaults, baseVersion);
}
