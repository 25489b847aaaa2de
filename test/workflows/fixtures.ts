// Inputs and people for workflow tests: the real default policy with durations shortened through
// the snapshot (SPEC §4 table shape kept), so a lifecycle runs in seconds.
import { randomUUID } from 'node:crypto';
import { currentPolicy } from '../../config/policy';
import type { DeadlineTable, DurationSpec, IncidentFields, IncidentInput, PolicySnapshot, UserRef } from '../../domain/model/schema';
import { IncidentInput as IncidentInputSchema } from '../../domain/model/schema';
import { generateSigningKey } from '../../domain/rules/signature';

export const people = {
  monitor: { id: 'mon', name: '信息员小周', roles: ['monitor'] },
  handler: { id: 'h1', name: '经办小李', roles: ['handler'] },
  office: { id: 'h2', name: '办公室老陈', roles: ['handler'] },
  leader: { id: 'a1', name: '王主任', roles: ['approver'] },
  leader2: { id: 'a2', name: '副主任', roles: ['approver'] },
} satisfies Record<string, UserRef>;

const secs = (amount: number): DurationSpec => ({ amount, unit: 'seconds' });

/** The key the scripted duty team signs with, as the API does; its public half is in every test policy. */
export const TEST_KEY = { keyId: 'test-key-1', ...generateSigningKey() };

/**
 * A worker's settings for the organisation these tests play: it trusts the scripted duty team's key
 * and lets each incident's policy decide on unsigned decisions (the stricter of the two wins).
 */
export const TRUSTS_TEST_KEY = {
  YUQING_TRUSTED_KEYS: JSON.stringify([{ keyId: TEST_KEY.keyId, publicKey: TEST_KEY.publicKey }]),
  YUQING_UNSIGNED_DECISIONS: 'accept-marked',
};

/** Every deadline `seconds` long (default: far beyond a test run), bulletins every `bulletin` s. */
export function fastPolicy(opts: { seconds?: number; bulletin?: number; overrides?: Partial<Record<keyof DeadlineTable, DurationSpec | null>>; continueAsNewAfterEvents?: number } = {}): PolicySnapshot {
  const base = currentPolicy({ now: new Date() });
  const table = Object.fromEntries(
    Object.entries(base.deadlines).map(([kind, perSeverity]) => {
      const override = opts.overrides?.[kind as keyof DeadlineTable];
      const spec = (cur: DurationSpec | null) =>
        override !== undefined ? override : cur && (kind === 'bulletinInterval' ? secs(opts.bulletin ?? 3600) : secs(opts.seconds ?? 3600));
      return [kind, Object.fromEntries(Object.entries(perSeverity).map(([sev, cur]) => [sev, spec(cur as DurationSpec | null)]))];
    }),
  ) as DeadlineTable;
  return {
    ...base,
    deadlines: table,
    continueAsNewAfterEvents: opts.continueAsNewAfterEvents ?? base.continueAsNewAfterEvents,
    signing: { unsignedDecisions: 'reject', keys: [{ keyId: TEST_KEY.keyId, publicKey: TEST_KEY.publicKey }], maxSkewSeconds: 300 },
  };
}

export function fields(overrides: Partial<IncidentFields> = {}): IncidentFields {
  return {
    title: '网传某校食堂饭菜变质',
    summary: '有网民在微博发帖称某校食堂饭菜变质，引发家长关注。',
    sourceUrls: ['https://weibo.example/post/1'],
    channel: 'weibo',
    excerpt: '今天中午的饭菜都馊了',
    discoveredAt: new Date().toISOString(),
    department: '后勤处',
    category: 'inquiry',
    metrics: { views: 100, comments: 5, reposts: 1, mainstreamSites: 0, mainstreamMedia: false },
    sensitive: { topics: [], seriousImpact: false },
    ...overrides,
  };
}

export const METRICS_FOR = {
  general: { views: 100, comments: 5, reposts: 1, mainstreamSites: 0, mainstreamMedia: false },
  significant: { views: 600, comments: 10, reposts: 5, mainstreamSites: 0, mainstreamMedia: false },
  major: { views: 1500, comments: 20, reposts: 20, mainstreamSites: 1, mainstreamMedia: false },
  critical: { views: 5000, comments: 600, reposts: 300, mainstreamSites: 6, mainstreamMedia: true },
} as const;

export function incidentInput(opts: { fields?: Partial<IncidentFields>; policy?: PolicySnapshot } = {}): IncidentInput {
  return IncidentInputSchema.parse({
    incident: fields(opts.fields),
    reporter: people.monitor,
    policy: opts.policy ?? fastPolicy(),
    requestId: randomUUID(),
  });
}
