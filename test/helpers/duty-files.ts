// A roster and a users file written where the worker reads them, for tests of the people on duty.
// `shiftsAround` puts the night shift around a given instant (Beijing time), so "wang is on night
// duty now" holds whenever the test runs.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROSTER_FILE, USERS_FILE } from '../../domain/data-layout';
import type { Roster } from '../../domain/duty/roster';
import type { Contacts } from '../../config/users-file';

const OFFSET_MINUTES = 480;
const local = (ms: number) => new Date(ms + OFFSET_MINUTES * 60_000).toISOString();
const hhmm = (ms: number) => local(ms).slice(11, 16);

/** Night from two hours before `atMs` to two hours after, day the rest; the local dates of `atMs` and the day before. */
export function shiftsAround(atMs: number) {
  const night = { start: hhmm(atMs - 2 * 3_600_000), end: hhmm(atMs + 2 * 3_600_000) };
  const today = local(atMs).slice(0, 10);
  const yesterday = local(atMs - 86_400_000).slice(0, 10);
  return { shifts: { day: { start: night.end, end: night.start }, night }, dates: [yesterday, today] as const };
}

export interface DutyUser {
  name: string;
  displayName: string;
  contacts?: Contacts;
  disabled?: boolean;
}

export function writeRoster(dataDir: string, roster: Partial<Roster> & Pick<Roster, 'entries'>): void {
  writeFileSync(join(dataDir, ROSTER_FILE), JSON.stringify({ utcOffsetMinutes: OFFSET_MINUTES, ...roster }));
}

export function writeUsers(dataDir: string, users: DutyUser[]): void {
  const records = users.map((u) => ({ roles: ['handler'], password: 'scrypt$test', dutyEligible: true, ...u }));
  writeFileSync(join(dataDir, USERS_FILE), JSON.stringify({ users: records }));
}
