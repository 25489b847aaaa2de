// A delivery's failure, worded in Simplified Chinese and English. Where it happens nobody knows
// whose notice it was (a robot's one message may carry several incidents' notices), so it carries
// both, and the notice activity says it in its incident's language (notify.ts): those are the
// words the incident's timeline and the Temporal UI show.
import { ApplicationFailure } from '@temporalio/common';

export interface Meaning {
  zh: string;
  en: string;
}

export function deliveryFailure(words: Meaning, type: string, retryable: boolean): ApplicationFailure {
  return ApplicationFailure.create({ message: words.zh, type, nonRetryable: !retryable, details: [words] });
}

const isMeaning = (x: unknown): x is Meaning => typeof (x as Meaning)?.zh === 'string' && typeof (x as Meaning)?.en === 'string';

/** The failure in one language (the incident's), its other wording kept out of the history; anything else unchanged. */
export function inLanguage(err: unknown, script: 'en' | undefined): unknown {
  if (!(err instanceof ApplicationFailure) || !isMeaning(err.details?.[0])) return err;
  const words = err.details[0];
  const message = script === 'en' ? words.en : words.zh;
  const said = ApplicationFailure.create({ message, type: err.type ?? undefined, nonRetryable: err.nonRetryable ?? undefined });
  // where it failed, not where it was reworded
  const frames = err.stack?.indexOf('\n    at ') ?? -1;
  if (frames >= 0) said.stack = `${said.name}: ${message}${err.stack!.slice(frames)}`;
  return said;
}
