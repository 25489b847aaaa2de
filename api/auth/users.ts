// The users file (YUQING_USERS_FILE, default data/users.json): who may sign in, with which roles.
// It holds hashes only; a wrong file stops the API at start with the field and rule at fault.
// The admin page edits this same file (api/routes/users.ts): every replica rereads it when it has
// changed, so a disabled account or a reset secret stops working on the next request anywhere.
import { statSync } from 'node:fs';
import { writePrivateFileSync } from '../../config/data-dir';
import { type UserRecord, UsersFile, readUsersFile } from '../../config/users-file';
import type { UserRef } from '../../domain/model/schema';
import { hashToken, sameText, verifyPassword } from './secrets';

export { Contacts, USER_NAME, UserRecord, UsersFile } from '../../config/users-file';

export function userRef(u: UserRecord): UserRef {
  return { id: u.name, name: u.displayName, roles: u.roles };
}

export const generationOf = (u: UserRecord) => u.generation ?? 0;

// Verified against when the name is unknown, so a wrong name costs as long as a wrong password.
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

export class UserStore {
  private byName: Map<string, UserRecord>;
  /** the file as last read: another replica's write (a rename) changes its inode, size or time */
  private seen = { size: -1, mtimeMs: -1, ino: -1 };
  /** one change at a time in this process, so two admins' edits never overwrite each other */
  private queue: Promise<unknown> = Promise.resolve();

  /** Without `path` the users live in memory only (tests that need no file). */
  constructor(
    file: UsersFile,
    readonly path?: string,
  ) {
    this.byName = new Map(file.users.map((u) => [u.name, u]));
    if (path) this.seen = this.stat();
  }

  static load(path: string): UserStore {
    return new UserStore(readUsersFile(path), path);
  }

  list(): UserRecord[] {
    this.reread();
    return [...this.byName.values()];
  }

  get(name: string): UserRecord | undefined {
    this.reread();
    return this.byName.get(name);
  }

  async login(name: string, password: string): Promise<UserRecord | undefined> {
    const user = this.get(name);
    const ok = await verifyPassword(user?.password ?? DUMMY_HASH, password);
    return ok && user?.password && !user.disabled ? user : undefined;
  }

  byToken(token: string): UserRecord | undefined {
    const hash = hashToken(token);
    return this.list().find((u) => u.tokenHash !== undefined && sameText(u.tokenHash, hash) && !u.disabled);
  }

  /**
   * Applies `change` to the current users (reread from the file first, for another replica's edits),
   * checks the result against the file's schema and writes it whole via a temporary file and a rename,
   * so a reader never sees half a file. `change` throws to refuse; then nothing is written.
   */
  update<T>(change: (users: UserRecord[]) => { users: UserRecord[]; result: T }): Promise<T> {
    const run = this.queue.then(() => {
      this.reread();
      const { users, result } = change(this.list().map((u) => structuredClone(u)));
      const file = UsersFile.parse({ users });
      if (this.path) this.write(file);
      this.byName = new Map(file.users.map((u) => [u.name, u]));
      return result;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private write(file: UsersFile): void {
    const path = this.path!;
    writePrivateFileSync(path, `${JSON.stringify(file, null, 2)}\n`);
    this.seen = this.stat();
  }

  private stat() {
    const s = statSync(this.path!);
    return { size: s.size, mtimeMs: s.mtimeMs, ino: s.ino };
  }

  private reread(): void {
    if (!this.path) return;
    let now;
    try {
      now = this.stat();
    } catch {
      return; // moved away for a moment (a restore, an editor's save): keep who was known
    }
    if (now.size === this.seen.size && now.mtimeMs === this.seen.mtimeMs && now.ino === this.seen.ino) return;
    this.seen = now;
    this.byName = new Map(readUsersFile(this.path).users.map((u) => [u.name, u]));
  }
}
