// Incident text is for Yuqing's people, not for every account on the machine: whatever the umask,
// what Yuqing keeps under the data folder is 0600 files in 0700 folders (layout: domain/data-layout.ts).
import { chmodSync, mkdirSync } from 'node:fs';

export const PRIVATE_FILE = 0o600;
export const PRIVATE_DIR = 0o700;

/**
 * Made, or tightened when it predates this rule (or an operator made it 0755), where the launcher
 * starts the embedded dev server. Not by the worker or the API: a cluster's private PostgreSQL lives
 * in <data>/pg and runs as another account that must pass through the folder; what they write into
 * it is private on its own.
 */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR });
  chmodSync(dir, PRIVATE_DIR);
}
