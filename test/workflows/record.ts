// With RECORD_HISTORIES=1, a test keeps the history of a run it finished for the replay test,
// under the run's workflow id (decisions are signed for that id, so the replay must use it).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { encodeHistory } from '../replay/history-file';

export async function recordHistory(handle: WorkflowHandle): Promise<void> {
  if (!process.env.RECORD_HISTORIES) return;
  writeFileSync(join(import.meta.dirname, '../replay/histories', `${handle.workflowId}.pb`), encodeHistory(await handle.fetchHistory()));
}
