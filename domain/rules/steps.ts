// Labels of the seven steps (SPEC §2) and the order the incident page and details show them in.
import { DEFAULT_LANG, label, labelsOf, type Lang } from '../labels';
import type { Step } from '../model/schema';
import type { IncidentState } from '../model/state';

export const STEP_LABELS: Record<Step, string> = labelsOf('step');

/** What the incident is at: its current step, or closed. */
export function stageLabel(stage: Step | 'closed', lang: Lang = DEFAULT_LANG): string {
  return stage === 'closed' ? label('incidentStatus', 'completed', lang) : label('step', stage, lang);
}

export const STEP_ORDER: readonly Step[] = ['monitor', 'verify', 'coordinate', 'guide', 'publish', 'track', 'summarize'];

/** The step the incident is "in": the first one still active; 'closed' once it ended. */
export function currentStep(s: Pick<IncidentState, 'steps' | 'closed'>): Step | 'closed' {
  if (s.closed) return 'closed';
  return STEP_ORDER.find((step) => s.steps[step].status === 'active') ?? STEP_ORDER.find((step) => s.steps[step].status === 'pending') ?? 'summarize';
}
