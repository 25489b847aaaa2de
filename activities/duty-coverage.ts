// The hours of a span that nobody in the office is on duty for, read from the roster when asked:
// the workflow warns the office of them while 24-hour duty is on. Reads only, so a retry is
// harmless; a roster that fails its schema is refused without retry, its problem named, because
// retrying cannot fix the file.
import { ApplicationFailure } from '@temporalio/common';
import { readRoster } from '../config/roster-file';
import { uncoveredHours } from '../domain/duty/roster';
import type { IncidentActivities } from './types';

export function createDutyCoverage(dataDir: string): IncidentActivities['dutyCoverage'] {
  return async ({ fromMs, toMs }) => {
    let roster;
    try {
      roster = readRoster(dataDir);
    } catch (err) {
      throw ApplicationFailure.nonRetryable(`值班表无法读取：${(err as Error).message}`, 'RosterInvalid');
    }
    return { uncovered: uncoveredHours(roster, fromMs, toMs), utcOffsetMinutes: roster.utcOffsetMinutes };
  };
}
