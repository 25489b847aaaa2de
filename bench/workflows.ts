// The yardsticks the incident workflow is measured against, in a bundle of their own: both are
// as small as Temporal allows, so a ratio against them shows what the incident's own code and
// orchestration cost. Bundled with the incident instead, they would pay for its module-level
// state too: with reuseV8Context every workflow evaluates every module of its bundle
// (temporalio/sdk-typescript#2227), which bench/with-incident.ts exists to show.
import { condition, defineSignal, defineUpdate, proxyActivities, setHandler } from '@temporalio/workflow';

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

export const noteSignal = defineSignal<[string]>('note');
export const seenUpdate = defineUpdate<boolean, [string]>('seen');

/** The decision round-trip baseline: a signal, then an Update that answers whether it arrived. */
export async function echoWorkflow(): Promise<void> {
  const notes = new Set<string>();
  setHandler(noteSignal, (id) => void notes.add(id));
  setHandler(seenUpdate, (id) => notes.has(id));
  await condition(() => false);
}
