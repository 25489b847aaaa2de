// When the standing decisions are open: from registration until the summary starts.
import type { IncidentState } from '../model/state';

export function handling(s: IncidentState): boolean {
  return s.steps.summarize.status === 'pending';
}
