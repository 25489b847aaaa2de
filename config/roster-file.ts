// Reads the duty roster from the data folder. No roster yet is an empty one: nobody on duty, and
// notices then go by role as before. A roster that fails its schema is an error naming the field,
// never a silently empty duty.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Roster } from '../domain/duty/roster';
import { ROSTER_FILE } from '../domain/data-layout';

export function readRoster(dataDir: string): Roster {
  let text: string;
  try {
    text = readFileSync(join(dataDir, ROSTER_FILE), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return Roster.parse({ entries: [] });
    throw err;
  }
  const parsed = Roster.safeParse(JSON.parse(text));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid roster ${join(dataDir, ROSTER_FILE)}:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
