// The organisation's policy file (SPEC §3, §4): set only what the plan changes, the SPEC's values
// stand for the rest; every mistake is named with the file's line, the field and the rule; the
// version in each snapshot changes with the rules; an edit applies to the next incident.
import { mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJsonc } from '../../config/jsonc';
import { currentPolicy, defaultPolicy, POLICY_VERSION } from '../../config/policy';
import { parsePolicyFile, PolicyFileError } from '../../config/policy-file';

const EXAMPLE = join(import.meta.dirname, '../../config/policy.example.jsonc');
const parse = (raw: string) => parsePolicyFile(raw, 'policy.json', defaultPolicy(), POLICY_VERSION);
const lines = (...rows: string[]) => rows.join('\n');

function failure(raw: string): string {
  try {
    parse(raw);
  } catch (e) {
    expect(e).toBeInstanceOf(PolicyFileError);
    return (e as Error).message;
  }
  throw new Error('the file was accepted');
}

describe('the example file', () => {
  it('writes out every field with exactly the SPEC defaults, so it never drifts from them', () => {
    const raw = readFileSync(EXAMPLE, 'utf8');
    const { version: _v, note: _n, ...written } = parseJsonc(raw).value as Record<string, unknown>;
    expect(written).toEqual(defaultPolicy());
    expect(parse(raw).policy).toEqual(defaultPolicy());
  });
});

describe('a file sets only what the plan changes', () => {
  it('merges one threshold, one deadline, a null and a chain over the defaults', () => {
    const { policy } = parse(
      lines(
        '{',
        '  "version": "篇十八-2026",',
        '  // 篇十八: 一般 under 50 reads and replies',
        '  "grading": { "significant": { "views": 50 } },',
        '  "deadlines": {',
        '    "report": { "critical": { "amount": 30, "unit": "minutes" } },',
        '    "authoritativeRelease": { "significant": null, },',
        '  },',
        '  "escalationChain": ["monitor", "handler", "approver", "superior"],',
        '}',
      ),
    );
    const defaults = defaultPolicy();
    expect(policy.grading).toEqual({ ...defaults.grading, significant: { views: 50, comments: 50 } });
    expect(policy.deadlines.report).toEqual({ ...defaults.deadlines.report, critical: { amount: 30, unit: 'minutes' } });
    expect(policy.deadlines.authoritativeRelease.significant).toBeNull();
    expect(policy.deadlines.authoritativeRelease.major).toEqual({ amount: 24, unit: 'hours' });
    expect(policy.deadlines.summary).toEqual(defaults.deadlines.summary);
    expect(policy.escalationChain).toEqual(['monitor', 'handler', 'approver', 'superior']);
  });

  it('names the defaults, the file’s version and the rules in the snapshot version', () => {
    const a = parse('{ "version": "v1", "grading": { "major": { "views": 800 } } }');
    expect(a.version).toMatch(new RegExp(`^${POLICY_VERSION.replace('.', '\\.')}\\+v1@[0-9a-f]{12}$`));
    // the hash is the rules', not the text's: a comment changes nothing, a value does
    expect(parse('{ "version": "v1", /* 新 */ "grading": { "major": { "views": 800 } } }').version).toBe(a.version);
    expect(parse('{ "version": "v1", "grading": { "major": { "views": 900 } } }').version).not.toBe(a.version);
    expect(parse('{ "version": "v1" }').version).not.toBe(a.version);
  });
});

