// 演练: what marks a drill wherever it shows, so nobody takes a practice run for a real incident.
// Pure: the workflow marks its notices and Temporal UI texts with these, the API its start summary,
// the documents their titles.
import { DEFAULT_DRILL, type PolicySnapshot } from '../model/schema';
import type { OwedNotice } from './notices';
import type { Script } from '../script';

export const DRILL_MARK = '【演练】';
export const DRILL_MARK_EN = '[DRILL] ';

const markFor = (script: Script) => (script === 'en' ? DRILL_MARK_EN : DRILL_MARK);

/** A drill's notice: the mark before its title and atop its text. */
export function drillNotice(drill: boolean | undefined, n: OwedNotice, script: Script = 'zh-Hans'): OwedNotice {
  const mark = markFor(script);
  return drill ? { ...n, title: `${mark}${n.title}`, markdown: `**${mark.trim()}**\n\n${n.markdown}` } : n;
}

/** A text with the mark before it when it belongs to a drill. */
export const drillMarked = (drill: boolean | undefined, text: string, script: Script = 'zh-Hans'): string => (drill ? `${markFor(script)}${text}` : text);

/** The fraction of each deadline's span a drill gets; a snapshot from before drills existed has the default. */
export const drillFactor = (policy: PolicySnapshot): number => (policy.drill ?? DEFAULT_DRILL).deadlineFactor;
