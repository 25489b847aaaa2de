// Who on the roster a notice addresses besides its roles' configured contacts: the office's people
// on duty for a notice to the office (handler), the department's own (else the office's) for one
// to the information officers (monitor). Other roles go by role only. Pure: the notify activity
// reads the roster and the users file and asks this.
import type { Role } from '../model/schema';
import { onDutyAt, type Roster } from './roster';

export const DUTY_ROLES = ['handler', 'monitor'] as const satisfies readonly Role[];

/** The sign-in names on duty at `atMs` for each of `roles` the roster answers for. */
export function dutyByRole(roster: Roster, roles: readonly Role[], atMs: number, department?: string): Partial<Record<Role, string[]>> {
  const out: Partial<Record<Role, string[]>> = {};
  for (const role of roles) {
    if (role === 'handler') out.handler = onDutyAt(roster, atMs).people;
    if (role === 'monitor') out.monitor = onDutyAt(roster, atMs, department).people;
  }
  return out;
}
