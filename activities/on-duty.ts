// The people on duty a notice reaches, read at send time: the roster says who (domain/duty), the
// users file how to reach them. A disabled or unknown name reaches nobody. A roster or users file
// that cannot be read sends the notice by role as before, and says so in the worker's log: a typo
// in the roster must not hold back a breach notice.
import type { ActivityConfig } from '../config/channels';
import type { Person } from '../config/notify-file';
import { readRoster } from '../config/roster-file';
import { type UserRecord, usersIfAny } from '../config/users-file';
import { dutyByRole } from '../domain/duty/notice-duty';
import type { Role } from '../domain/model/schema';

export interface OnDuty {
  /** per role, the people on duty as the channels address them */
  byRole: Partial<Record<Role, Person[]>>;
  /** everyone named, for the record: sign-in and display names */
  people: { name: string; displayName: string }[];
}

const NOBODY: OnDuty = { byRole: {}, people: [] };

/** DingTalk @-mentions by mobile digits only */
const mobileOf = (phone?: string) => phone?.replace(/[\s-]/g, '');

function asPerson(u: UserRecord): Person {
  const c = u.contacts ?? {};
  const mobile = mobileOf(c.phone);
  return {
    name: u.displayName,
    ...(c.email ? { email: c.email } : {}),
    ...(mobile ? { mobile } : {}),
    ...(c.wecom ? { wecomUserId: c.wecom } : {}),
    ...(c.feishu ? { feishuOpenId: c.feishu } : {}),
  };
}

export function onDutyFor(config: Pick<ActivityConfig, 'dataDir' | 'usersFile'>, roles: readonly Role[], atMs: number, department?: string): OnDuty {
  let names: Partial<Record<Role, string[]>>;
  let users: Map<string, UserRecord>;
  try {
    names = dutyByRole(readRoster(config.dataDir), roles, atMs, department);
    if (!Object.values(names).some((n) => n.length)) return NOBODY;
    users = new Map(usersIfAny(config.usersFile).map((u) => [u.name, u]));
  } catch (err) {
    process.stdout.write(`${JSON.stringify({ type: 'notice-duty', at: new Date().toISOString(), problem: (err as Error).message.split('\n')[0], fallback: 'by role' })}\n`);
    return NOBODY;
  }
  const byRole: OnDuty['byRole'] = {};
  const people = new Map<string, { name: string; displayName: string }>();
  for (const [role, list] of Object.entries(names) as [Role, string[]][]) {
    const reachable = list.flatMap((n) => {
      const u = users.get(n);
      return u && !u.disabled ? [u] : [];
    });
    if (!reachable.length) continue;
    byRole[role] = reachable.map(asPerson);
    for (const u of reachable) people.set(u.name, { name: u.name, displayName: u.displayName });
  }
  return { byRole, people: [...people.values()] };
}
