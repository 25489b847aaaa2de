// 演练: what marks a drill wherever it shows, so nobody takes a practice run for a real incident.
// Pure: the workflow marks its notices and Temporal UI texts with these, the API its start summary,
// the documents their titles.
import { DEFAULT_DRILL, type PolicySnapshot } from '../model/schema';
import type { OwedNotice } from './notices';

export const DRILL_MARK = '【演练】';

/** A drill's notice: the mark before its title and atop its text. */
export function drillNotice(drill: boolean | undefined, n: OwedNotice): OwedNotice {
  return drill ? { ...n, title: `${DRILL_MARK}${n.title}`, markdown: `**${DRILL_MARK}**\n\n${n.markdown}` } : n;
}

/** A text with the mark before it when it belongs to a drill. */
export const drillMarked = (drill: boolean | undefined, text: string): string => (drill ? `${DRILL_MARK}${text}` : text);

/** The fraction of each deadline's span a drill gets; a snapshot from before drills existed has the default. */
export const drillFactor = (policy: PolicySnapshot): number => (policy.drill ?? DEFAULT_DRILL).deadlineFactor;
