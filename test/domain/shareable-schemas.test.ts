// The workflow bundle preloads domain/model/schema.ts (workers/bundle.ts): one copy per worker thread,
// with zod itself, deep-frozen by the SDK and shared by every cached workflow. This freezes the
// module and zod the way the SDK does and checks that the decisions still parse, and as before;
// a zod that writes somewhere new when parsing fails here rather than as stalled workflow tasks.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as decisionFields from '../../domain/decisions/fields';
import * as decisionsModule from '../../domain/decisions/index';
import * as schema from '../../domain/model/schema';

/** The SDK's own deepFreeze (private to @temporalio/worker lib/workflow/reusable-vm.js). */
function deepFreeze(object: unknown, visited = new WeakSet<object>()): unknown {
  if (object === null || (typeof object !== 'object' && typeof object !== 'function') || visited.has(object)) return object;
  visited.add(object);
  if (Object.isFrozen(object)) return object;
  if (typeof object === 'object') {
    for (const name of Reflect.ownKeys(object)) {
      const value = (object as Record<PropertyKey, unknown>)[name];
      try {
        if (value && (typeof value === 'object' || typeof value === 'function')) deepFreeze(value, visited);
      } catch {
        // as in the SDK: some objects cannot be frozen (a module namespace, a typed array)
      }
    }
  }
  return Object.freeze(object);
}

const by = { id: 'h1', name: '经办', roles: ['handler'] };
/** the fields of every decision at once, valid wherever the decisions agree */
const everything = {
  by,
  confirm: true, category: 'inquiry', severity: 'major', title: '标题', reason: '理由', channel: 'written', to: '县委宣传部',
  approve: true, plan: '方案', comment: '', verdict: 'partial', facts: '事实', evidence: ['https://example.org/e'], accept: false,
  kind: 'reply', description: '说明', content: '内容', body: '正文', channels: ['微博'], releaseNo: 2, lessons: '经验',
  metrics: { views: 10 }, keyId: 'k2', publicKey: 'ab'.repeat(32), note: '上级要求即报', responseNo: 1,
  measures: '措施', messageLine: '口径', assignments: [{ who: '后勤处', task: '整改' }], publicationPlan: '计划',
  recipients: ['partyOffice', 'other'], otherRecipient: '县委办', document: 'bulletin', bulletinNo: 3, department: '后勤处',
  auth: { keyId: 'k1', issuedAt: '2026-11-24T02:00:00Z', nonce: 'nonce-0001', signature: 'cd'.repeat(64) },
};
const INPUTS = [
  undefined, 'text', {}, { by }, everything,
  { ...everything, by: { ...by, roles: [] }, evidence: ['not a url'], publicKey: 'AB', kind: 'statement' },
  { ...everything, auth: { ...everything.auth, issuedAt: 'yesterday', signature: 'xyz' } },
];
const decisions = decisionsModule.DECISION_NAMES.map((name) => decisionsModule.DECISIONS[name].schema);
// reviews name a draft by its hash: the pattern the frozen schemas test must still be writable
const drafts = ['ab'.repeat(32), 'not a hash'].map((draftHash) => ({ ...everything, draftHash }));
// parsed as admission parses them, with the input in each issue (domain/rules/issue-words.ts)
const answers = () => [schema.DecisionEnvelope, ...decisions].map((s) => [...INPUTS, ...drafts].map((input) => s.safeParse(input, { reportInput: true })).map((r) => (r.success ? r.data : r.error.issues)));

describe('domain/model/schema.ts and domain/decisions as preloaded modules', () => {
  it('freezes every schema it exports as it loads', () => {
    const records = Object.entries(schema).filter(([, value]) => value instanceof z.ZodType);
    const specs = Object.entries(decisionsModule.DECISIONS).flatMap(([name, d]) => [[`${name}.fields`, d.fields], [`${name}.schema`, d.schema]] as const);
    expect([...records, ...specs].filter(([, value]) => !Object.isFrozen(value)).map(([name]) => name)).toEqual([]);
  });

  it('parses decisions as before once the SDK has frozen it and zod', () => {
    const before = answers();
    for (const exports of [schema, decisionsModule, decisionFields, z, z.core]) deepFreeze({ exports });
    expect(Object.isFrozen(z.regexes.date)).toBe(true);
    expect(answers()).toEqual(before);
  });
});
