// What handling an incident needs before its steps can end (SPEC §6): the category says which
// coordination actions are owed, the verification verdict says what the publication must do.
import { labelsOf } from '../labels';
import type { ActionKind, Category, Severity, Verdict } from '../model/schema';

/** Each inner list is "one of these"; every outer entry must be satisfied. Without a verdict yet, the category's own. */
export function requiredActions(category: Category, verdict: Verdict | undefined): ActionKind[][] {
  const needs: ActionKind[][] = [];
  // an inquiry is answered; a suggestion is adopted where useful, and answered either way
  if (category === 'inquiry' || category === 'suggestion') needs.push(['reply']);
  // confirmed → the measures taken, accountability among them; partially confirmed → correct it
  if (verdict === 'confirmed') needs.push(['accountability', 'correction', 'offlineResolution']);
  if (verdict === 'partial') needs.push(['correction']);
  return needs;
}

export function missingActions(category: Category, verdict: Verdict | undefined, done: readonly { kind: ActionKind }[]): ActionKind[][] {
  return requiredActions(category, verdict).filter((anyOf) => !done.some((a) => anyOf.includes(a.kind)));
}

/**
 * A general inquiry or suggestion is answered by a reply to the netizen; everything else needs
 * at least one authoritative release (facts when confirmed, clarification when not).
 */
export function releaseRequired(severity: Severity, category: Category): boolean {
  return !(severity === 'general' && (category === 'inquiry' || category === 'suggestion'));
}

export const CATEGORY_LABELS: Record<Category, string> = labelsOf('category');

export const VERDICT_LABELS: Record<Verdict, string> = labelsOf('verdict');

export const ACTION_LABELS: Record<ActionKind, string> = labelsOf('action');

/** Human decisions with consequences for third parties: leadership only, with a reason (SPEC §9). */
export const LEADERSHIP_ACTIONS: readonly ActionKind[] = ['platformReport', 'lawEnforcementReferral'];
