// The users file (YUQING_USERS_FILE, default data/users.json): who may sign in, with which roles.
// It holds hashes only; a wrong file stops the API at start with the field and rule at fault.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { Role, type UserRef } from '../../domain/model/schema';
import { hashToken, sameText, verifyPassword } from './secrets';

export const UserRecord = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'lower-case letters, digits, . _ - (max 64)'),
    displayName: z.string().trim().min(1).max(64),
    roles: z.array(Role).min(1),
    password: z.string().startsWith('scrypt$').optional(),
    tokenHash: z.string().regex(/^sha256\$[0-9a-f]{64}$/).optional(),
  })
  .refine((u) => u.password || u.tokenHash, 'needs a password or a tokenHash');
export type UserRecord = z.infer<typeof UserRecord>;

export const UsersFile = z.object({
  users: z.array(UserRecord).min(1).refine((us) => new Set(us.map((u) => u.name)).size === us.length, 'user names must be unique'),
});
export type UsersFile = z.infer<typeof UsersFile>;

export function userRef(u: UserRecord): UserRef {
  return { id: u.name, name: u.displayName, roles: u.roles };
}

// Verified against when the name is unknown, so a wrong name costs as long as a wrong password.
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

export class UserStore {
  private readonly byName: Map<string, UserRecord>;

  constructor(file: UsersFile) {
    this.byName = new Map(file.users.map((u) => [u.name, u]));
  }

  static load(path: string): UserStore {
    const parsed = UsersFile.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    if (!parsed.success) {
      const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
      throw new Error(`invalid users file ${path}:\n${lines.join('\n')}`);
    }
    return new UserStore(parsed.data);
  }

  get(name: string): UserRecord | undefined {
    return this.byName.get(name);
  }

  async login(name: string, password: string): Promise<UserRecord | undefined> {
    const user = this.byName.get(name);
    const ok = await verifyPassword(user?.password ?? DUMMY_HASH, password);
    return ok && user?.password ? user : undefined;
  }

  byToken(token: string): UserRecord | undefined {
    const hash = hashToken(token);
    return [...this.byName.values()].find((u) => u.tokenHash !== undefined && sameText(u.tokenHash, hash));
  }
}
