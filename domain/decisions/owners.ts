// Reassigning a deadline to another person (改派): the office or leadership names who answers for it
// now and why. The API looks the person up in the users file and puts their ref in the payload, so
// the workflow records exactly who was named; a breach from then on is held against them.
import { z } from 'zod';
import { label } from '../labels';
import { DeadlineKind, Role } from '../model/schema';
import { openDeadlines, RESPONSIBLE } from '../incident/deadline-book';
import { roleLabel } from '../rules/roles';
import { freezeShallow } from '../rules/shareable';
import { reason } from './fields';
import { handling } from './open';
import { defineDecision, invalid, type Refusal, say } from './spec';

/** `to` reads 上报对象 in the shared field words (a report's old recipient): here it is the person named */
export const TO_WORDS = label('field', 'reassignOwner.to');
function invalidTo(rule: string, words: string): Refusal {
  const message = `${TO_WORDS}：${words}`;
  return { code: 'invalid', message, issues: [{ field: 'to', rule, message }] };
}

/** the person named, as the API found them in the users file */
export const OwnerRef = z.object({
  // as a UserRef's: the API checked the sign-in name against the users file
  id: z.string().trim().min(1).max(64),
  name: z.string().trim().min(1).max(64),
  department: z.string().trim().min(1).max(64).optional(),
  roles: z.array(Role).min(1),
});
export type OwnerRef = z.infer<typeof OwnerRef>;
// frozen before the SDK's deep freeze, as index.ts does for the decisions' own schemas
freezeShallow([OwnerRef]);

export const reassignOwner = defineDecision({
  fields: z.object({ deadline: DeadlineKind, to: OwnerRef, reason }),
  roles: ['approver', 'handler'],
  standing: true,
  description: '把一项未完成的期限改派给另一责任人，并说明原因。{deadline, to:{id,name,department?,roles}, reason}（经 API 时 to 只写用户名）',
  descriptionEn: "Reassign an open deadline to another person, with the reason. {deadline, to:{id,name,department?,roles}, reason} (through the API, to is the user name only)",
  occasions: (s) => (handling(s) && s.deadlines.some((d) => !d.metAt && !d.cancelled) ? [{}] : []),
  check(s, p) {
    const [d] = openDeadlines(s, [p.deadline]);
    if (!d) return invalid('deadline', 'must name an open deadline of this incident', `须为本事件未完成的期限（${label('deadline', p.deadline)}不在其列）`);
    const role = RESPONSIBLE[p.deadline];
    if (!p.to.roles.includes(role)) return invalidTo(`must hold the role answerable for it (${role})`, `须具有${roleLabel(role)}角色，才能对${d.label}负责`);
    if (d.owner?.id === p.to.id) return invalidTo('must be someone other than its owner now', `${p.to.name}已是${d.label}的责任人`);
    return undefined;
  },
  apply(s, p) {
    const [d] = openDeadlines(s, [p.deadline]);
    // named before the new owner replaces the old one
    const [fromZh, fromEn] = d!.owner ? [d!.owner.name, d!.owner.name] : [roleLabel(d!.responsible), roleLabel(d!.responsible, 'en')];
    d!.owner = { id: p.to.id, name: p.to.name, ...(p.to.department ? { department: p.to.department } : {}), via: 'reassigned' };
    return say(s)(
      `${d!.label}由${fromZh}改派给${p.to.name}${p.to.department ? `（${p.to.department}）` : ''}：${p.reason}`,
      `${d!.label} reassigned from ${fromEn} to ${p.to.name}${p.to.department ? ` (${p.to.department})` : ''}: ${p.reason}`,
    );
  },
});
