// The embedded default's first run: one demo account per role with random credentials, stored
// hashed. The plain credentials exist only in the return value, so they can be printed once. Each
// account without a person's name is called by its role.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { PRIVATE_DIR } from '../../config/data-dir';
import { dirname } from 'node:path';
import type { Role } from '../../domain/model/schema';
import { ROLE_LABELS } from '../../domain/rules/roles';
import { hashPassword, hashToken, newSecret } from './secrets';
import type { UsersFile } from './users';

export interface DemoCredential {
  name: string;
  displayName: string;
  roles: Role[];
  password: string;
  token: string;
}

const DEMO: { name: string; displayName: string; roles: Role[] }[] = [
  { name: 'monitor', displayName: '值班信息员', roles: ['monitor'] },
  { name: 'handler', displayName: '办公室干事', roles: ['handler'] },
  { name: 'approver', displayName: ROLE_LABELS.approver, roles: ['approver'] },
  { name: 'admin', displayName: ROLE_LABELS.admin, roles: ['admin'] },
  { name: 'intake', displayName: ROLE_LABELS.intake, roles: ['intake'] },
];

/** Creates the users file when there is none; returns the new credentials, or null if it existed. */
export async function ensureDemoUsers(path: string): Promise<DemoCredential[] | null> {
  if (existsSync(path)) return null;
  const credentials = DEMO.map((u) => ({ ...u, password: newSecret('').slice(0, 16), token: newSecret('yq_') }));
  const file: UsersFile = {
    users: await Promise.all(
      credentials.map(async (c) => ({
        name: c.name,
        displayName: c.displayName,
        roles: c.roles,
        password: await hashPassword(c.password),
        tokenHash: hashToken(c.token),
      })),
    ),
  };
  mkdirSync(dirname(path), { recursive: true, mode: PRIVATE_DIR });
  try {
    // 'wx': if another process created the file meanwhile, its credentials win and ours are dropped
    writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`, { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return null;
    throw err;
  }
  return credentials;
}

export function formatCredentials(credentials: DemoCredential[], url: string): string {
  const rows = credentials.map((c) => `  ${c.name.padEnd(9)} ${c.password}   (${c.roles.join(',')}, ${c.displayName})  token: ${c.token}`);
  return [`Demo users created (shown once; stored hashed). Sign in at ${url}/login`, ...rows].join('\n');
}
