// SPEC §4: a discovery time (or a monitoring system's sighting) cannot be in the future. Some skew
// between the sender's clock and ours is tolerated; a time that does not parse is its format's
// problem, reported once by the schema, not again here.
import { label } from '../domain/labels';

const FUTURE_SKEW_MS = 2 * 60 * 1000;

/** in English for scripts; rules/issue-words.ts words it for people from the same label */
export const NOT_IN_FUTURE = label('validation', 'notInFuture', 'en');

export function notInFuture(iso: string, now: Date): boolean {
  const at = Date.parse(iso);
  return Number.isNaN(at) || at <= now.getTime() + FUTURE_SKEW_MS;
}
