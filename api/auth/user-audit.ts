// Who changed which account, when and how: one JSON line per change beside the users file
// (users-audit.jsonl, mode 0600), only ever appended to. Secrets never enter it: a reset is
// recorded as having happened, not with what it produced.
import { appendFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PRIVATE_FILE } from '../../config/data-dir';

export const USER_AUDIT_FILE = 'users-audit.jsonl';

export interface UserAuditEntry {
  at: string;
  by: string;
  action: 'create' | 'update' | 'reset-password' | 'reset-token';
  user: string;
  /** the fields set, with their new values (never a password, hash or token) */
  changes?: Record<string, unknown>;
}

export function userAuditPath(usersFile: string): string {
  return join(dirname(usersFile), USER_AUDIT_FILE);
}

export function recordUserChange(usersFile: string | undefined, entry: Omit<UserAuditEntry, 'at'>): void {
  if (!usersFile) return; // users held in memory only: nothing lasting to account for
  // the leading newline ends a line a crash may have left half-written
  appendFileSync(userAuditPath(usersFile), `\n${JSON.stringify({ at: new Date().toISOString(), ...entry })}\n`, { mode: PRIVATE_FILE });
}
