// The roster file as the API edits it: one change at a time in this process (two clerks saving
// cells together never lose one), each reread from the file first (another replica's edit), checked
// against the roster schema, written whole and privately, then accounted for in the change log.
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PRIVATE_FILE, writePrivateFile } from '../../config/data-dir';
import { readRoster } from '../../config/roster-file';
import { ROSTER_CHANGES, ROSTER_FILE } from '../../domain/data-layout';
import { type DutyEntry, Roster } from '../../domain/duty/roster';

export interface RosterChange {
  at: string;
  by: string;
  action: 'edit' | 'rotation';
  /** the month a rotation was generated for */
  month?: string;
  /** the touched entries as they were, and as they are now (a cleared cell is absent from after) */
  before: DutyEntry[];
  after: DutyEntry[];
}

export class RosterStore {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly dataDir: string) {}

  read(): Roster {
    return readRoster(this.dataDir);
  }

  /** `change` gets the current entries and returns the new ones and what to log; it throws to refuse, and then nothing is written. */
  update(by: string, change: (roster: Roster) => { entries: DutyEntry[]; log: Omit<RosterChange, 'at' | 'by'> }): Promise<Roster> {
    const run = this.queue.then(async () => {
      const current = this.read();
      const { entries, log } = change(current);
      const next = Roster.parse({ ...current, entries });
      await writePrivateFile(join(this.dataDir, ROSTER_FILE), `${JSON.stringify(next, null, 2)}\n`);
      // the leading newline ends a line a crash may have left half-written
      appendFileSync(join(this.dataDir, ROSTER_CHANGES), `\n${JSON.stringify({ at: new Date().toISOString(), by, ...log })}\n`, { mode: PRIVATE_FILE });
      return next;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** The latest changes, newest first. */
  changes(limit: number): RosterChange[] {
    let text: string;
    try {
      text = readFileSync(join(this.dataDir, ROSTER_CHANGES), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    const lines = text.split('\n').filter((l) => l.trim());
    const parsed: RosterChange[] = [];
    for (const line of lines.slice(-limit).reverse()) {
      try {
        parsed.push(JSON.parse(line) as RosterChange);
      } catch {
        // half a line from a crash: the ones around it still count
      }
    }
    return parsed;
  }
}
