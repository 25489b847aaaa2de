// Incident text is for Yuqing's people, not for every account on the machine: whatever the umask,
// what Yuqing keeps under the data folder is 0600 files in 0700 folders (layout: domain/data-layout.ts).
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

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

/**
 * A private file written whole: to a temporary file beside it, then renamed over it, so a reader
 * (another process, a restart) sees the old content or the new, never half of it. The folder is made
 * private when missing.
 */
export async function writePrivateFile(file: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: PRIVATE_DIR });
  const tmp = `${file}.${randomUUID()}.tmp`;
  try {
    await writeFile(tmp, data, { mode: PRIVATE_FILE });
    await rename(tmp, file);
  } finally {
    await rm(tmp, { force: true });
  }
}

/** writePrivateFile for the few callers that must finish before they return (start-up, key rings). */
export function writePrivateFileSync(file: string, data: string | Uint8Array): void {
  mkdirSync(dirname(file), { recursive: true, mode: PRIVATE_DIR });
  const tmp = `${file}.${randomUUID()}.tmp`;
  try {
    writeFileSync(tmp, data, { mode: PRIVATE_FILE });
    renameSync(tmp, file);
  } finally {
    rmSync(tmp, { force: true });
  }
}
