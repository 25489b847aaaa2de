// 考核 (篇三, 篇十, 篇十七, 篇十九, 篇二十一; SPEC §4 accountability): per department and per person,
// for a month or a year, the incidents handled, each deadline kind's on-time rate, the reports made
// late (迟报: breached, then met) and never made (漏报: breached, never met), and the items each
// information officer registered, by ISO week. Pure: the monthly roll-up and the API compute the
// same figures from the same states. An incident counts in the period it was discovered in, as in
// the roll-ups; drills (演练) are practice and are left out.
import type { DeadlineKind, Role, UserRef } from '../model/schema';
import type { Deadline, IncidentState } from '../model/state';
import { countedInRollup, deadlineOutcome, type DeadlineOutcome } from './rollup-stats';

const MINUTE = 60_000;
const DAY = 1440 * MINUTE;

/** `2026-11` for a month, `2026` for a year. */
export const ASSESSMENT_PERIOD = /^\d{4}(-(0[1-9]|1[0-2]))?$/;

export interface AssessmentPeriod {
  /** as asked: `2026-11` or `2026` */
  name: string;
  kind: 'month' | 'year';
  /** instants, `from` included and `to` excluded, in the organisation's local days */
  from: string;
  to: string;
}

export function assessmentPeriod(name: string, utcOffsetMinutes: number): AssessmentPeriod | undefined {
  if (!ASSESSMENT_PERIOD.test(name)) return undefined;
  const [y, m] = name.split('-').map(Number) as [number, number | undefined];
  const start = Date.UTC(y, (m ?? 1) - 1, 1);
  const end = m === undefined ? Date.UTC(y + 1, 0, 1) : Date.UTC(y, m, 1);
  const offset = utcOffsetMinutes * MINUTE;
  return { name, kind: m === undefined ? 'year' : 'month', from: new Date(start - offset).toISOString(), to: new Date(end - offset).toISOString() };
}

/** `2026年11月`, `2026年`. */
export const assessmentPeriodLabel = (p: AssessmentPeriod): string => (p.kind === 'year' ? `${p.name}年` : `${p.name.slice(0, 4)}年${Number(p.name.slice(5))}月`);

