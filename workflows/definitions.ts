// Signals and queries of the incident workflow, shared with clients (API, CLI scripts, tests).
// Signal payloads are typed `unknown` on purpose: anything can arrive from the Temporal UI or CLI,
// and the workflow validates every one itself (a bad payload is recorded as rejected).
import { defineQuery, defineSignal } from '@temporalio/workflow';
import { DECISION_NAMES, type DecisionName } from './schema';
import type { IncidentState } from './state';

export const INCIDENT_WORKFLOW = 'incidentWorkflow';

export const decisionSignals = Object.fromEntries(
  DECISION_NAMES.map((name) => [name, defineSignal<[unknown]>(name)]),
) as Record<DecisionName, ReturnType<typeof defineSignal<[unknown]>>>;

export const stateQuery = defineQuery<IncidentState>('state');
