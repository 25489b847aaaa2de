// Saved histories of real runs replayed against today's workflow code: a change that would make
// a running incident non-deterministic fails here, before it reaches a worker. Record new ones
// with `RECORD_HISTORIES=1 npx vitest run test/workflows` after a deliberate, patched() change
// (test/workflows/record.ts; rename the histories it would overwrite first, as before-admission-* and before-notices-*).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { ensureWorkflowBundle } from '../../workers/bundle';
import { decodeHistory } from './history-file';

const dir = join(import.meta.dirname, 'histories');
/**
 * Signatures cover the workflow id, so a history replays under the id it ran with, which names its
 * file. Histories recorded before a patch keep the old rules' branch covered; they carry a prefix
 * naming the patch they predate (`before-admission-`, `before-notices-`), not a different id.
 */
const workflowIdOf = (file: string) => file.replace(/^before-[a-z]+-/, '').replace(/\.pb$/, '');
const files = readdirSync(dir).filter((f) => f.endsWith('.pb'));

describe('replay of saved incident histories', () => {
  it('has histories to replay', () => {
    expect(files.length).toBeGreaterThanOrEqual(16);
    // both sides of patched('one-admission-path'), and of the patches of the notices, tracking, office-drafts and reports rules
    expect(files.filter((f) => f.startsWith('before-admission-'))).toHaveLength(5);
    expect(files.filter((f) => f.startsWith('before-notices-'))).toHaveLength(6);
    // the previous release's, recorded before deadlines had owners and major incidents 24-hour duty
    expect(files.filter((f) => f.startsWith('before-owners-'))).toHaveLength(6);
  });

  it.each(files)('%s replays deterministically', async (file) => {
    const history = decodeHistory(readFileSync(join(dir, file)));
    const { codePath } = await ensureWorkflowBundle();
    const [result] = await collect(Worker.runReplayHistories({ workflowBundle: { codePath } }, [{ workflowId: workflowIdOf(file), history }]));
    expect(result?.error).toBeUndefined();
  });
});

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}
