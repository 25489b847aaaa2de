// What the incident list and 待我处理 show of a running incident, derived from its state so the
// workflow can keep it in visibility (search attributes to query on, the memo for what is shown)
// and the lists need no query per incident. Pure: workflows/incident/run.ts upserts it.
import { z } from 'zod';
import { DECISION_NAMES, DeadlineKind, Role } from '../model/schema';
import type { IncidentState, PendingDecision } from '../model/state';
import { DUE_SOON_MINUTES } from '../rules/urgency';
import { nextDeadline as nextToBreach } from './deadline-book';

export interface ListedDeadline {
  kind: DeadlineKind;
  label: string;
  dueAt: string;
  breached: boolean;
  /** what met it came back for revision (a returned summary): the badge says so */
  returnedAt?: string;
}

/** A decision someone is expected to take, with what 待我处理 shows and four eyes need of it. */
export type AwaitedDecision = Pick<PendingDecision, 'name' | 'label' | 'roles' | 'excludedUsers' | 'expected' | 'releaseNo' | 'deadline' | 'owner'>;

/** The memo's `listing`: encrypted with the rest of the payloads, so the four-eyes user ids may be in it. */
export interface Listing {
  nextDeadline?: ListedDeadline;
  awaited: AwaitedDecision[];
}

export const LISTING_MEMO = 'listing';

const Shown = { kind: DeadlineKind, label: z.string(), dueAt: z.iso.datetime({ offset: true }), breached: z.boolean() };

/** The memo as the API reads it back: anyone reaching Temporal can set a memo, so it is checked like any input. */
export const ListingMemo: z.ZodType<Listing> = z.object({
  nextDeadline: z.object({ ...Shown, returnedAt: z.string().optional() }).optional(),
  awaited: z.array(
    z.object({
      name: z.enum(DECISION_NAMES),
      label: z.string(),
      roles: z.array(Role),
      excludedUsers: z.array(z.string()),
      expected: z.boolean(),
      releaseNo: z.number().int().optional(),
      deadline: z.object({ ...Shown, meets: z.boolean() }).optional(),
      owner: z.object({ id: z.string(), name: z.string(), department: z.string().optional(), via: z.enum(['roster', 'department', 'role', 'reassigned']) }).optional(),
    }),
  ),
});

/** The earliest deadline still open, breached or not: what the list's deadline badge shows. */
export function listedDeadline(state: IncidentState): ListedDeadline | undefined {
  if (state.closed) return undefined;
  const open = state.deadlines.filter((d) => !d.metAt && !d.cancelled).sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  const d = open[0];
  return d && { kind: d.kind, label: d.label, dueAt: d.dueAt, breached: d.breachedAt !== undefined, ...(d.returnedAt ? { returnedAt: d.returnedAt } : {}) };
}

export function listing(state: IncidentState): Listing {
  const next = listedDeadline(state);
  const awaited = state.pendingDecisions
    .filter((p) => p.expected)
    .map(({ name, label, roles, excludedUsers, expected, releaseNo, deadline, owner }) => ({
      name,
      label,
      roles,
      excludedUsers,
      expected,
      ...(releaseNo === undefined ? {} : { releaseNo }),
      ...(deadline ? { deadline } : {}),
      ...(owner ? { owner } : {}),
    }));
  return { ...(next ? { nextDeadline: next } : {}), awaited };
}

/** The roles whose decision the incident awaits, for 待我处理's query. */
export function awaitingRoles(state: IncidentState): Role[] {
  return [...new Set(state.pendingDecisions.filter((p) => p.expected).flatMap((p) => p.roles))].sort();
}

const DUE_SOON_MS = DUE_SOON_MINUTES * 60_000;

/** When the next deadline not yet passed becomes due within the hour; undefined when none is open. */
export function dueSoonFrom(state: IncidentState): number | undefined {
  const d = state.closed ? undefined : nextToBreach(state);
  return d && Date.parse(d.dueAt) - DUE_SOON_MS;
}

/** A deadline not yet passed falls due within the hour. */
export function isDueSoon(state: IncidentState, nowMs: number): boolean {
  const from = dueSoonFrom(state);
  return from !== undefined && from <= nowMs;
}
