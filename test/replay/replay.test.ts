// Saved histories of real runs replayed against today's workflow code: a change that would make
// a running incident non-deterministic fails here, before it reaches a worker. Record new ones
// with `RECORD_HISTORIES=1 npx vitest run test/workflows` after a deliberate, patched() change.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { ensureWorkflowBundle } from '../../workers/bundle';
import { decodeHistory } from './history-file';

const dir = join(import.meta.dirname, 'histories');
const files = readdirSync(dir).filter((f) => f.endsWith('.pb'));

describe('replay of saved incident histories', () => {
  it('has histories to replay', () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
  });

  it.each(files)('%s replays deterministically', async (file) => {
    const history = decodeHistory(readFileSync(join(dir, file)));
    const { codePath } = await ensureWorkflowBundle();
    const [result] = await collect(Worker.runReplayHistories({ workflowBundle: { codePath } }, [{ workflowId: `lifecycle-${file.replace(/\.pb$/, '')}`, history }]));
    expect(result?.error).toBeUndefined();
  });
});

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}
