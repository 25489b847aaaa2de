// The API's reads of one incident: every call to Temporal is bounded in time, so a stopped server
// or a missing worker becomes a 503 within seconds instead of a request that hangs.
import { WorkflowUpdateRPCTimeoutOrCancelledError, type WorkflowHandle } from '@temporalio/client';
import { stateQuery, type Verdict, verdictUpdate } from '../../workflows/incident/definitions';
import { incidentStaticDetails, incidentSummary } from '../../domain/incident/details';
import { grade } from '../../domain/rules/grading';
import { ALERT_ID_PATTERN } from '../../domain/rules/intake-url';
import { textGrams } from '../../domain/rules/text-grams';
import type { IncidentInput } from '../../domain/model/schema';
import { SA } from '../../workflows/incident/definitions';
import type { IncidentState } from '../../domain/model/state';
import type { AppDeps } from '../deps';
import { notFound } from '../errors';
import { foldScript } from '../search/fold';
import { temporalHttpError } from './errors';
import { inScript } from '../../domain/script';

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

/**
 * The workflow's verdict on a decision it was just sent. The signal is in the history before the
 * Update is, so the workflow has admitted or refused it by the time the Update runs; only a worker
 * that does not answer in time, or an incident that closed meanwhile, leaves it `unknown`.
 */
export async function awaitVerdict(deps: AppDeps, handle: WorkflowHandle, decisionId: string): Promise<Verdict> {
  try {
    return await within(deps, () => handle.executeUpdate(verdictUpdate, { args: [decisionId], updateId: `verdict-${decisionId}` }), deps.verdictTimeoutMs ?? 5_000);
  } catch (error) {
    const outage = temporalHttpError(error)?.code === 'temporal-unavailable';
    if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError || outage || /already completed|not found/i.test(String(error))) return { decisionId, outcome: 'unknown' };
    throw error;
  }
}

export function temporalUiLink(deps: AppDeps, workflowId: string): string {
  const ns = encodeURIComponent(deps.client.options.namespace);
  return `${deps.temporalUiUrl.replace(/\/$/, '')}/namespaces/${ns}/workflows/${encodeURIComponent(workflowId)}`;
}

/** Everything a start tells Temporal besides the input: one form for registered incidents and alerts. */
export function incidentStartOptions(deps: AppDeps, workflowId: string, input: IncidentInput, memo: Record<string, string>) {
  const { incident, reporter, policy } = input;
  const severity = grade(incident.metrics, incident.sensitive, policy.grading);
  const script = input.script ?? 'zh-Hans';
  return {
    taskQueue: deps.taskQueue,
    workflowId,
    args: [input] as [IncidentInput],
    // a closed incident's id is never reused either: the key (or the item) stays spent
    workflowIdReusePolicy: 'REJECT_DUPLICATE' as const,
    // the lists show a drill's mark from this, without asking each incident for its state
    memo: { title: incident.title, ...(input.drill ? { drill: 'true' } : {}), ...memo },
    // the Temporal UI's list and the top of the incident's history (its audit view) read these
    staticSummary: inScript(incidentSummary(incident, severity, input.drill, script), script),
    staticDetails: inScript(incidentStaticDetails(incident, reporter.name, policy.calendar, script), script),
    typedSearchAttributes: [
      { key: SA.severity, value: severity },
      { key: SA.stage, value: 'monitor' },
      { key: SA.category, value: incident.category },
      { key: SA.department, value: incident.department },
      { key: SA.departmentGrams, value: textGrams(foldScript(incident.department)) },
      { key: SA.breached, value: false },
      { key: SA.discoveredAt, value: new Date(incident.discoveredAt) },
    ],
  };
}
