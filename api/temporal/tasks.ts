// The 待我处理 view across incidents: the running ones from visibility, then each one's `state`
// query, since what an incident awaits and from whom is live state no search attribute holds yet.
// That costs a query per incident, so the scan is bounded: the most recently started
// TASK_SCAN_LIMIT running incidents, TASK_QUERY_CONCURRENCY at a time.
import { INCIDENT_WORKFLOW } from '../../workflows/incident/definitions';
import { compareTasks, type Task, tasksFor } from '../../domain/decisions/tasks';
import type { UserRef } from '../../domain/model/schema';
import type { IncidentState } from '../../domain/model/state';
import type { AppDeps } from '../deps';
import { isIncidentId, queryState, within } from './incidents';

export const TASK_SCAN_LIMIT = 100;
const TASK_QUERY_CONCURRENCY = 8;

export interface MyTasks {
  items: Task[];
  /** running incidents looked at */
  scanned: number;
  /** more were running than the scan looks at */
  truncated: boolean;
  /** incidents whose query did not answer (no worker, a timeout): their tasks are missing */
  unanswered: number;
}

/** Each id's state, a few at a time so a long list does not flood the workers; undefined where it did not answer. */
async function statesOf(deps: AppDeps, ids: string[]): Promise<(IncidentState | undefined)[]> {
  const states: (IncidentState | undefined)[] = [];
  let next = 0;
  const lane = async () => {
    while (next < ids.length) {
      const i = next++;
      states[i] = await queryState(deps, ids[i]!).catch(() => undefined);
    }
  };
  await Promise.all(Array.from({ length: Math.min(TASK_QUERY_CONCURRENCY, ids.length) }, lane));
  return states;
}

export async function myTasks(deps: AppDeps, user: Pick<UserRef, 'id' | 'roles'>): Promise<MyTasks> {
  const { client } = deps;
  const query = `WorkflowType = '${INCIDENT_WORKFLOW}' AND ExecutionStatus = 'Running'`;
  const response = await within(deps, () => client.workflowService.listWorkflowExecutions({ namespace: client.options.namespace, query, pageSize: TASK_SCAN_LIMIT }));
  // a workflow started around the API under a foreign id is not ours to read
  const ids = response.executions.map((e) => e.execution?.workflowId ?? '').filter(isIncidentId);
  const states = await statesOf(deps, ids);
  const items = states.flatMap((s) => (s ? tasksFor(s, user) : [])).sort(compareTasks);
  return { items, scanned: ids.length, truncated: (response.nextPageToken?.length ?? 0) > 0, unanswered: states.filter((s) => !s).length };
}
