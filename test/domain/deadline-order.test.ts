// SPEC §4: a lower grade never has a tighter report deadline than a higher one; the check names the
// kind and the two grades, and every parse of a deadline table runs it.
import { describe, expect, it } from 'vitest';
import { defaultDeadlineTable } from '../../config/policy';
import { DeadlineTable, type DurationSpec } from '../../domain/model/schema';
import { deadlineOrderProblems } from '../../domain/rules/deadline-order';

const h = (amount: number): DurationSpec => ({ amount, unit: 'hours' });

describe('deadlineOrderProblems', () => {
  it('finds none in the default table', () => {
    expect(deadlineOrderProblems(defaultDeadlineTable())).toEqual([]);
  });

  it('names the kind and the grades where a lower grade reports sooner than a higher one', () => {
    const table = { ...defaultDeadlineTable(), report: { general: h(1), significant: h(4), major: h(2), critical: h(1) } };
    const problems = deadlineOrderProblems(table);
    expect(problems.map(({ kind, lower, higher }) => [kind, lower, higher])).toEqual([
      ['report', 'general', 'significant'],
      ['report', 'general', 'major'],
    ]);
    expect(problems[0]?.message).toBe('上报期限：一般（1 小时）比较大（4 小时）更紧，较低级别不得比较高级别更紧');
  });

  it('compares elapsed units with each other, and working time only with the same unit', () => {
    const minutes = { ...defaultDeadlineTable(), forward: { general: { amount: 90, unit: 'minutes' as const }, significant: h(2), major: h(2), critical: h(1) } };
    expect(deadlineOrderProblems(minutes).map((p) => [p.kind, p.lower, p.higher])).toEqual([
      ['forward', 'general', 'significant'],
      ['forward', 'general', 'major'],
    ]);
    const mixed = { ...defaultDeadlineTable(), writtenReport: { general: null, significant: null, major: { amount: 1, unit: 'workingHours' as const }, critical: h(1) } };
    expect(deadlineOrderProblems(mixed)).toMatchObject([{ kind: 'writtenReport', lower: 'major', higher: 'critical', message: expect.stringContaining('单位无法比较') }]);
  });

  it('refuses a deadline at a lower grade that a higher one lacks', () => {
    const table = { ...defaultDeadlineTable(), writtenReport: { general: null, significant: h(1), major: h(1), critical: null } };
    expect(deadlineOrderProblems(table)).toMatchObject([
      { kind: 'writtenReport', lower: 'significant', higher: 'critical' },
      { kind: 'writtenReport', lower: 'major', higher: 'critical' },
    ]);
  });

  it('leaves the other kinds alone: verification is by days at general, by working days above', () => {
    expect(defaultDeadlineTable().verification.general).toEqual({ amount: 1, unit: 'days' });
    expect(deadlineOrderProblems({ ...defaultDeadlineTable(), initialResponse: { general: h(1), significant: h(9), major: h(9), critical: h(9) } })).toEqual([]);
  });

  it('runs whenever a table is parsed, naming the row and grade', () => {
    const bad = { ...defaultDeadlineTable(), report: { general: null, significant: h(1), major: h(2), critical: h(1) } };
    const parsed = DeadlineTable.safeParse(bad);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues).toMatchObject([{ path: ['report', 'significant'], message: expect.stringContaining('较大（1 小时）比重大（2 小时）更紧') }]);
  });

  it('parses a table from before forwarding and the 当日 opinion existed', () => {
    const { forward: _f, inquiryOpinion: _o, ...old } = defaultDeadlineTable();
    expect(DeadlineTable.parse(old)).toEqual(old);
  });
});
