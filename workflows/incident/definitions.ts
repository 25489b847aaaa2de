// Signals, the verdict Update and the query of the incident workflow, shared with clients (API, CLI
// scripts, tests). Signal payloads are typed `unknown` on purpose: anything can arrive from the
// Temporal UI or CLI, and the workflow admits every one itself (a bad payload is recorded as refused).
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import { DECISION_NAMES, type DecisionName } from '../../domain/decisions/index';
import type { FieldIssue, RefusalCode } from '../../domain/decisions/spec';
import type { IncidentState } from '../../domain/model/state';

export const INCIDENT_WORKFLOW = 'incidentWorkflow';

export const decisionSignals = Object.fromEntries(
  DECISION_NAMES.map((name) => [name, defineSignal<[unknown]>(name)]),
) as Record<DecisionName, ReturnType<typeof defineSignal<[unknown]>>>;

/** The workflow's own word on one decision it received, by the decisionId the API gave it. */
export type Verdict =
  | { decisionId: string; name: DecisionName; outcome: 'applied' }
  | { decisionId: string; name: DecisionName; outcome: 'refused'; code: RefusalCode; message: string; issues?: FieldIssue[] }
  /** not received by this run: not yet, or before a continue-as-new */
  | { decisionId: string; outcome: 'unknown' };

export const verdictUpdate = defineUpdate<Verdict, [string]>('verdict');

export const stateQuery = defineQuery<IncidentState>('state');

/** SPEC §5 search attributes, upserted by the workflow and read by the API's lists; no personal data. */
export const SA = {
  severity: defineSearchAttributeKey('IncidentSeverity', SearchAttributeType.KEYWORD),
  stage: defineSearchAttributeKey('IncidentStage', SearchAttributeType.KEYWORD),
  category: defineSearchAttributeKey('IncidentCategory', SearchAttributeType.KEYWORD),
  department: defineSearchAttributeKey('IncidentDepartment', SearchAttributeType.KEYWORD),
  /** the department folded to Simplified, as characters and pairs: set by the API at start, for the list's substring filter */
  departmentGrams: defineSearchAttributeKey('IncidentDepartmentGrams', SearchAttributeType.KEYWORD_LIST),
  breached: defineSearchAttributeKey('IncidentDeadlineBreached', SearchAttributeType.BOOL),
  discoveredAt: defineSearchAttributeKey('IncidentDiscoveredAt', SearchAttributeType.DATETIME),
  /** the earliest open deadline, breached or not (the list's badge); unset when none is open */
  nextDeadline: defineSearchAttributeKey('IncidentNextDeadline', SearchAttributeType.DATETIME),
  nextDeadlineKind: defineSearchAttributeKey('IncidentNextDeadlineKind', SearchAttributeType.KEYWORD),
  /** the roles whose decision the incident awaits (pending decisions `expected`), for 待我处理 */
  awaitingRoles: defineSearchAttributeKey('IncidentAwaitingRoles', SearchAttributeType.KEYWORD_LIST),
  /** a deadline not yet passed falls due within the hour; set on every run under the listing rules, so its absence marks an older run */
  dueSoon: defineSearchAttributeKey('IncidentDueSoon', SearchAttributeType.BOOL),
};
