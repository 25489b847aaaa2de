// Document numbers (发文字号, 期号): one sequence per kind of document and year, for the one
// organisation a deployment serves. A number is given once per idempotency key, so a retried
// render, even one that crosses midnight on 31 December, prints the number its first attempt took.
// Each kind's book is one file, read and rewritten under a lock file so two workers never hand out
// the same number.
import { open, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_UTC_OFFSET_MINUTES } from '../domain/rules/calendar';
import { NUMBERS, numberBook } from '../domain/data-layout';
import { fsFailure, mkdirPrivate, safeSegment, writeAtomic } from './files';
import type { DocumentNumber } from './templates/official';

export interface IssuedNumber extends DocumentNumber {
  /** how the document is known by it, e.g. 舆情专报2026年第12期: its download's name */
  label: string;
}

interface Book {
  /** the last number given in each year */
  last: Record<string, number>;
  issued: Record<string, IssuedNumber>;
}

/** a lock older than this was left by a worker that died holding it */
const STALE_MS = 30_000;
const WAIT_MS = 15;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function withLock<T>(lock: string, body: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      await (await open(lock, 'wx')).close();
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw fsFailure(err, lock);
      const held = await stat(lock).catch(() => undefined);
      if (held && Date.now() - held.mtimeMs > STALE_MS) await rm(lock, { force: true });
      else await sleep(WAIT_MS);
    }
  }
  try {
    return await body();
  } finally {
    await rm(lock, { force: true });
  }
}

async function readBook(file: string): Promise<Book> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as Book;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { last: {}, issued: {} };
    throw err;
  }
}

/** the year at the calendar's offset: a document issued at 07:00 on 1 January in Shanghai is the new year's */
export const localYear = (at: Date) => new Date(at.getTime() + DEFAULT_UTC_OFFSET_MINUTES * 60_000).getUTCFullYear();

export class DocumentNumbers {
  private readonly dir: string;

  constructor(private readonly dataDir: string) {
    this.dir = join(dataDir, NUMBERS);
  }

  private file(kind: string) {
    return join(this.dataDir, numberBook(safeSegment(kind)));
  }

  /** The number `key` was given, or the next one of `at`'s year; `labelOf` names the document by it. */
  async issue(kind: string, key: string, at: Date, labelOf: (n: DocumentNumber) => string): Promise<IssuedNumber> {
    const file = this.file(kind);
    await mkdirPrivate(this.dir).catch((err: unknown) => {
      throw fsFailure(err, this.dir);
    });
    return withLock(`${file}.lock`, async () => {
      const book = await readBook(file);
      const given = book.issued[key];
      if (given) return given;
      const year = localYear(at);
      const n = (book.last[year] ?? 0) + 1;
      const issued = { year, n, label: labelOf({ year, n }) };
      await writeAtomic(file, JSON.stringify({ last: { ...book.last, [year]: n }, issued: { ...book.issued, [key]: issued } } satisfies Book));
      return issued;
    });
  }
}
