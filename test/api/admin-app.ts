// The app over a real users file in a folder of its own, with the shared people plus an admin, and
// no Temporal behind it (the users and roster pages never reach it): for their API and page tests.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { hashPassword, hashToken } from '../../api/auth/secrets';
import { type UserRecord, UserStore } from '../../api/auth/users';
import { freePort } from '../helpers/ports';
import { baseDeps, listen, password, PEOPLE, token, type Listening, type Person } from './harness';

/** the admin is the users tests' own: the shared PEOPLE have none */
export const ADMIN = 'admin' as Person;

export interface AdminApp extends Listening {
  usersFile: string;
}

export interface AdminAppOptions {
  /** fields added to some people's records: duty eligibility, a disabled account */
  people?: Partial<Record<Person, Partial<UserRecord>>>;
  /** the data folder (the roster lives there); none by default */
  dataDir?: string;
}

export async function startAdminApp(options: AdminAppOptions = {}): Promise<AdminApp> {
  const usersFile = join(mkdtempSync(join(tmpdir(), 'yuqing-users-')), 'users.json');
  const people = { ...PEOPLE, [ADMIN]: { displayName: '系统管理员', roles: ['admin'] } };
  const users = await Promise.all(
    Object.entries(people).map(async ([name, p]) => ({
      name,
      displayName: p.displayName,
      roles: p.roles,
      password: await hashPassword(password(name as Person)),
      tokenHash: hashToken(token(name as Person)),
      ...options.people?.[name as Person],
    })),
  );
  writeFileSync(usersFile, JSON.stringify({ users }), { mode: 0o600 });
  const connection = Connection.lazy({ address: `127.0.0.1:${await freePort()}` });
  const app = await listen(baseDeps(new Client({ connection }), UserStore.load(usersFile), options.dataDir ? { dataDir: options.dataDir } : {}));
  return {
    ...app,
    usersFile,
    async close() {
      await app.close();
      await connection.close();
    },
  };
}
