// The arithmetic of the periodic roll-up (SPEC §7; weekly, and monthly before the 10th: 篇十二,
// 篇二十一): which period a scheduled run reports on, one plain row per incident, and the figures
// 《网络舆情周报》/《网络舆情月报》 print. Pure, so the roll-up workflow computes them on replay too.
import type { Category, Channel, DeadlineKind, Role, Severity, Step } from '../model/schema';
import { CATEGORIES, CHANNELS, ROLES, SEVERITIES } from '../model/schema';
import type { Deadline, IncidentState } from '../model/state';
import { responseCounts } from '../decisions/handling';

export type RollupKind = 'weekly' | 'monthly';

/** Instants as ISO strings, `from` included and `to` excluded, in the organisation's local days. */
export interface Period {
  kind: RollupKind;
  from: string;
  to: string;
}

const MINUTE = 60_000;
const DAY = 1440 * MINUTE;

/**
 * The period a run at `atMs` reports on: the previous Monday–Sunday week, or the previous calendar
 * month. Derived from the run's scheduled time, so a backfill of a past Monday reports that
 * Monday's previous week.
 */
export function previousPeriod(kind: RollupKind, atMs: number, utcOffsetMinutes: number): Period {
  const offset = utcOffsetMinutes * MINUTE;
  const local = new Date(atMs + offset);
  let fromLocal: number;
  let toLocal: number;
  if (kind === 'weekly') {
    const midnight = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
    const sinceMonday = (local.getUTCDay() + 6) % 7;
    toLocal = midnight - sinceMonday * DAY;
    fromLocal = toLocal - 7 * DAY;
  } else {
    toLocal = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1);
    fromLocal = Date.UTC(local.getUTCFullYear(), local.getUTCMonth() - 1, 1);
  }
  return { kind, from: new Date(fromLocal - offset).toISOString(), to: new Date(toLocal - offset).toISOString() };
}

/** The local date a period starts on: `2026-11-16` for a week, `2026-11` for a month. */
function localStart(p: Period, utcOffsetMinutes: number): string {
  const ymd = new Date(Date.parse(p.from) + utcOffsetMinutes * MINUTE).toISOString().slice(0, 10);
  return p.kind === 'weekly' ? ymd : ymd.slice(0, 7);
}

export const ROLLUP_TITLES: Record<RollupKind, string> = { weekly: '《网络舆情周报》', monthly: '《网络舆情月报》' };

/** The report's file name: `weekly-2026-11-16`, `monthly-2026-11`; the same period gives the same name. */
export function reportName(p: Period, utcOffsetMinutes: number): string {
  return `${p.kind}-${localStart(p, utcOffsetMinutes)}`;
}

export const REPORT_NAME = /^(weekly-\d{4}-\d{2}-\d{2}|monthly-\d{4}-\d{2})$/;

/** The period a report name stands for (the inverse of reportName), or undefined for a name no period has. */
export function periodOfReport(name: string, utcOffsetMinutes: number): Period | undefined {
  if (!REPORT_NAME.test(name)) return undefined;
  const [kind, y, m, d] = name.split('-') as [RollupKind, string, string, string | undefined];
  const start = Date.UTC(Number(y), Number(m) - 1, Number(d ?? 1));
  const end = kind === 'weekly' ? start + 7 * DAY : Date.UTC(Number(y), Number(m), 1);
  const offset = utcOffsetMinutes * MINUTE;
  const period: Period = { kind, from: new Date(start - offset).toISOString(), to: new Date(end - offset).toISOString() };
  // 2026-02-30 would roll over into March: only names reportName itself prints are accepted
  return reportName(period, utcOffsetMinutes) === name ? period : undefined;
}

/** A drill (演练) is practice: the roll-ups count real incidents only. */
export const countedInRollup = (s: Pick<IncidentState, 'drill'>): boolean => !s.drill;

/** `2026年11月16日至11月22日`, `2026年11月`. */
export function periodLabel(p: Period, utcOffsetMinutes: number): string {
  const local = (iso: string, shiftMs = 0) => new Date(Date.parse(iso) + utcOffsetMinutes * MINUTE + shiftMs);
  const from = local(p.from);
  if (p.kind === 'monthly') return `${from.getUTCFullYear()}年${from.getUTCMonth() + 1}月`;
  const last = local(p.to, -1);
  const tail = last.getUTCFullYear() === from.getUTCFullYear() ? '' : `${last.getUTCFullYear()}年`;
  return `${from.getUTCFullYear()}年${from.getUTCMonth() + 1}月${from.getUTCDate()}日至${tail}${last.getUTCMonth() + 1}月${last.getUTCDate()}日`;
}

export type DeadlineOutcome = 'onTime' | 'late' | 'missed' | 'open';

/** A breach stays a breach when the work came in late: met after it is late (迟报), never met is missed (漏报). */
export const deadlineOutcome = (d: Pick<Deadline, 'metAt' | 'breachedAt' | 'lateByMinutes'>): DeadlineOutcome =>
  d.metAt ? ((d.lateByMinutes ?? 0) > 0 ? 'late' : 'onTime') : d.breachedAt ? 'missed' : 'open';

