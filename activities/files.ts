// The data directory as the activities use it: every write is atomic (temp file + rename), so a
// worker killed mid-write leaves the old file or the new one, never half of one. Files are 0600 and
// folders 0700 (config/data-dir.ts).
import { appendFile, chmod, copyFile, mkdir, rename } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { PRIVATE_DIR, PRIVATE_FILE, writePrivateFile } from '../config/data-dir';

export const mkdirPrivate = (dir: string) => mkdir(dir, { recursive: true, mode: PRIVATE_DIR });

/** Errors a retry cannot fix: the data directory is misconfigured. */
const CONFIG_ERRORS = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOTDIR']);

export function fsFailure(err: unknown, path: string): unknown {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code && CONFIG_ERRORS.has(code)) {
    return ApplicationFailure.nonRetryable(
      `cannot write ${path} (${code}): check YUQING_DATA_DIR and its permissions`,
      'DataDirUnwritable',
    );
  }
  return err;
}

export async function writeAtomic(file: string, data: string | Uint8Array): Promise<void> {
  try {
    await writePrivateFile(file, data);
  } catch (err) {
    throw fsFailure(err, file);
  }
}

export async function appendLine(file: string, line: string): Promise<void> {
  try {
    await mkdirPrivate(dirname(file));
    await appendFile(file, `${line}\n`, { mode: PRIVATE_FILE });
  } catch (err) {
    throw fsFailure(err, file);
  }
}

/**
 * Workflow ids become directory names: refuse anything that could leave the data directory.
 * A bad id is a bug in the caller, so retrying would not help.
 */
export function safeSegment(id: string): string {
  if (!/^[\w.-]{1,200}$/.test(id) || id === '.' || id === '..') {
    throw ApplicationFailure.nonRetryable(`unsafe workflow id for a path: ${JSON.stringify(id)}`, 'InvalidWorkflowId');
  }
  return id;
}

/** Paths handed back to the workflow are relative to the data directory, with '/' separators. */
export function dataRef(dataDir: string, file: string): string {
  return relative(dataDir, file).split(sep).join('/');
}

/** The inverse of dataRef, refusing references that point outside the data directory. */
export function fromDataRef(dataDir: string, ref: string): string {
  const file = resolve(dataDir, ref);
  const rel = relative(dataDir, file);
  if (isAbsolute(ref) || rel.startsWith('..') || isAbsolute(rel)) {
    throw ApplicationFailure.nonRetryable(`reference outside the data directory: ${ref}`, 'InvalidReference');
  }
  return file;
}

/** A copy keeps its source's mode, and a file written before modes were set may be 0644. */
export async function copyPrivate(from: string, to: string): Promise<void> {
  await copyFile(from, to);
  await chmod(to, PRIVATE_FILE);
}