/** ISO 8601 week of the local date, `2026-W47`: weeks start on Monday, week 1 holds the year's first Thursday. */
export function isoWeek(iso: string, utcOffsetMinutes: number): string {
  const local = new Date(Date.parse(iso) + utcOffsetMinutes * MINUTE);
  const day = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
  const thursday = new Date(day + (3 - ((local.getUTCDay() + 6) % 7)) * DAY);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The parts of an incident's state the figures read: small enough for the roll-up to carry through its workflow. */
export interface AssessedState {
  workflowId: string;
  incident: Pick<IncidentState['incident'], 'title' | 'department' | 'discoveredAt'>;
  reporter: UserRef;
  deadlines: Pick<Deadline, 'kind' | 'label' | 'responsible' | 'owner' | 'dueAt' | 'metAt' | 'breachedAt' | 'lateByMinutes' | 'cancelled'>[];
  drill?: true;
}

export function assessedPart(s: AssessedState): AssessedState {
  const { title, department, discoveredAt } = s.incident;
  return {
    workflowId: s.workflowId,
    incident: { title, department, discoveredAt },
    reporter: { id: s.reporter.id, name: s.reporter.name, roles: s.reporter.roles },
    deadlines: s.deadlines.map(({ kind, label, responsible, owner, dueAt, metAt, breachedAt, lateByMinutes, cancelled }) => ({
      kind,
      label,
      responsible,
      dueAt,
      ...defined('owner', owner),
      ...defined('metAt', metAt),
      ...defined('breachedAt', breachedAt),
      ...defined('lateByMinutes', lateByMinutes),
      ...defined('cancelled', cancelled),
    })),
    ...defined('drill', s.drill),
  };
}

export type OutcomeTally = Record<DeadlineOutcome, number>;

export interface KindFigures extends OutcomeTally {
  kind: DeadlineKind;
  label: string;
  responsible: Role;
  /** on time among those settled (on time, late or missed); absent when none is */
  onTimeRate?: number;
}

export interface Figures extends OutcomeTally {
  /** incidents handled: a department's by the incident's department, a person's those they owned a deadline in */
  incidents: number;
  deadlines: number;
  onTimeRate?: number;
  byKind: KindFigures[];
}

export interface DepartmentFigures extends Figures {
  department: string;
}

export interface PersonFigures extends Figures {
  /** the owner's sign-in name; absent for the deadlines no owner was named for, kept by role and department */
  id?: string;
  name?: string;
  department: string;
  /** the role they answered in (the first deadline's when they owned several kinds) */
  role: Role;
}

export interface ReporterFigures {
  id: string;
  name: string;
  total: number;
  /** ISO week → items registered */
  byWeek: Record<string, number>;
}

/** One deadline, for the detail sheet. */
export interface DeadlineLine {
  workflowId: string;
  title: string;
  /** the incident's department */
  department: string;
  kind: DeadlineKind;
  label: string;
  responsible: Role;
  owner?: { id: string; name: string };
  /** the department answerable: the owner's, or the incident's when the owner names none or there is no owner */
  answerable: string;
  dueAt: string;
  metAt?: string;
  breachedAt?: string;
  lateByMinutes?: number;
  outcome: DeadlineOutcome;
}

export interface Assessment {
  period: AssessmentPeriod;
  incidents: number;
  /** the period's totals over every department */
  total: Figures;
  /** most incidents first, then by name */
  departments: DepartmentFigures[];
  /** named owners by department and name, then the unnamed by department and role */
  people: PersonFigures[];
  /** information officers (role monitor) by items registered, most first */
  reporters: ReporterFigures[];
  /** the ISO weeks the period touches, in order */
  weeks: string[];
  /** by due time */
  deadlines: DeadlineLine[];
}

const settled = (t: OutcomeTally) => t.onTime + t.late + t.missed;
const rate = (t: OutcomeTally) => (settled(t) ? t.onTime / settled(t) : undefined);
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Accumulates one row's figures; `finish` turns them into the plain figures. */
class Tally {
  readonly incidents = new Set<string>();
  readonly outcomes: OutcomeTally = { onTime: 0, late: 0, missed: 0, open: 0 };
  readonly kinds = new Map<DeadlineKind, Omit<KindFigures, 'onTimeRate'>>();

  count(line: DeadlineLine) {
    this.incidents.add(line.workflowId);
    this.outcomes[line.outcome]++;
    let kind = this.kinds.get(line.kind);
    if (!kind) this.kinds.set(line.kind, (kind = { kind: line.kind, label: line.label, responsible: line.responsible, onTime: 0, late: 0, missed: 0, open: 0 }));
    kind[line.outcome]++;
  }

  finish(kindOrder: readonly DeadlineKind[]): Figures {
    const byKind = kindOrder.flatMap((k) => {
      const kind = this.kinds.get(k);
      return kind ? [{ ...kind, ...defined('onTimeRate', rate(kind)) }] : [];
    });
    return { incidents: this.incidents.size, deadlines: settled(this.outcomes) + this.outcomes.open, ...this.outcomes, ...defined('onTimeRate', rate(this.outcomes)), byKind };
  }
}

/** `{ [key]: value }`, or nothing when the value is absent, so the figures carry no undefined. */
const defined = <K extends string, V>(key: K, value: V | undefined) => (value === undefined ? {} : ({ [key]: value } as Record<K, V>));

function weeksOf(period: AssessmentPeriod, utcOffsetMinutes: number): string[] {
  const weeks: string[] = [];
  for (let t = Date.parse(period.from); t < Date.parse(period.to); t += DAY) {
    const w = isoWeek(new Date(t).toISOString(), utcOffsetMinutes);
    if (weeks.at(-1) !== w) weeks.push(w);
  }
  return weeks;
}

export function assess(states: readonly AssessedState[], period: AssessmentPeriod, utcOffsetMinutes: number): Assessment {
  const from = Date.parse(period.from);
  const to = Date.parse(period.to);
  const counted = states.filter((s) => countedInRollup(s) && Date.parse(s.incident.discoveredAt) >= from && Date.parse(s.incident.discoveredAt) < to);

  const lines: DeadlineLine[] = counted.flatMap((s) =>
    s.deadlines
      .filter((d) => !d.cancelled)
      .map((d) => ({
        workflowId: s.workflowId,
        title: s.incident.title,
        department: s.incident.department,
        kind: d.kind,
        label: d.label,
        responsible: d.responsible,
        ...(d.owner ? { owner: { id: d.owner.id, name: d.owner.name } } : {}),
        answerable: d.owner?.department ?? s.incident.department,
        dueAt: d.dueAt,
        ...defined('metAt', d.metAt),
        ...defined('breachedAt', d.breachedAt),
        ...defined('lateByMinutes', d.lateByMinutes),
        outcome: deadlineOutcome(d),
      })),
  );
  lines.sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt) || byText(a.workflowId, b.workflowId));
  // kinds in the order they first fall due, so every table lists them alike
  const kindOrder = [...new Set(lines.map((l) => l.kind))];

  const total = new Tally();
  const departments = new Map<string, Tally>();
  const departmentOf = (name: string) => departments.get(name) ?? departments.set(name, new Tally()).get(name)!;
  const departmentIncidents = new Map<string, Set<string>>();
  for (const s of counted) {
    departmentOf(s.incident.department);
    (departmentIncidents.get(s.incident.department) ?? departmentIncidents.set(s.incident.department, new Set()).get(s.incident.department)!).add(s.workflowId);
  }

  const people = new Map<string, { tally: Tally; id?: string; name?: string; department: string; role: Role }>();
  for (const line of lines) {
    total.count(line);
    departmentOf(line.answerable).count(line);
    const key = line.owner ? `owner:${line.owner.id}` : `role:${line.responsible}@${line.answerable}`;
    let person = people.get(key);
    if (!person) people.set(key, (person = { tally: new Tally(), ...(line.owner ?? {}), department: line.answerable, role: line.responsible }));
    person.tally.count(line);
  }

  const departmentRows = [...departments].map(([department, tally]) => ({
    department,
    ...tally.finish(kindOrder),
    // handled: the incidents that are the department's own, not those it merely owed a deadline in
    incidents: departmentIncidents.get(department)?.size ?? 0,
  }));
  departmentRows.sort((a, b) => b.incidents - a.incidents || byText(a.department, b.department));

  const personRows: PersonFigures[] = [...people.values()].map(({ tally, ...who }) => ({ ...who, ...tally.finish(kindOrder) }));
  personRows.sort((a, b) => Number(a.id === undefined) - Number(b.id === undefined) || byText(a.department, b.department) || byText(a.name ?? a.role, b.name ?? b.role));

  const reporters = new Map<string, ReporterFigures>();
  for (const s of counted) {
    if (!s.reporter.roles.includes('monitor')) continue;
    let r = reporters.get(s.reporter.id);
    if (!r) reporters.set(s.reporter.id, (r = { id: s.reporter.id, name: s.reporter.name, total: 0, byWeek: {} }));
    const week = isoWeek(s.incident.discoveredAt, utcOffsetMinutes);
    r.total++;
    r.byWeek[week] = (r.byWeek[week] ?? 0) + 1;
  }

  const totals = total.finish(kindOrder);
  return {
    period,
    incidents: counted.length,
    total: { ...totals, incidents: counted.length },
    departments: departmentRows,
    people: personRows,
    reporters: [...reporters.values()].sort((a, b) => b.total - a.total || byText(a.name, b.name)),
    weeks: weeksOf(period, utcOffsetMinutes),
    deadlines: lines,
  };
}

/** `87%`, or `—` when nothing was settled. */
export const rateText = (r: number | undefined): string => (r === undefined ? '—' : `${Math.round(r * 100)}%`);
