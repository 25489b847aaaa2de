// The 待我处理 view: what each incident awaits from one person, nearest deadline first.
import type { Severity, Step, UserRef } from '../model/schema';
import type { IncidentState, Owner, PendingDeadline } from '../model/state';
import type { AwaitedDecision } from '../incident/listing';
import { compareDue } from '../rules/urgency';
import { severityRank } from '../rules/grading';
import { awaits } from './pending';
import type { DecisionName } from './index';

export interface Task {
  workflowId: string;
  title: string;
  /** the department responsible, which a card on a phone names */
  department: string;
  severity: Severity;
  stage: Step | 'closed';
  name: DecisionName;
  label: string;
  releaseNo?: number;
  deadline?: PendingDeadline;
  /** the person who owns its deadline */
  owner?: Owner;
  /** the person asking owns it: shown first, before what their roles merely may take */
  mine?: true;
}

/** What a task says of its incident: from the state, or from visibility (domain/incident/listing.ts). */
export type TaskIncident = Pick<Task, 'workflowId' | 'title' | 'department' | 'severity' | 'stage'>;

export function tasksFor(s: IncidentState, user: Pick<UserRef, 'id' | 'roles'>): Task[] {
  return tasksOf({ workflowId: s.workflowId, title: s.incident.title, department: s.incident.department, severity: s.severity, stage: s.currentStep }, s.pendingDecisions, user);
}

export function tasksOf(incident: TaskIncident, pending: AwaitedDecision[], user: Pick<UserRef, 'id' | 'roles'>): Task[] {
  return pending
    .filter((p) => awaits(p, user))
    .map((p) => ({
      ...incident,
      name: p.name,
      label: p.label,
      ...(p.releaseNo === undefined ? {} : { releaseNo: p.releaseNo }),
      ...(p.deadline ? { deadline: p.deadline } : {}),
      ...(p.owner ? { owner: p.owner } : {}),
      ...(p.owner?.id === user.id ? { mine: true as const } : {}),
    }));
}

/** What the person owns first; then nearest deadline first, none last; among equals the graver incident first. */
export function compareTasks(a: Task, b: Task): number {
  return Number(!!b.mine) - Number(!!a.mine) || compareDue(a.deadline?.dueAt, b.deadline?.dueAt) || severityRank(b.severity) - severityRank(a.severity);
}
