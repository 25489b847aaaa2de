// 《网络舆情周报》/《网络舆情月报》: the period's incidents in figures (counts by severity, category,
// department and channel; deadlines kept and missed, by the role that owed them; how fast the
// organisation reported upward and first spoke in public), the open ones, and every incident on
// one line with its link, for the weekly and the monthly report the plans require (篇十二, 篇二十一).
import { labelsOf } from '../../domain/labels';
import { CATEGORY_LABELS } from '../../domain/rules/categories';
import { SEVERITY_LABELS } from '../../domain/rules/grading';
import type { OutcomeCounts, RollupRow, Timing } from '../../domain/rules/rollup-stats';
import { CATEGORIES, CHANNELS, ROLES, SEVERITIES } from '../../domain/model/schema';
import type { RenderRollupInput } from '../rollup';
import { DEPARTMENT_HEAD, departmentRow } from '../../domain/rules/assessment-columns';
import { fields, heading, list, paragraph, table, type Block, type Cell, type Doc } from './doc';
import { CHANNEL_LABELS, ROLE_LABELS, STEP_LABELS, TIME_NOTE, duration, localTime } from './labels';

const STATUS_LABELS: Record<RollupRow['status'], string> = labelsOf('incidentStatus');

const percent = (n: number, total: number) => (total ? `${Math.round((n / total) * 100)}%` : '—');

/** One row per label, in the given order, leaving out the ones with nothing to count. */
function distribution<K extends string>(keys: readonly K[], counts: Record<K, number>, labels: Record<K, string>, total: number): Cell[][] {
  return keys.filter((k) => counts[k] > 0).map((k) => [labels[k], String(counts[k]), percent(counts[k], total)]);
}

const outcomeCells = (c: OutcomeCounts): string[] => [String(c.onTime), String(c.late), String(c.missed), String(c.open)];
const OUTCOME_HEAD = ['按时完成', '逾期完成', '超时未办', '未到期'];

const minutes = (m: number | undefined) => (m === undefined ? '—' : duration(m));
const timingRow = (what: string, t: Timing): Cell[] => [what, String(t.count), minutes(t.median), minutes(t.p90)];

function stepText(row: RollupRow): string {
  return row.step === 'closed' ? STATUS_LABELS[row.status] : STEP_LABELS[row.step];
}

export function rollupReport(input: RenderRollupInput, publicUrl: string, now: Date): Doc {
  const { stats, rows, unreadable } = input;
  const link = (row: RollupRow): Cell => ({ text: row.title, href: `${publicUrl.replace(/\/$/, '')}/incidents/${encodeURIComponent(row.workflowId)}` });
  const missed = ROLES.reduce((n, r) => n + stats.deadlinesByRole[r].late + stats.deadlinesByRole[r].missed, 0);
  const open = rows.filter((r) => r.status === 'open');
  const kinds = Object.values(stats.deadlinesByKind);
  const blocks: Block[] = [
    heading('总体情况'),
    fields([
      ['统计期间', input.label],
      ['舆情总数', `${stats.total} 件`],
      [STATUS_LABELS.completed, `${stats.byStatus.completed} 件`],
      [STATUS_LABELS.open, `${stats.byStatus.open} 件`],
      [STATUS_LABELS.withdrawn, `${stats.byStatus.withdrawn} 件`],
      [STATUS_LABELS.dismissed, `${stats.byStatus.dismissed} 件`],
      ['期限未按时完成', `${missed} 项`],
      ['未签名的决定', `${stats.unsignedDecisions} 项`],
    ]),
    paragraph('统计范围为本期内发现的网络舆情（以发现时间计），包括已超过 Temporal 保留期、仅存于档案馆的事件。'),
    heading('级别分布'),
    table(['级别', '件数', '占比'], distribution(SEVERITIES, stats.bySeverity, SEVERITY_LABELS, stats.total), '本期无舆情。'),
    heading('类别分布'),
    table(['类别', '件数', '占比'], distribution(CATEGORIES, stats.byCategory, CATEGORY_LABELS, stats.total), '本期无舆情。'),
    heading('责任部门'),
    table(['部门', '件数', '占比'], stats.byDepartment.map(([d, n]) => [d, String(n), percent(n, stats.total)]), '本期无舆情。'),
    heading('来源渠道'),
    table(['渠道', '件数', '占比'], distribution(CHANNELS, stats.byChannel, CHANNEL_LABELS, stats.total), '本期无舆情。'),
    heading('期限执行情况'),
    table(['期限', '责任方', ...OUTCOME_HEAD], kinds.map((k) => [k.label, ROLE_LABELS[k.responsible], ...outcomeCells(k)]), '本期无期限。'),
    table(
      ['责任方', ...OUTCOME_HEAD],
      ROLES.filter((r) => Object.values(stats.deadlinesByRole[r]).some((n) => n > 0)).map((r) => [ROLE_LABELS[r], ...outcomeCells(stats.deadlinesByRole[r])]),
      '本期无期限。',
    ),
    heading('处置时效'),
    table(['指标（自发现起）', '件数', '中位数', '第90百分位'], [timingRow('上报用时', stats.toReport), timingRow('首次公开回应用时', stats.toFirstResponse)]),
    heading('未签名的决定'),
    table(
      ['舆情', '未签名的决定'],
      rows.filter((r) => r.unsignedDecisions > 0).map((r) => [link(r), `${r.unsignedDecisions} 项`]),
      '本期决定均经 API 签名。',
    ),
    heading('未结案舆情'),
    table(
      ['舆情', '级别', '当前阶段', '发现时间', '超时未办'],
      open.map((r) => [link(r), SEVERITY_LABELS[r.severity], stepText(r), localTime(r.discoveredAt), r.deadlines.filter((d) => d.outcome === 'missed').map((d) => d.label).join('、') || '无']),
      '本期发现的舆情均已办结。',
    ),
    heading('舆情一览'),
    table(
      ['发现时间', '舆情', '级别', '类别', '部门', '渠道', '状态'],
      rows.map((r) => [localTime(r.discoveredAt), link(r), SEVERITY_LABELS[r.severity], CATEGORY_LABELS[r.category], r.department, CHANNEL_LABELS[r.channel], stepText(r)]),
      '本期无舆情。',
    ),
  ];
  if (input.assessment) {
    const a = input.assessment;
    blocks.push(
      heading('考核情况'),
      paragraph('迟报：期限已过后才完成；漏报：期限已过仍未完成。按时率以已到期或已完成的期限计。'),
      table(
        DEPARTMENT_HEAD,
        a.departments.length ? [...a.departments, { ...a.total, department: '合计' }].map((d) => departmentRow(d).map(String)) : [],
        '本期无舆情。',
      ),
    );
  }
  if (unreadable.length) {
    blocks.push(
      heading('未能统计的事件'),
      paragraph('以下事件列于本期，但 Temporal 与档案馆均无法提供其状态，未计入上述数字，请人工核对：'),
      list(unreadable.map((u) => `${u.workflowId}：${u.reason}`)),
    );
  }
  return { title: input.title, meta: [input.label, `${localTime(now.toISOString())}生成`, TIME_NOTE], blocks };
}
