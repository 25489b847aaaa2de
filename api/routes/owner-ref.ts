// The person a reassignment names: the API takes their sign-in name and writes the ref the decision
// carries from the users file, so nobody can be made answerable under a name that does not exist,
// or on an account that is disabled.
import type { Request } from 'express';
import { z } from 'zod';
import { DECISIONS, type DecisionName } from '../../domain/decisions/index';
import { TO_WORDS } from '../../domain/decisions/owners';
import { USER_NAME } from '../auth/users';
import type { AppDeps } from '../deps';
import { HttpError, parse } from '../errors';

/** What a client sends for a decision: its fields, with a person named by sign-in name where the decision names one. */
export function requestFields(name: DecisionName): z.ZodObject {
  const { fields } = DECISIONS[name];
  return name === 'reassignOwner' ? fields.extend({ to: USER_NAME }) : fields;
}

const refuseTo = (rule: string, words: string) => new HttpError(400, 'invalid', `${TO_WORDS}：${words}`, [{ field: 'to', rule, message: `${TO_WORDS}：${words}` }]);

/** The body with `to` replaced by the person's ref; 400 naming `to` when nobody can take it. */
export function withOwnerRef(deps: AppDeps, name: DecisionName, sent: Record<string, unknown>, req: Request): Record<string, unknown> {
  if (name !== 'reassignOwner') return sent;
  parse(DECISIONS.reassignOwner.schema.extend({ to: USER_NAME }), sent, 'decision', req);
  const user = deps.users.get(sent.to as string);
  if (!user) throw refuseTo('must be a user in the users file', `查无此用户（${String(sent.to)}）`);
  if (user.disabled) throw refuseTo('must not be a disabled account', `该账户已停用（${user.name}）`);
  return { ...sent, to: { id: user.name, name: user.displayName, ...(user.department ? { department: user.department } : {}), roles: user.roles } };
}
