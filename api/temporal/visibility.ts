// The incident list comes from Temporal visibility (the same search attributes the Temporal UI
// filters on), so it needs no database of its own. Visibility is eventually consistent: a new
// incident, or a decision just taken, shows within about a second. Each row's deadline badge is the
// workflow's own memo (domain/incident/listing.ts); only runs from before it kept one are queried.
import { executionInfoFromRaw } from '@temporalio/client/lib/helpers';
import type { WorkflowExecutionInfo } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';
import { z } from 'zod';
import { INCIDENT_WORKFLOW } from '../../workflows/incident/definitions';
import { label } from '../../domain/labels';
import { Category, type DeadlineKind, Severity, STEPS } from '../../domain/model/schema';
import { SA } from '../../workflows/incident/definitions';
import { listedDeadline, type Listing, LISTING_MEMO, ListingMemo } from '../../domain/incident/listing';
import { searchGrams } from '../../domain/rules/text-grams';
import { compareDue } from '../../domain/rules/urgency';
import type { AppDeps } from '../deps';
import { foldScript } from '../search/fold';
import { isIncidentId, queryState, within } from './incidents';
import { openPageToken, sealPageToken } from './page-token';

const PAGE_TOKEN_RULE = label('validation', 'pageToken', 'en');

const QUOTES = /['"\\]/;

export const ListFilters = z.object({
  severity: Severity.optional(),
  stage: z.enum([...STEPS, 'closed']).optional(),
  category: Category.optional(),
  // spliced into the visibility query as a string literal, so quotes cannot be allowed
  // (after folding too: NFKC turns the full-width ＇ into ')
  department: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .refine((v) => !QUOTES.test(v) && !QUOTES.test(foldScript(v)), label('validation', 'noQuotes', 'en'))
    .optional(),
  breached: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  /** a deadline not yet passed falls due within the hour (incidents from before this attribute have none) */
  dueSoon: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  pageToken: z.string().max(8192).regex(/^[A-Za-z0-9_-]+$/, PAGE_TOKEN_RULE).optional(),
});
export type ListFilters = z.infer<typeof ListFilters>;

/** The filters, with the Temporal page the token stands for once its seal (key and query) checks out. */
export function listFilters(key: Buffer) {
  return ListFilters.transform((f, ctx) => {
    if (!f.pageToken) return { ...f, page: undefined };
    const page = openPageToken(key, visibilityQuery(f), f.pageToken);
    if (!page) ctx.addIssue({ code: 'custom', path: ['pageToken'], message: PAGE_TOKEN_RULE, input: f.pageToken });
    return { ...f, page };
  });
}
export type ListRequest = z.output<ReturnType<typeof listFilters>>;

export function visibilityQuery(f: ListFilters): string {
  const terms = [`WorkflowType = '${INCIDENT_WORKFLOW}'`];
  if (f.severity) terms.push(`${SA.severity.name} = '${f.severity}'`);
  if (f.stage) terms.push(`${SA.stage.name} = '${f.stage}'`);
  if (f.category) terms.push(`${SA.category.name} = '${f.category}'`);
  if (f.department) terms.push(departmentTerm(f.department));
  if (f.breached !== undefined) terms.push(`${SA.breached.name} = ${f.breached}`);
  if (f.dueSoon !== undefined) terms.push(`${SA.dueSoon.name} = ${f.dueSoon}`);
  return terms.join(' AND ');
}

/**
 * In either script, any part of the name: 教育局 and 县教育局 both find 县教育局. The exact name
 * as well, for incidents started before the grams were set (or from the Temporal UI, without them).
 */
function departmentTerm(department: string): string {
  const grams = searchGrams(foldScript(department)).map((g) => `${SA.departmentGrams.name} = '${g}'`);
  return `(${SA.department.name} = '${department}' OR (${grams.join(' AND ')}))`;
}

/** Pairs all present is not yet a substring (县教委教育局 holds 县教 and 教育, not 县教育): the page is checked. */
const holdsDepartment = (department: string | undefined, wanted: string | undefined) =>
  !wanted || (department !== undefined && foldScript(department).includes(wanted));

/** Visibility's rows as the client reads them, memo decoded. */
export function executionInfos(deps: AppDeps, executions: temporal.api.workflow.v1.IWorkflowExecutionInfo[]): Promise<WorkflowExecutionInfo[]> {
  const { client } = deps;
  return Promise.all(executions.map((raw) => executionInfoFromRaw(raw, client.options.loadedDataConverter, raw, client.options.namespace)));
}

/** What the workflow keeps for the lists; undefined for a run from before it kept it (or a memo not its own). */
export function listingOf(info: WorkflowExecutionInfo): Listing | undefined {
  const parsed = ListingMemo.safeParse(info.memo?.[LISTING_MEMO]);
  return parsed.success ? parsed.data : undefined;
}

export async function listIncidents(deps: AppDeps, filters: ListRequest) {
  const { client } = deps;
  const query = visibilityQuery(filters);
  const response = await within(deps, () =>
    client.workflowService.listWorkflowExecutions({ namespace: client.options.namespace, query, pageSize: filters.pageSize, nextPageToken: filters.page }),
  );
  const infos = await executionInfos(deps, response.executions);
  // a workflow started around the API under a foreign id would only link to a 404: it is not ours to list
  const wanted = filters.department && foldScript(filters.department);
  const ours = infos.filter((info) => isIncidentId(info.workflowId) && holdsDepartment(info.typedSearchAttributes.get(SA.department), wanted));
  const items = await Promise.all(
    ours.map(async (info) => {
      const sa = info.typedSearchAttributes;
      // a closed incident has no open deadline to show; a run without the memo is asked for its state
      const running = info.status.name === 'RUNNING';
      const listed = running ? listingOf(info) : undefined;
      const nextDeadline = listed ? listed.nextDeadline : running ? await queryState(deps, info.workflowId).then(listedDeadline, () => undefined) : undefined;
      return {
        workflowId: info.workflowId,
        title: typeof info.memo?.title === 'string' ? info.memo.title : undefined,
        ...(info.memo?.drill === 'true' ? { drill: true } : {}),
        status: info.status.name,
        startTime: info.startTime.toISOString(),
        closeTime: info.closeTime?.toISOString(),
        severity: sa.get(SA.severity),
        stage: sa.get(SA.stage),
        category: sa.get(SA.category),
        department: sa.get(SA.department),
        breached: sa.get(SA.breached) ?? false,
        discoveredAt: sa.get(SA.discoveredAt)?.toISOString(),
        nextDeadline,
      };
    }),
  );
  // within the page, the nearest deadline first; the rest keep visibility's order (newest first)
  items.sort((a, b) => compareDue(a.nextDeadline?.dueAt, b.nextDeadline?.dueAt));
  const token = response.nextPageToken;
  return { items, nextPageToken: token && token.length > 0 ? sealPageToken(deps.sessionKey, query, token) : null };
}
