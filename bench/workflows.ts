// The benchmark's bundle entry: the real incident workflow, and the two yardsticks it is measured
// against. Both are as small as Temporal allows, so a ratio against them shows what the
// incident's own orchestration costs.
import { condition, defineSignal, proxyActivities, setHandler } from '@temporalio/workflow';

export { incidentWorkflow } from '../workflows/incident';

export interface BaselineActivities {
  noop(): Promise<void>;
}

const { noop } = proxyActivities<BaselineActivities>({ startToCloseTimeout: '10s' });

/** The throughput baseline: one no-op activity, then done. */
export async function baselineWorkflow(): Promise<void> {
  await noop();
}

export const releaseSignal = defineSignal('release');

/** The memory baseline: parked on a signal, as an incident is parked on a decision. */
export async function parkedWorkflow(): Promise<void> {
  let released = false;
  setHandler(releaseSignal, () => void (released = true));
  await condition(() => released);
}
