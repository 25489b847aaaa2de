// A data folder's files, relative path to content, for "every file is back as it was" after a
// restore; the database files and whatever else the caller names (a running launcher's record,
// the cluster's PostgreSQL) are left out, and so are atomic writes in progress.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export function dataFiles(dir: string, leaveOut: RegExp): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, e.name);
      const rel = relative(dir, path);
      if (leaveOut.test(rel) || rel.endsWith('.tmp')) continue;
      if (e.isDirectory()) walk(path);
      else if (e.isFile()) files.set(rel, readFileSync(path, 'base64'));
    }
  };
  walk(dir);
  return files;
}
