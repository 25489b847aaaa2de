// What handling an incident needs before its steps can end (SPEC §6): the category says which
// coordination actions are owed, the verification verdict says what the publication must do.
import type { ActionKind, Category, Severity, Verdict } from '../model/schema';

/** Each inner list is "one of these"; every outer entry must be satisfied. */
export function requiredActions(category: Category, verdict: Verdict): ActionKind[][] {
  const needs: ActionKind[][] = [];
  // an inquiry is answered; a suggestion is adopted where useful, and answered either way
  if (category === 'inquiry' || category === 'suggestion') needs.push(['reply']);
  // confirmed → the measures taken, accountability among them; partially confirmed → correct it
  if (verdict === 'confirmed') needs.push(['accountability', 'correction', 'offlineResolution']);
  if (verdict === 'partial') needs.push(['correction']);
  return needs;
}

export function missingActions(category: Category, verdict: Verdict, done: readonly { kind: ActionKind }[]): ActionKind[][] {
  return requiredActions(category, verdict).filter((anyOf) => !done.some((a) => anyOf.includes(a.kind)));
}

/**
 * A general inquiry or suggestion is answered by a reply to the netizen; everything else needs
 * at least one authoritative release (facts when confirmed, clarification when not).
 */
export function releaseRequired(severity: Severity, category: Category): boolean {
  return !(severity === 'general' && (category === 'inquiry' || category === 'suggestion'));
}

export const CATEGORY_LABELS: Record<Category, string> = {
  inquiry: '詢問、質疑、訴求',
  hype: '惡意傳播、炒作',
  fabrication: '捏造、歪曲、誹謗、煽動',
  suggestion: '建議',
};

export const VERDICT_LABELS: Record<Verdict, string> = {
  confirmed: '屬實',
  partial: '部分屬實',
  unfounded: '不實',
};

export const VERDICT_GUIDANCE: Record<Verdict, string> = {
  confirmed: '發布事實及處理措施（含問責）',
  partial: '更正並澄清',
  unfounded: '澄清事實',
};

export const ACTION_LABELS: Record<ActionKind, string> = {
  reply: '答復',
  correction: '更正',
  accountability: '問責',
  platformReport: '向平台舉報',
  lawEnforcementReferral: '移送公安機關',
  suggestionAdopted: '採納建議',
  offlineResolution: '網下解決問題',
  other: '其他',
};

/** Human decisions with consequences for third parties: leadership only, with a reason (SPEC §9). */
export const LEADERSHIP_ACTIONS: readonly ActionKind[] = ['platformReport', 'lawEnforcementReferral'];
