// Drills (演练), the pure parts: compressed deadlines, the mark on notices and the Temporal UI's
// texts, the roll-ups' exclusion, and the 演练总结 from a drill's state.
import { describe, expect, it } from 'vitest';
import { drillSummary, spanText } from '../../activities/templates/drill-summary';
import { toMarkdown } from '../../activities/templates/doc';
import { drillDueMs, meetDeadline } from '../../domain/incident/deadline-book';
import { currentDetails, incidentSummary } from '../../domain/incident/details';
import { DRILL_MARK, drillNotice } from '../../domain/incident/drill';
import { initialState } from '../../domain/incident/initial-state';
import { pendingDecisions } from '../../domain/decisions/pending';
import { owedNotices } from '../../domain/incident/notices';
import { countedInRollup } from '../../domain/rules/rollup-stats';
import { fastPolicy, fields, incidentInput } from '../workflows/fixtures';

const NOW = Date.parse('2026-11-24T02:00:00Z');
const HOUR = 3600_000;

function begin(drill: boolean, opts: { drills?: boolean; factor?: number } = {}) {
  const policy = { ...fastPolicy({ seconds: 3600 }), ...(opts.factor ? { drill: { deadlineFactor: opts.factor } } : {}) };
  const input = { ...incidentInput({ fields: fields({ discoveredAt: new Date(NOW).toISOString() }), policy }), ...(drill ? { drill: true } : {}) };
  const s = initialState(input, 'incident-drill', NOW, { reportsAsPlans: true, organisationScript: true, drills: opts.drills ?? true });
  s.pendingDecisions = pendingDecisions(s);
  return { s, policy };
}

const spans = (s: ReturnType<typeof begin>['s']) => s.deadlines.map((d) => Date.parse(d.dueAt) - Date.parse(d.startedAt));

describe('a drill', () => {
  it('scales each span from the same start, in whole seconds and never below one', () => {
    expect(drillDueMs(NOW, NOW + HOUR, 0.1)).toBe(NOW + 360_000);
    expect(drillDueMs(NOW, NOW + 7_777, 0.1)).toBe(NOW + 1_000);
    expect(drillDueMs(NOW, NOW + HOUR, 1)).toBe(NOW + HOUR);
  });

  it('starts with its deadlines compressed by the policy factor; a real incident, or a run from before drills, does not', () => {
    expect(begin(true).s.drill).toBe(true);
    expect(spans(begin(true).s).every((ms) => ms === HOUR / 10)).toBe(true);
    expect(spans(begin(true, { factor: 0.5 }).s).every((ms) => ms === HOUR / 2)).toBe(true);
    expect(spans(begin(false).s).every((ms) => ms === HOUR)).toBe(true);
    // under the rules of histories recorded before drills existed, the flag is not heeded
    const old = begin(true, { drills: false }).s;
    expect(old.drill).toBeUndefined();
    expect(spans(old).every((ms) => ms === HOUR)).toBe(true);
    // a snapshot without the drill policy uses the default factor
    const { drill: _, ...older } = fastPolicy({ seconds: 3600 });
    const s = initialState({ ...incidentInput({ policy: older as never }), drill: true }, 'incident-drill', NOW);
    expect(spans(s).every((ms) => ms === HOUR / 10)).toBe(true);
  });

  it('marks every notice, title and text, and the Temporal UI texts; a real incident is not marked', () => {
    const { s, policy } = begin(true);
    const owed = owedNotices(undefined, s, policy).map((n) => drillNotice(s.drill, n));
    expect(owed.length).toBeGreaterThan(0);
    for (const n of owed) {
      expect(n.title.startsWith(DRILL_MARK)).toBe(true);
      expect(n.markdown.startsWith(`**${DRILL_MARK}**`)).toBe(true);
    }
    const real = begin(false);
    expect(owedNotices(undefined, real.s, real.policy).map((n) => drillNotice(real.s.drill, n)).some((n) => n.title.includes(DRILL_MARK))).toBe(false);
    expect(currentDetails(s, policy.calendar, NOW).startsWith(DRILL_MARK)).toBe(true);
    expect(currentDetails(real.s, policy.calendar, NOW)).not.toContain(DRILL_MARK);
    expect(incidentSummary(s.incident, s.severity, true)).toBe(`${DRILL_MARK}【一般】网传某校食堂饭菜变质 · 后勤处`);
    expect(incidentSummary(s.incident, s.severity)).toBe('【一般】网传某校食堂饭菜变质 · 后勤处');
  });

  it('is left out of the roll-ups', () => {
    expect(countedInRollup(begin(true).s)).toBe(false);
    expect(countedInRollup(begin(false).s)).toBe(true);
  });

  it('closes with a 演练总结 listing the steps, the decisions and each time against its compressed deadline', () => {
    const { s } = begin(true);
    meetDeadline(s, 'forward', NOW + 200_000);
    meetDeadline(s, 'initialResponse', NOW + 500_000);
    s.timeline.push({ at: new Date(NOW + 200_000).toISOString(), kind: 'decision', decision: 'forwarded', by: '经办小李', text: '转达业务科室｜已转后勤处' });
    const md = toMarkdown(drillSummary(s, new Date(NOW + 600_000), 0.1));
    expect(md).toContain('【演练】演练总结');
    expect(md).toContain('按预案的 0.1 倍压缩');
    expect(md).toContain('1. 舆情监测研判 | 进行中');
    expect(md).toContain('转达业务科室｜已转后勤处');
    expect(md).toMatch(/\| 转达期限 \|[^\n]*\| 6分钟 \| 3分钟20秒 \| 按时 \|/);
    expect(md).toMatch(/\| 初步回应期限 \|[^\n]*\| 6分钟 \| 8分钟20秒 \| 超时 \|/);
    expect(md).toMatch(/\| 查清事实期限 \|[^\n]*\| 6分钟 \| — \| 未完成（已超时） \|/);
    expect(md).toContain('5 项时限，按时完成 1 项。');
    expect(md).not.toContain('三、三、');
  });

  it('writes short spans in seconds', () => {
    expect(spanText(42_000)).toBe('42秒');
    expect(spanText(360_000)).toBe('6分钟');
    expect(spanText(200_000)).toBe('3分钟20秒');
  });
});
