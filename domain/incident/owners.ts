// Who answers for a deadline (SPEC §4 accountability; 篇二十/第六篇 迟报、漏报 are held against a
// person and their unit): the person on duty who holds the role, else the one holder of the role in
// the incident's department, else the role's only holder. More than one with nothing to choose
// between them is no choice: the deadline stays the role's. Pure, so the worker's activity and the
// tests ask the same question.
import type { Roster } from '../duty/roster';
import { onDutyAt } from '../duty/roster';
import type { Role } from '../model/schema';
import type { Owner } from '../model/state';
import { DEFAULT_LANG, type Lang } from '../labels';

/** What the choice needs of a user in the users file. */
export interface Person {
  name: string;
  displayName: string;
  roles: readonly Role[];
  department?: string;
  disabled?: boolean;
}

export interface OwnerQuestion {
  atMs: number;
  /** the incident's department responsible */
  department: string;
  role: Role;
}

export function ownerFrom(p: Person, via: Owner['via']): Owner {
  return { id: p.name, name: p.displayName, ...(p.department ? { department: p.department } : {}), via };
}

export function chooseOwner(people: readonly Person[], roster: Roster, q: OwnerQuestion): Owner | undefined {
  const holders = people.filter((p) => !p.disabled && p.roles.includes(q.role));
  // the roster's order is the office's: the first named on the shift answers first
  const onDuty = onDutyAt(roster, q.atMs, q.department).people;
  const dutyHolder = onDuty.map((name) => holders.find((p) => p.name === name)).find((p) => p !== undefined);
  if (dutyHolder) return ownerFrom(dutyHolder, 'roster');
  const inDepartment = holders.filter((p) => p.department === q.department);
  if (inDepartment.length === 1) return ownerFrom(inDepartment[0]!, 'department');
  if (holders.length === 1) return ownerFrom(holders[0]!, 'role');
  return undefined;
}

/** One answer per role, for a batch of deadlines opened together. */
export function chooseOwners(people: readonly Person[], roster: Roster, q: Omit<OwnerQuestion, 'role'> & { roles: readonly Role[] }): Partial<Record<Role, Owner>> {
  const chosen: Partial<Record<Role, Owner>> = {};
  for (const role of new Set(q.roles)) {
    const owner = chooseOwner(people, roster, { ...q, role });
    if (owner) chosen[role] = owner;
  }
  return chosen;
}

/** Who answers for a deadline, as a breach or a late entry names it: the role, and the owner with their unit when there is one. */
export function answerable(responsible: string, owner: Owner | undefined, lang: Lang = DEFAULT_LANG): string {
  if (!owner) return responsible;
  const unit = owner.department ? (lang === 'en' ? ` (${owner.department})` : `（${owner.department}）`) : '';
  return `${responsible} ${owner.name}${unit}`;
}
