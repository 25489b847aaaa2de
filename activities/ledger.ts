// At-most-once side effects across activity retries. Temporal retries an activity whose worker died
// or whose attempt timed out, even when the side effect already happened; the ledger remembers each
// completed effect by its idempotency key so the retry returns the recorded result instead.
// The window left open is a crash between the effect and the ledger write: webhooks also get the
// key as an `Idempotency-Key` header so the receiver can close it.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeAtomic } from './files';

interface Entry<T> {
  key: string;
  at: string;
  result: T;
}

export class Ledger {
  /** attempts of one key in this process run one after another (a timed-out attempt may still run) */
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(private readonly dir: string) {}

  once<T>(key: string, effect: () => Promise<T>): Promise<{ result: T; duplicate: boolean }> {
    const file = join(this.dir, `${createHash('sha256').update(key).digest('hex')}.json`);
    const previous = this.inFlight.get(file);
    const run = (async () => {
      await previous?.catch(() => undefined);
      const done = await this.read<T>(file);
      if (done) return { result: done.result, duplicate: true };
      const result = await effect();
      const entry: Entry<T> = { key, at: new Date().toISOString(), result };
      await writeAtomic(file, JSON.stringify(entry));
      return { result, duplicate: false };
    })();
    this.inFlight.set(file, run);
    return run.finally(() => {
      if (this.inFlight.get(file) === run) this.inFlight.delete(file);
    });
  }

  private async read<T>(file: string): Promise<Entry<T> | undefined> {
    try {
      return JSON.parse(await readFile(file, 'utf8')) as Entry<T>;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }
}
