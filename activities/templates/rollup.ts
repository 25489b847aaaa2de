// 《網絡輿情周報》/《網絡輿情月報》: the period's incidents in figures (counts by severity, category,
// department and channel; deadlines kept and missed, by the role that owed them; how fast the
// organisation reported upward and first spoke in public), the open ones, and every incident on
// one line with its link, for the weekly and the monthly report the plans require (篇十二, 篇二十一).
import { labelsOf } from '../../domain/labels';
import { CATEGORY_LABELS } from '../../domain/rules/categories';
import { SEVERITY_LABELS } from '../../domain/rules/grading';
import type { OutcomeCounts, RollupRow, Timing } from '../../domain/rules/rollup-stats';
import { CATEGORIES, CHANNELS, ROLES, SEVERITIES } from '../../domain/model/schema';
import type { RenderRollupInput } from '../rollup';
import { fields, heading, list, paragraph, table, type Block, type Cell, type Doc } from './doc';
import { CHANNEL_LABELS, ROLE_LABELS, STEP_LABELS, TIME_NOTE, duration, localTime } from './labels';

const STATUS_LABELS: Record<RollupRow['status'], string> = labelsOf('incidentStatus');

const percent = (n: number, total: number) => (total ? `${Math.round((n / total) * 100)}%` : '—');

/** One row per label, in the given order, leaving out the ones with nothing to count. */
function distribution<K extends string>(keys: readonly K[], counts: Record<K, number>, labels: Record<K, string>, total: number): Cell[][] {
  return keys.filter((k) => counts[k] > 0).map((k) => [labels[k], String(counts[k]), percent(counts[k], total)]);
}

const outcomeCells = (c: OutcomeCounts): string[] => [String(c.onTime), String(c.late), String(c.missed), String(c.open)];
const OUTCOME_HEAD = ['按時完成', '逾期完成', '超時未辦', '未到期'];

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
    heading('總體情況'),
    fields([
      ['統計期間', input.label],
      ['輿情總數', `${stats.total} 件`],
      [STATUS_LABELS.completed, `${stats.byStatus.completed} 件`],
      [STATUS_LABELS.open, `${stats.byStatus.open} 件`],
      [STATUS_LABELS.withdrawn, `${stats.byStatus.withdrawn} 件`],
      [STATUS_LABELS.dismissed, `${stats.byStatus.dismissed} 件`],
      ['期限未按時完成', `${missed} 項`],
      ['未簽名的決定', `${stats.unsignedDecisions} 項`],
    ]),
    paragraph('統計範圍為本期內發現的網絡輿情（以發現時間計），包括已超過 Temporal 保留期、僅存於檔案館的事件。'),
    heading('級別分布'),
    table(['級別', '件數', '佔比'], distribution(SEVERITIES, stats.bySeverity, SEVERITY_LABELS, stats.total), '本期無輿情。'),
    heading('類別分布'),
    table(['類別', '件數', '佔比'], distribution(CATEGORIES, stats.byCategory, CATEGORY_LABELS, stats.total), '本期無輿情。'),
    heading('責任部門'),
    table(['部門', '件數', '佔比'], stats.byDepartment.map(([d, n]) => [d, String(n), percent(n, stats.total)]), '本期無輿情。'),
    heading('來源渠道'),
    table(['渠道', '件數', '佔比'], distribution(CHANNELS, stats.byChannel, CHANNEL_LABELS, stats.total), '本期無輿情。'),
    heading('期限執行情況'),
    table(['期限', '責任方', ...OUTCOME_HEAD], kinds.map((k) => [k.label, ROLE_LABELS[k.responsible], ...outcomeCells(k)]), '本期無期限。'),
    table(
      ['責任方', ...OUTCOME_HEAD],
      ROLES.filter((r) => Object.values(stats.deadlinesByRole[r]).some((n) => n > 0)).map((r) => [ROLE_LABELS[r], ...outcomeCells(stats.deadlinesByRole[r])]),
      '本期無期限。',
    ),
    heading('處置時效'),
    table(['指標（自發現起）', '件數', '中位數', '第90百分位'], [timingRow('上報用時', stats.toReport), timingRow('首次公開回應用時', stats.toFirstResponse)]),
    heading('未簽名的決定'),
    table(
      ['輿情', '未簽名的決定'],
      rows.filter((r) => r.unsignedDecisions > 0).map((r) => [link(r), `${r.unsignedDecisions} 項`]),
      '本期決定均經 API 簽名。',
    ),
    heading('未結案輿情'),
    table(
      ['輿情', '級別', '當前階段', '發現時間', '超時未辦'],
      open.map((r) => [link(r), SEVERITY_LABELS[r.severity], stepText(r), localTime(r.discoveredAt), r.deadlines.filter((d) => d.outcome === 'missed').map((d) => d.label).join('、') || '無']),
      '本期發現的輿情均已辦結。',
    ),
    heading('輿情一覽'),
    table(
      ['發現時間', '輿情', '級別', '類別', '部門', '渠道', '狀態'],
      rows.map((r) => [localTime(r.discoveredAt), link(r), SEVERITY_LABELS[r.severity], CATEGORY_LABELS[r.category], r.department, CHANNEL_LABELS[r.channel], stepText(r)]),
      '本期無輿情。',
    ),
  ];
  if (unreadable.length) {
    blocks.push(
      heading('未能統計的事件'),
      paragraph('以下事件列於本期，但 Temporal 與檔案館均無法提供其狀態，未計入上述數字，請人工核對：'),
      list(unreadable.map((u) => `${u.workflowId}：${u.reason}`)),
    );
  }
  return { title: input.title, meta: [input.label, `${localTime(now.toISOString())}生成`, TIME_NOTE], blocks };
}
