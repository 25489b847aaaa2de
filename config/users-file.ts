// The users file's shape (YUQING_USERS_FILE, default data/users.json): who may sign in, with which
// roles, department, contacts and duty eligibility. Here rather than in the API because the worker
// reads it too, to reach the people on duty and to name owners; only the API writes it.
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { Role, UserName } from '../domain/model/schema';

export const USER_NAME = UserName;
const IM_ID = z.string().regex(/^[A-Za-z0-9_.@-]{1,64}$/, 'letters, digits, _ . @ - (max 64)');

export const Contacts = z
  .object({
    wecom: IM_ID.optional(),
    dingtalk: IM_ID.optional(),
    feishu: IM_ID.optional(),
    email: z.email().max(254).optional(),
    phone: z.string().regex(/^\+?[0-9][0-9 -]{4,18}[0-9]$/, 'digits, spaces or -, optionally a leading + (6 to 20)').optional(),
  })
  .strict();
export type Contacts = z.infer<typeof Contacts>;

export const UserRecord = z
  .object({
    name: USER_NAME,
    displayName: z.string().trim().min(1).max(64),
    roles: z.array(Role).min(1),
    password: z.string().startsWith('scrypt$').optional(),
    tokenHash: z.string().regex(/^sha256\$[0-9a-f]{64}$/).optional(),
    department: z.string().trim().min(1).max(64).optional(),
    contacts: Contacts.optional(),
    /** may be put on the duty roster */
    dutyEligible: z.boolean().optional(),
    /** signs nobody in, by password, cookie or token */
    disabled: z.boolean().optional(),
    /** raised when a password is reset or the account disabled: sessions signed under a lower one end */
    generation: z.number().int().min(0).optional(),
  })
  .refine((u) => u.password || u.tokenHash, 'needs a password or a tokenHash');
export type UserRecord = z.infer<typeof UserRecord>;

export const UsersFile = z.object({
  users: z.array(UserRecord).min(1).refine((us) => new Set(us.map((u) => u.name)).size === us.length, 'user names must be unique'),
});
export type UsersFile = z.infer<typeof UsersFile>;

export function readUsersFile(path: string): UsersFile {
  const parsed = UsersFile.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid users file ${path}:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** The worker's read: no users file yet (the demo before the API's first start) is nobody to reach or name. */
export function usersIfAny(path: string): UserRecord[] {
  return existsSync(path) ? readUsersFile(path).users : [];
}
