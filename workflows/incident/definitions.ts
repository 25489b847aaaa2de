// Signals and queries of the incident workflow, shared with clients (API, CLI scripts, tests).
// Signal payloads are typed `unknown` on purpose: anything can arrive from the Temporal UI or CLI,
// and the workflow validates every one itself (a bad payload is recorded as rejected).
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { defineQuery, defineSignal } from '@temporalio/workflow';
import { DECISION_NAMES, type DecisionName } from '../../domain/model/schema';
import type { IncidentState } from '../../domain/model/state';

export const INCIDENT_WORKFLOW = 'incidentWorkflow';

export const decisionSignals = Object.fromEntries(
  DECISION_NAMES.map((name) => [name, defineSignal<[unknown]>(name)]),
) as Record<DecisionName, ReturnType<typeof defineSignal<[unknown]>>>;

export const stateQuery = defineQuery<IncidentState>('state');

/** SPEC §5 search attributes, upserted by the workflow and read by the API's lists; no personal data. */
export const SA = {
  severity: defineSearchAttributeKey('IncidentSeverity', SearchAttributeType.KEYWORD),
  stage: defineSearchAttributeKey('IncidentStage', SearchAttributeType.KEYWORD),
  category: defineSearchAttributeKey('IncidentCategory', SearchAttributeType.KEYWORD),
  department: defineSearchAttributeKey('IncidentDepartment', SearchAttributeType.KEYWORD),
  breached: defineSearchAttributeKey('IncidentDeadlineBreached', SearchAttributeType.BOOL),
  discoveredAt: defineSearchAttributeKey('IncidentDiscoveredAt', SearchAttributeType.DATETIME),
};
