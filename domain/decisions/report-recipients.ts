// Whom the reports upward must reach (SPEC §5, 篇五): the policy names the recipients per grade, and
// each one not yet reported to is owed. The list lives in the state because occasions see only the
// state; it is recomputed whenever a report is filed or the grade changes.
import { type PolicySnapshot, RECIPIENTS, type ReportRecipients, type RequiredRecipient } from '../model/schema';
import type { IncidentState, ReportRecord } from '../model/state';
import { DEFAULT_LANG, label, type Lang } from '../labels';

/**
 * Incidents started under the reports the plans require carry `reportsOwed` (possibly empty);
 * older ones do not, and their report decision keeps its old occasions and text.
 */
export const reportsAsPlans = (s: IncidentState): boolean => s.reportsOwed !== undefined;

/** The recipients the current grade requires; a snapshot from before recipients were named requires none. */
export function requiredRecipients(s: IncidentState, policy: PolicySnapshot): RequiredRecipient[] {
  const table: ReportRecipients | undefined = policy.reportRecipients;
  if (!table) return [];
  const sensitive = s.incident.sensitive.topics.length > 0;
  const wanted = new Set<string>([...table.required[s.severity], ...(sensitive ? table.sensitiveAlso[s.severity] : [])]);
  return RECIPIENTS.filter((r): r is RequiredRecipient => wanted.has(r));
}

/**
 * Required recipients not yet reported to. After a rise into major or critical the new grade is
 * reported anew (篇二十/第一篇), so only reports since the rise count.
 */
export function owedRecipients(s: IncidentState, policy: PolicySnapshot): RequiredRecipient[] {
  const reached = new Set(s.reports.slice(s.reportsBeforeRise ?? 0).flatMap((r) => r.recipients ?? []));
  return requiredRecipients(s, policy).filter((r) => !reached.has(r));
}

/** Brings `reportsOwed` up to date; a no-op for incidents started before it existed. */
export function settleOwed(s: IncidentState, policy: PolicySnapshot): void {
  if (reportsAsPlans(s)) s.reportsOwed = owedRecipients(s, policy);
}

/** `党政办、上级业务部门、县委办`: the named recipients, then 'other' by its name, then an old report's free text. */
export function recipientsText(r: Pick<ReportRecord, 'recipients' | 'otherRecipient' | 'to'>, lang: Lang = DEFAULT_LANG): string {
  const named = (r.recipients ?? []).filter((x) => x !== 'other').map((x) => label('recipient', x, lang));
  return [...named, ...(r.otherRecipient ? [r.otherRecipient] : []), ...(r.to ? [r.to] : [])].join(lang === 'en' ? ', ' : '、');
}
