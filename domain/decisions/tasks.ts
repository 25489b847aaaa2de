// The 待我处理 view: what each incident awaits from one person, nearest deadline first.
import type { Severity, Step, UserRef } from '../model/schema';
import type { IncidentState, PendingDeadline } from '../model/state';
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
}

export function tasksFor(s: IncidentState, user: Pick<UserRef, 'id' | 'roles'>): Task[] {
  return s.pendingDecisions
    .filter((p) => awaits(p, user))
    .map((p) => ({
      workflowId: s.workflowId,
      title: s.incident.title,
      department: s.incident.department,
      severity: s.severity,
      stage: s.currentStep,
      name: p.name,
      label: p.label,
      ...(p.releaseNo === undefined ? {} : { releaseNo: p.releaseNo }),
      ...(p.deadline ? { deadline: p.deadline } : {}),
    }));
}

/** Nearest deadline first, none last; among equals the graver incident first. */
export function compareTasks(a: Task, b: Task): number {
  return compareDue(a.deadline?.dueAt, b.deadline?.dueAt) || severityRank(b.severity) - severityRank(a.severity);
}