describe('a wrong value is named with its line, field and rule, in English and Chinese', () => {
  it('refuses an unknown field at any depth, listing the allowed ones', () => {
    const message = failure(lines('{', '  "version": "v1",', '  "grading": {', '    "major": { "veiws": 800 }', '  },', '  "escalation": []', '}'));
    expect(message).toContain('invalid policy file (YUQING_POLICY_FILE) / 政策档案有误');
    expect(message).toContain('policy.json:4: grading.major.veiws (800): unknown field; allowed fields are views, comments, mainstreamSites / 没有这个栏位');
    expect(message).toContain('policy.json:6: escalation: unknown field; allowed fields are version, note, grading, deadlines, escalationChain');
  });

  it('refuses a wrong type, a duration that is not positive, an unknown unit and an unknown role', () => {
    const message = failure(
      lines(
        '{',
        '  "version": "v1",',
        '  "grading": { "critical": { "views": "many" } },',
        '  "deadlines": {',
        '    "summary": {',
        '      "major": { "amount": 0, "unit": "days" },',
        '      "critical": { "amount": 2, "unit": "weeks" }',
        '    },',
        '    "report": { "general": { "amount": 2 } }',
        '  },',
        '  "escalationChain": ["handler", "boss"]',
        '}',
      ),
    );
    expect(message).toMatch(/policy\.json:3: grading\.critical\.views \("many"\): .*expected number.* \/ 须为数字/);
    expect(message).toMatch(/policy\.json:6: deadlines\.summary\.major\.amount \(0\): .* \/ 须大于 0/);
    expect(message).toMatch(/policy\.json:7: deadlines\.summary\.critical\.unit \("weeks"\): .* \/ 须为以下之一：seconds、minutes/);
    // a duration is written whole: half of one is no deadline
    expect(message).toMatch(/policy\.json:9: deadlines\.report\.general\.unit: .* \/ 必填/);
    expect(message).toMatch(/policy\.json:11: escalationChain\.1 \("boss"\): .* \/ 须为以下之一/);
  });

  it('names the intake accounts that may post drills, and refuses what is not an account name', () => {
    expect(parse('{ "version": "v1", "drill": { "fromIntake": ["intake"] } }').policy.drill).toEqual({ deadlineFactor: 0.1, fromIntake: ['intake'] });
    expect(parse('{ "version": "v1" }').policy.drill?.fromIntake).toBeUndefined();
    expect(failure('{ "version": "v1", "drill": { "fromIntake": ["监测 平台"] } }')).toMatch(/drill\.fromIntake\.0 \("监测 平台"\)/);
  });

  it('requires the file’s own version, in plain characters', () => {
    expect(failure('{ "grading": {} }')).toMatch(/policy\.json:1: version: .* \/ 必填/);
    expect(failure('{\n  "version": "v 1"\n}')).toContain('policy.json:2: version ("v 1"): must be 1 to 40 letters, digits, dots, underscores or hyphens / 须为 1 至 40');
  });

  it('refuses thresholds out of order, at the line the file writes', () => {
    const both = failure(lines('{', '  "version": "v1",', '  "grading": {', '    "critical": { "views": 3000 },', '    "major": { "views": 5000 }', '  }', '}'));
    expect(both).toContain('policy.json:5: grading.major.views (5000): must not be above grading.critical.views (3000): a lower grade cannot need more than a higher one / 不能高于 grading.critical.views（3000）');
    // the file lowers critical below the default major (1000): the line it wrote is the one to fix
    const lowered = failure(lines('{', '  "version": "v1",', '  "grading": {', '    "critical": { "comments": 80 }', '  }', '}'));
    expect(lowered).toContain('policy.json:4: grading.major.comments (100, default / 预设): must not be above grading.critical.comments (80)');
    expect(failure('{\n  "version": "v1",\n  "grading": { "significant": { "comments": 0 } }\n}')).toContain(
      'policy.json:3: grading.significant.comments (0): must be at least 1: at 0 every incident would reach grading.significant.comments / 不能小于 1',
    );
  });

  it('refuses a deadline of more than about a year', () => {
    expect(failure('{\n  "version": "v1",\n  "deadlines": { "verification": { "major": { "amount": 300, "unit": "workingDays" } } }\n}')).toContain(
      'policy.json:3: deadlines.verification.major.amount (300): must be at most 250 workingDays',
    );
  });

  it('refuses an escalation chain a breach cannot climb', () => {
    expect(failure('{\n  "version": "v1",\n  "escalationChain": ["handler", "approver"]\n}')).toContain(
      'policy.json:3: escalationChain.1 ("approver"): approver owes deadlines, so a level above it must follow',
    );
    const message = failure('{\n  "version": "v1",\n  "escalationChain": [\n    "handler",\n    "intake",\n    "handler",\n    "superior"\n  ]\n}');
    expect(message).toContain('policy.json:5: escalationChain.1 ("intake"): intake is no level a breach is told to');
    expect(message).toContain('policy.json:6: escalationChain.2 ("handler"): handler is already in the chain');
    expect(failure('{\n  "version": "v1",\n  "escalationChain": []\n}')).toContain('policy.json:3: escalationChain: must list at least one level');
  });

  it('names the line of broken JSON and of a field written twice', () => {
    expect(failure('{\n  "version": "v1",\n  "grading": {\n    "major": { "views": 800 }\n    "critical": {}\n  }\n}')).toContain(
      'policy.json:5: not valid JSON (expected , or } after the value of "major") / 不是有效的 JSON',
    );
    expect(failure('{\n  "version": "v1",\n  "version": "v2"\n}')).toContain('policy.json:3: not valid JSON (field "version" is written twice)');
    expect(failure('{\n  "version": "v1" /* not closed\n}')).toContain('policy.json:2: not valid JSON (a /* comment is not closed)');
    expect(failure('{ "version": "v1", "__proto__": { "x": 1 } }')).toContain('__proto__: unknown field');
  });
});

describe('currentPolicy with a policy file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'yuqing-policy-file-'));
  const now = new Date('2026-11-26T06:00:00Z');

  it('applies an edit to the next snapshot, refuses a broken one, and recovers when it is fixed', () => {
    const file = join(dir, 'policy.json');
    const write = (body: string, mtime: number) => {
      writeFileSync(file, body);
      utimesSync(file, mtime, mtime);
    };
    write('{ "version": "v1" }', 1_000);
    const first = currentPolicy({ now, policyFile: file });
    expect(first.version).toMatch(/\+v1@/);
    expect(first.grading).toEqual(defaultPolicy().grading);

    write('{ "version": "v2", "grading": { "major": { "views": 600 } } }', 2_000);
    const second = currentPolicy({ now, policyFile: file });
    expect(second.version).toMatch(/\+v2@/);
    expect(second.grading.major.views).toBe(600);

    write('{\n  "version": "v3",\n  "grading": { "major": { "views": 9000 } }\n}', 3_000);
    expect(() => currentPolicy({ now, policyFile: file })).toThrow(`${file}:3: grading.major.views (9000): must not be above grading.critical.views (3000)`);

    write('{ "version": "v3", "grading": { "major": { "views": 900 } } }', 4_000);
    expect(currentPolicy({ now, policyFile: file }).grading.major.views).toBe(900);
  });

  it('names a file it cannot read', () => {
    expect(() => currentPolicy({ now, policyFile: join(dir, 'nope.json') })).toThrow(/nope\.json: cannot read the policy file \(YUQING_POLICY_FILE\)/);
  });

  it('keeps the plain defaults’ version without a file', () => {
    expect(currentPolicy({ now }).version).toBe(POLICY_VERSION);
  });
});
