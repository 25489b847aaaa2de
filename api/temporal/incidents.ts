// The API's reads of one incident: every call to Temporal is bounded in time, so a stopped server
// or a missing worker becomes a 503 within seconds instead of a request that hangs.
import { stateQuery } from '../../workflows/incident/definitions';
import { incidentStaticDetails, incidentSummary } from '../../domain/incident/details';
import { grade } from '../../domain/rules/grading';
import { ALERT_ID_PATTERN } from '../../domain/rules/intake-url';
import type { IncidentInput } from '../../domain/model/schema';
import { SA } from '../../workflows/incident/definitions';
import type { IncidentState } from '../../domain/model/state';
import type { AppDeps } from '../deps';
import { notFound } from '../errors';

const ID_PATTERN = /^incident-\d{8}-[0-9a-f]{10}$/;

export function within<R>(deps: AppDeps, fn: () => Promise<R>, timeoutMs = deps.temporalTimeoutMs ?? 5_000): Promise<R> {
  return deps.client.withDeadline(Date.now() + timeoutMs, fn);
}

/** An id this API could have made (a registered incident or an alert). */
export const isIncidentId = (workflowId: string) => ID_PATTERN.test(workflowId) || ALERT_ID_PATTERN.test(workflowId);

/** Only ids this API could have made reach Temporal: anything else is simply unknown. */
export function incidentHandle(deps: AppDeps, workflowId: string) {
  if (!isIncidentId(workflowId)) throw notFound();
  return deps.client.workflow.getHandle(workflowId);
}

export function queryState(deps: AppDeps, workflowId: string): Promise<IncidentState> {
  const handle = incidentHandle(deps, workflowId);
  return within(deps, () => handle.query(stateQuery));
}

export function temporalUiLink(deps: AppDeps, workflowId: string): string {
  const ns = encodeURIComponent(deps.client.options.namespace);
  return `${deps.temporalUiUrl.replace(/\/$/, '')}/namespaces/${ns}/workflows/${encodeURIComponent(workflowId)}`;
}

/** Everything a start tells Temporal besides the input: one form for registered incidents and alerts. */
export function incidentStartOptions(deps: AppDeps, workflowId: string, input: IncidentInput, memo: Record<string, string>) {
  const { incident, reporter, policy } = input;
  const severity = grade(incident.metrics, incident.sensitive, policy.grading);
  return {
    taskQueue: deps.taskQueue,
    workflowId,
    args: [input] as [IncidentInput],
    // a closed incident's id is never reused either: the key (or the item) stays spent
    workflowIdReusePolicy: 'REJECT_DUPLICATE' as const,
    memo: { title: incident.title, ...memo },
    // the Temporal UI's list and the top of the incident's history (its audit view) read these
    staticSummary: incidentSummary(incident, severity),
    staticDetails: incidentStaticDetails(incident, reporter.name, policy.calendar),
    typedSearchAttributes: [
      { key: SA.severity, value: severity },
      { key: SA.stage, value: 'monitor' },
      { key: SA.category, value: incident.category },
      { key: SA.department, value: incident.department },
      { key: SA.breached, value: false },
      { key: SA.discoveredAt, value: new Date(incident.discoveredAt) },
    ],
  };
}
