// Labels of the seven steps (SPEC §2) and the order the incident page and details show them in.
import type { Step } from '../model/schema';
import type { IncidentState } from '../model/state';

export const STEP_LABELS: Record<Step, string> = {
  monitor: '輿情監測研判',
  verify: '調查核實',
  coordinate: '協調處置',
  guide: '正面引導',
  publish: '信息發布',
  track: '跟蹤監測',
  summarize: '及時總結',
};

export const STEP_ORDER: readonly Step[] = ['monitor', 'verify', 'coordinate', 'guide', 'publish', 'track', 'summarize'];

/** The step the incident is "in": the first one still active; 'closed' once it ended. */
export function currentStep(s: Pick<IncidentState, 'steps' | 'closed'>): Step | 'closed' {
  if (s.closed) return 'closed';
  return STEP_ORDER.find((step) => s.steps[step].status === 'active') ?? STEP_ORDER.find((step) => s.steps[step].status === 'pending') ?? 'summarize';
}
