// The API's reads of one incident: every call to Temporal is bounded in time, so a stopped server
// or a missing worker becomes a 503 within seconds instead of a request that hangs.
import { stateQuery } from '../../workflows/definitions';
import type { IncidentState } from '../../workflows/state';
import type { AppDeps } from '../deps';
import { notFound } from '../errors';

const ID_PATTERN = /^incident-\d{8}-[0-9a-f]{10}$/;

export function within<R>(deps: AppDeps, fn: () => Promise<R>, timeoutMs = deps.temporalTimeoutMs ?? 5_000): Promise<R> {
  return deps.client.withDeadline(Date.now() + timeoutMs, fn);
}

/** Only ids this API could have made reach Temporal: anything else is simply unknown. */
export function incidentHandle(deps: AppDeps, workflowId: string) {
  if (!ID_PATTERN.test(workflowId)) throw notFound();
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
