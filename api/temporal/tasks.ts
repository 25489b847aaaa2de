// The 待我处理 view across incidents, in one visibility query: the running incidents that await a
// decision from one of the person's roles (IncidentAwaitingRoles), each with the decisions it awaits
// from its memo (domain/incident/listing.ts), filtered for this person by tasksOf. Runs from before
// the workflow kept these carry no IncidentDueSoon: the query takes them too, and only they are
// asked for their `state`, TASK_QUERY_CONCURRENCY at a time. Visibility cannot order by deadline,
// so the page is the most recently started TASK_SCAN_LIMIT; they are sorted here.
import type { WorkflowExecutionInfo } from '@temporalio/client';
import { INCIDENT_WORKFLOW, SA } from '../../workflows/incident/definitions';
import { compareTasks, type Task, tasksFor, tasksOf } from '../../domain/decisions/tasks';
import { z } from 'zod';
import { Severity, STEPS, type UserRef } from '../../domain/model/schema';
import type { AppDeps } from '../deps';
import { isIncidentId, queryState, within } from './incidents';
import { executionInfos, listingOf } from './visibility';

export const TASK_SCAN_LIMIT = 500;
const TASK_QUERY_CONCURRENCY = 8;

export interface MyTasks {
  items: Task[];
  /** running incidents looked at: those awaiting one of the person's roles, and older runs */
  scanned: number;
  /** more were running than the scan looks at */
  truncated: boolean;
  /** older runs whose query did not answer (no worker, a timeout): their tasks are missing */
  unanswered: number;
}

type User = Pick<UserRef, 'id' | 'roles'>;
const Stage = z.enum([...STEPS, 'closed']);

/** From visibility alone, when the run keeps its listing; undefined for a run that must be asked. */
function listedTasks(info: WorkflowExecutionInfo, user: User): Task[] | undefined {
  const listed = listingOf(info);
  const sa = info.typedSearchAttributes;
  const severity = Severity.safeParse(sa.get(SA.severity));
  const stage = Stage.safeParse(sa.get(SA.stage));
  if (!listed || !severity.success || !stage.success) return undefined;
  // a start from the Temporal UI or CLI carries no title memo: the id stands for it, as in the list
  const title = typeof info.memo?.title === 'string' ? info.memo.title : info.workflowId;
  const department = sa.get(SA.department) ?? '';
  return tasksOf({ workflowId: info.workflowId, title, department, severity: severity.data, stage: stage.data }, listed.awaited, user);
}

/** Each older run's tasks, a few at a time so a long list does not flood the workers; undefined where it did not answer. */
async function queriedTasks(deps: AppDeps, ids: string[], user: User): Promise<(Task[] | undefined)[]> {
  const found: (Task[] | undefined)[] = [];
  let next = 0;
  const lane = async () => {
    while (next < ids.length) {
      const i = next++;
      found[i] = await queryState(deps, ids[i]!).then((s) => tasksFor(s, user), () => undefined);
    }
  };
  await Promise.all(Array.from({ length: Math.min(TASK_QUERY_CONCURRENCY, ids.length) }, lane));
  return found;
}

/** Roles are an enum of the account, never quotes; a person without one is awaited by nothing. */
export function tasksQuery(roles: readonly string[]): string {
  const awaited = roles.length ? `${SA.awaitingRoles.name} IN (${roles.map((r) => `'${r}'`).join(', ')}) OR ` : '';
  return `WorkflowType = '${INCIDENT_WORKFLOW}' AND ExecutionStatus = 'Running' AND (${awaited}${SA.dueSoon.name} IS NULL)`;
}

export async function myTasks(deps: AppDeps, user: User): Promise<MyTasks> {
  const { client } = deps;
  const query = tasksQuery(user.roles);
  const response = await within(deps, () => client.workflowService.listWorkflowExecutions({ namespace: client.options.namespace, query, pageSize: TASK_SCAN_LIMIT }));
  // a workflow started around the API under a foreign id is not ours to read
  const infos = (await executionInfos(deps, response.executions)).filter((info) => isIncidentId(info.workflowId));
  const listed = infos.map((info) => listedTasks(info, user));
  const older = infos.filter((_, i) => !listed[i]).map((info) => info.workflowId);
  const queried = await queriedTasks(deps, older, user);
  const items = [...listed, ...queried].flatMap((t) => t ?? []).sort(compareTasks);
  return { items, scanned: infos.length, truncated: (response.nextPageToken?.length ?? 0) > 0, unanswered: queried.filter((t) => !t).length };
}
