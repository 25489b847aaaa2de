// When the standing decisions are open: from registration until the summary starts (actions, such
// as accountability, also while it is written, under the tracking-and-returns rules).
import type { IncidentState } from '../model/state';

export function handling(s: IncidentState): boolean {
  return s.steps.summarize.status === 'pending';
}

/**
 * Whether the incident runs under the tracking-and-returns rules: track() sets `tracking` only
 * under them, so a state from a run before (or not yet tracking) admits what it always did.
 */
export function underTrackingRules(s: IncidentState): boolean {
  return s.tracking !== undefined;
}

/** Actions taken during the summary still count (问责 often follows the facts): SPEC §2 step 7. */
export function recordingActions(s: IncidentState): boolean {
  return handling(s) || (underTrackingRules(s) && s.steps.summarize.status === 'active');
}
