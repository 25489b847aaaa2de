// The incident's deadlines as plain state: opened from the policy snapshot, met by events,
// tightened (never extended) by escalation. No Temporal import: the watcher that sleeps on them
// lives in deadline-watch.ts.
import { label } from '../labels';
import { scriptOfState } from '../script';
import type { DeadlineKind, PolicySnapshot, Role } from '../model/schema';
import { drillFactor } from './drill';
import type { Deadline, IncidentState } from '../model/state';
import { computeDue } from '../rules/deadlines';

export const RESPONSIBLE: Record<DeadlineKind, Role> = {
  forward: 'handler',
  report: 'handler',
  writtenReport: 'handler',
  initialResponse: 'handler',
  inquiryOpinion: 'handler',
  verification: 'handler',
  authoritativeRelease: 'approver',
  netizenReply: 'handler',
  summary: 'handler',
};

const iso = (ms: number) => new Date(ms).toISOString();

/** A drill's due time: the real span from the same start, scaled by the policy's factor (whole seconds, at least one). */
export function drillDueMs(startMs: number, dueMs: number, factor: number): number {
  return startMs + Math.max(1000, Math.round(((dueMs - startMs) * factor) / 1000) * 1000);
}

function due(policy: PolicySnapshot, state: IncidentState, kind: DeadlineKind | 'netizenReplyExtended', startMs: number) {
  // a snapshot from before a kind existed lacks its row: no such deadline then
  const spec = policy.deadlines[kind]?.[state.severity];
  if (!spec) return undefined;
  const computed = computeDue(startMs, spec, policy.calendar);
  if (!state.drill) return computed;
  return { ...computed, dueMs: drillDueMs(startMs, computed.dueMs, drillFactor(policy)) };
}

export function openDeadlines(state: IncidentState, kinds: DeadlineKind[]): Deadline[] {
  return state.deadlines.filter((d) => kinds.includes(d.kind) && !d.metAt && !d.cancelled);
}

function push(state: IncidentState, policy: PolicySnapshot, kind: DeadlineKind, startMs: number): Deadline | undefined {
  const computed = due(policy, state, kind, startMs);
  if (!computed) return undefined;
  const deadline: Deadline = {
    kind,
    label: label('deadline', kind, scriptOfState(state)),
    responsible: RESPONSIBLE[kind],
    startedAt: iso(startMs),
    dueAt: iso(computed.dueMs),
    ...(computed.uncoveredYears.length ? { uncoveredYears: computed.uncoveredYears } : {}),
  };
  state.deadlines.push(deadline);
  return deadline;
}

/** Opens a deadline if the current severity has one and it is not already running. */
export function openDeadline(state: IncidentState, policy: PolicySnapshot, kind: DeadlineKind, startMs: number): Deadline | undefined {
  if (state.deadlines.some((d) => d.kind === kind && !d.cancelled)) return undefined;
  return push(state, policy, kind, startMs);
}

/** Opens a deadline again after an earlier one of its kind was met (a new grade's report); not while one runs. */
export function reopenDeadline(state: IncidentState, policy: PolicySnapshot, kind: DeadlineKind, startMs: number): Deadline | undefined {
  if (openDeadlines(state, [kind]).length) return undefined;
  return push(state, policy, kind, startMs);
}

/** Marks the open deadline of this kind met; returns it when it had already been breached. */
export function meetDeadline(state: IncidentState, kind: DeadlineKind, nowMs: number): Deadline | undefined {
  const [d] = openDeadlines(state, [kind]);
  if (!d) return undefined;
  d.metAt = iso(nowMs);
  delete d.returnedAt;
  if (nowMs > Date.parse(d.dueAt)) {
    d.lateByMinutes = Math.ceil((nowMs - Date.parse(d.dueAt)) / 60_000);
    return d;
  }
  return undefined;
}

/**
 * The work that met this deadline came back for revision: the deadline is open again, marked
 * returned, and the watcher follows it as any open one (a breach once it is past due, unless it
 * was already breached before). The resubmission meets it, at the resubmission's time.
 */
export function returnDeadline(state: IncidentState, kind: DeadlineKind, nowMs: number): Deadline | undefined {
  const d = state.deadlines.filter((x) => x.kind === kind && x.metAt && !x.cancelled).at(-1);
  if (!d) return undefined;
  delete d.metAt;
  delete d.lateByMinutes;
  d.returnedAt = iso(nowMs);
  return d;
}

/**
 * After the severity changed: every open deadline takes the stricter of its current due time and
 * the new policy's, counted from the same start (SPEC §4: an escalation never extends one).
 */
export function tightenDeadlines(state: IncidentState, policy: PolicySnapshot): Deadline[] {
  const changed: Deadline[] = [];
  for (const d of state.deadlines) {
    if (d.metAt || d.cancelled) continue;
    const kind = d.kind === 'netizenReply' && state.replyExtension?.decision === 'approved' ? 'netizenReplyExtended' : d.kind;
    const computed = due(policy, state, kind, Date.parse(d.startedAt));
    if (computed && computed.dueMs < Date.parse(d.dueAt)) {
      d.dueAt = iso(computed.dueMs);
      changed.push(d);
    }
  }
  return changed;
}

/** The one extension of the netizen reply: 10 working days from the same start (SPEC §4). */
export function extendReply(state: IncidentState, policy: PolicySnapshot): Deadline | undefined {
  const [d] = openDeadlines(state, ['netizenReply']);
  if (!d) return undefined;
  const computed = due(policy, state, 'netizenReplyExtended', Date.parse(d.startedAt));
  if (!computed || computed.dueMs <= Date.parse(d.dueAt)) return undefined;
  d.dueAt = iso(computed.dueMs);
  // a breach of the original term is kept in the record; the new term is what is awaited now
  delete d.breachedAt;
  return d;
}

/** The deadline the watcher must wake for next: open, not yet breached, earliest due. */
export function nextDeadline(state: IncidentState): Deadline | undefined {
  return state.deadlines
    .filter((d) => !d.metAt && !d.cancelled && !d.breachedAt)
    .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt))[0];
}
