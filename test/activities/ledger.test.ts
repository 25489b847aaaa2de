import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Ledger } from '../../activities/ledger';

let dir: string;
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('Ledger', () => {
  it('runs the effect once for concurrent attempts of one key, and again never', async () => {
    dir = await mkdtemp(join(tmpdir(), 'yuqing-ledger-'));
    let runs = 0;
    const effect = async () => {
      runs++;
      await new Promise((r) => setTimeout(r, 20));
      return { n: runs };
    };
    const ledger = new Ledger(dir);
    const results = await Promise.all([ledger.once('k', effect), ledger.once('k', effect)]);
    // a second worker process reads the same file
    const later = await new Ledger(dir).once('k', effect);
    expect(runs).toBe(1);
    expect(results).toEqual([{ result: { n: 1 }, duplicate: false }, { result: { n: 1 }, duplicate: true }]);
    expect(later).toEqual({ result: { n: 1 }, duplicate: true });
    expect(await readdir(dir)).toHaveLength(1);
  });

  it('records nothing when the effect fails, so the next attempt runs it', async () => {
    dir = await mkdtemp(join(tmpdir(), 'yuqing-ledger-'));
    const ledger = new Ledger(dir);
    await expect(ledger.once('k', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await ledger.once('k', async () => 'ok')).toEqual({ result: 'ok', duplicate: false });
  });
});