export interface RollupRow {
  workflowId: string;
  title: string;
  severity: Severity;
  category: Category;
  channel: Channel;
  department: string;
  discoveredAt: string;
  status: 'open' | 'completed' | 'withdrawn' | 'dismissed';
  step: Step | 'closed';
  deadlines: { kind: DeadlineKind; label: string; responsible: Role; outcome: DeadlineOutcome }[];
  /** from discovery to the first report upward */
  minutesToReport?: number;
  /** from discovery to the first public word in the organisation's name: a response or a release */
  minutesToFirstResponse?: number;
  /** decisions sent to Temporal directly and accepted unsigned (policy `accept-marked`) */
  unsignedDecisions: number;
}

const minutesBetween = (from: string, to: string | undefined) => (to === undefined ? undefined : Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / MINUTE)));

const earliest = (times: (string | undefined)[]) => times.filter((t): t is string => !!t).sort((a, b) => Date.parse(a) - Date.parse(b))[0];

export function rollupRow(s: IncidentState): RollupRow {
  const discoveredAt = s.incident.discoveredAt;
  return {
    workflowId: s.workflowId,
    title: s.incident.title,
    severity: s.severity,
    category: s.category,
    channel: s.incident.channel,
    department: s.incident.department,
    discoveredAt,
    status: s.closed ? s.closed.outcome : 'open',
    step: s.closed ? 'closed' : s.currentStep,
    deadlines: s.deadlines
      .filter((d) => !d.cancelled)
      .map((d) => ({
        kind: d.kind,
        label: d.label,
        responsible: d.responsible,
        outcome: deadlineOutcome(d),
      })),
    minutesToReport: minutesBetween(discoveredAt, earliest(s.reports.map((r) => r.at))),
    // a response is out once leadership approved it (older histories: once recorded)
    minutesToFirstResponse: minutesBetween(discoveredAt, earliest([...s.responses.filter(responseCounts).map((r) => r.approvedAt ?? r.at), ...s.releases.map((r) => r.publishedAt)])),
    // the timeline has one entry for every decision taken, also those that write no record
    unsignedDecisions: s.timeline.filter((e) => e.signed === false).length,
  };
}

/** The middle value; the mean of the two middle ones for an even count. */
export function median(values: readonly number[]): number | undefined {
  if (!values.length) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Nearest rank: the smallest value at least p % of the values do not exceed, always one of them. */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (!values.length) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1];
}

export interface Timing {
  /** incidents the figure is known for */
  count: number;
  median?: number;
  p90?: number;
}

function timing(values: (number | undefined)[]): Timing {
  const known = values.filter((v): v is number => v !== undefined);
  return { count: known.length, median: median(known), p90: percentile(known, 90) };
}

export type OutcomeCounts = Record<DeadlineOutcome, number>;

export interface RollupStats {
  total: number;
  byStatus: Record<RollupRow['status'], number>;
  bySeverity: Record<Severity, number>;
  byCategory: Record<Category, number>;
  byChannel: Record<Channel, number>;
  /** most incidents first, then by name */
  byDepartment: [department: string, count: number][];
  deadlinesByKind: Partial<Record<DeadlineKind, OutcomeCounts & { label: string; responsible: Role }>>;
  deadlinesByRole: Record<Role, OutcomeCounts>;
  toReport: Timing;
  toFirstResponse: Timing;
  unsignedDecisions: number;
}

const zeros = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
const noOutcomes = (): OutcomeCounts => ({ onTime: 0, late: 0, missed: 0, open: 0 });

export function rollupStats(rows: readonly RollupRow[]): RollupStats {
  const byStatus = zeros(['open', 'completed', 'withdrawn', 'dismissed'] as const);
  const bySeverity = zeros(SEVERITIES);
  const byCategory = zeros(CATEGORIES);
  const byChannel = zeros(CHANNELS);
  const departments = new Map<string, number>();
  const deadlinesByKind: RollupStats['deadlinesByKind'] = {};
  const deadlinesByRole = Object.fromEntries(ROLES.map((r) => [r, noOutcomes()])) as Record<Role, OutcomeCounts>;
  for (const row of rows) {
    byStatus[row.status]++;
    bySeverity[row.severity]++;
    byCategory[row.category]++;
    byChannel[row.channel]++;
    departments.set(row.department, (departments.get(row.department) ?? 0) + 1);
    for (const d of row.deadlines) {
      const kind = (deadlinesByKind[d.kind] ??= { label: d.label, responsible: d.responsible, ...noOutcomes() });
      kind[d.outcome]++;
      deadlinesByRole[d.responsible][d.outcome]++;
    }
  }
  return {
    total: rows.length,
    byStatus,
    bySeverity,
    byCategory,
    byChannel,
    byDepartment: [...departments].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0)),
    deadlinesByKind,
    deadlinesByRole,
    toReport: timing(rows.map((r) => r.minutesToReport)),
    toFirstResponse: timing(rows.map((r) => r.minutesToFirstResponse)),
    unsignedDecisions: rows.reduce((n, r) => n + r.unsignedDecisions, 0),
  };
}
