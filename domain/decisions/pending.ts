// Which decisions an incident is waiting for and who may take them: each spec's occasions, with
// the labels and roles the pages and the Temporal UI show, the deadline each is due by, and
// whether someone is expected to take it next.
import type { DeadlineKind, UserRef } from '../model/schema';
import type { IncidentState, PendingDeadline, PendingDecision } from '../model/state';
import { openDeadlines, RESPONSIBLE } from '../incident/deadline-book';
import { stepNeeds } from '../incident/needs';
import { label } from '../labels';
import { DECISION_NAMES, DECISIONS } from './index';
import type { DecisionSpec } from './spec';
import { scriptOfState } from '../script';

function earliestOpen(s: IncidentState, kinds: readonly DeadlineKind[] = []) {
  return openDeadlines(s, [...kinds]).sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt))[0];
}

/** The open deadline a decision meets, or else one it is a stage towards. */
export function deadlineFor(s: IncidentState, spec: Pick<DecisionSpec, 'meets' | 'advances'>): PendingDeadline | undefined {
  const met = earliestOpen(s, spec.meets);
  const d = met ?? earliestOpen(s, spec.advances);
  return d && { kind: d.kind, label: d.label, dueAt: d.dueAt, breached: d.breachedAt !== undefined, meets: d === met };
}

export function pendingDecisions(s: IncidentState, needs = stepNeeds(s, scriptOfState(s))): PendingDecision[] {
  if (s.closed) return [];
  const needed = new Set(Object.values(needs).flatMap((list) => list.flatMap((n) => n.decisions)));
  return DECISION_NAMES.flatMap((name) => {
    const spec = DECISIONS[name];
    const deadline = deadlineFor(s, spec);
    // its deadline's owner, when the decision is theirs to take (a review towards leadership's release is not)
    const owner = deadline && spec.roles.includes(RESPONSIBLE[deadline.kind]) ? openDeadlines(s, [deadline.kind])[0]?.owner : undefined;
    // a standing decision is expected only while a step or a deadline it leads to waits for it
    const expected = !spec.standing || needed.has(name) || deadline !== undefined;
    return spec.occasions(s).map(({ excludedUsers = [], ...occasion }) => ({
      name,
      label: label('decision', name, scriptOfState(s)),
      roles: [...spec.roles],
      excludedUsers,
      ...occasion,
      // an occasion open to take that nothing waits for (a further report when none is owed)
      expected: expected && !occasion.standing,
      ...(deadline ? { deadline } : {}),
      ...(owner ? { owner } : {}),
    }));
  });
}

/** Whether this person is the one to take it: a role that may, and not the drafter four eyes exclude. */
export function awaits(p: Pick<PendingDecision, 'expected' | 'roles' | 'excludedUsers'>, user: Pick<UserRef, 'id' | 'roles'>): boolean {
  return p.expected && p.roles.some((r) => user.roles.includes(r)) && !p.excludedUsers.includes(user.id);
}
