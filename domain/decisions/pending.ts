// Which decisions an incident is waiting for and who may take them: each spec's occasions, with
// the labels and roles the pages and the Temporal UI show.
import type { IncidentState, PendingDecision } from '../model/state';
import { label } from '../labels';
import { DECISION_NAMES, DECISIONS } from './index';

export function pendingDecisions(s: IncidentState): PendingDecision[] {
  if (s.closed) return [];
  return DECISION_NAMES.flatMap((name) => {
    const spec = DECISIONS[name];
    return spec.occasions(s).map(({ excludedUsers = [], ...occasion }) => ({ name, label: label('decision', name), roles: [...spec.roles], excludedUsers, ...occasion }));
  });
}
