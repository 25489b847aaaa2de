// Step 6 跟踪监测: bulletins at the severity's interval until leadership marks the incident
// stable. Tracking can last weeks, so the workflow continues as new when its history grows.
import { condition, continueAsNew, workflowInfo } from '@temporalio/workflow';
import type { Tracking } from '../../../domain/model/state';
import { computeDue, formatLocal, formatLocalFull } from '../../../domain/rules/deadlines';
import { label } from '../../../domain/labels';
import { renderDocument } from '../effects';
import type { IncidentRun } from '../run';
import type { incidentWorkflow } from '../workflow';
import { written } from '../../../domain/script';

function historyTooLong(run: IncidentRun): boolean {
  const info = workflowInfo();
  return info.continueAsNewSuggested || info.historyLength >= run.policy.continueAsNewAfterEvents;
}

export async function track(run: IncidentRun): Promise<void> {
  const s = run.state;
  if (s.steps.track.status === 'done') return;
  // under its rules in the same change that activates the step: stabilisation never opens before the first bulletin owed
  if (run.rules.trackingAndReturns) startTracking(run, new Date().toISOString());
  run.setStep('track', 'active');
  if (run.rules.trackingAndReturns) await bulletinsUntilStable(run);
  else await bulletinsOnTheClock(run);
  run.setStep('track', 'done');
}

/**
 * Under the tracking-and-returns rules: the next bulletin is in the state (the page's deadline
 * table, the Temporal UI's details), the office may ask for one at once, and the interval counts
 * from the last bulletin. Not a deadline a person can miss: the workflow issues it itself.
 */
async function bulletinsUntilStable(run: IncidentRun): Promise<void> {
  const s = run.state;
  startTracking(run, s.steps.track.startedAt!);
  const t = s.tracking!;
  while (!s.stabilisedAt) {
    if (historyTooLong(run)) await continueAsNewNow(run);
    const severity = s.severity;
    planNext(run, t);
    const moved = () => !!s.stabilisedAt || !!t.requested || s.severity !== severity || historyTooLong(run);
    const next = t.next;
    // false: the interval ran out, and the bulletin it brings is due
    const woke = next
      ? await condition(moved, Math.max(Date.parse(next.dueAt) - Date.now(), 1), { summary: bulletinSummary(run, next.no, Date.parse(next.dueAt)) })
      : await condition(moved).then(() => true);
    if (s.stabilisedAt) break;
    if (t.requested || !woke) await issueBulletin(run, t);
  }
  run.update(() => void delete t.next);
}

/** Puts the incident under the tracking rules, the interval counting from `startedAt` (a no-op once it is). */
function startTracking(run: IncidentRun, startedAt: string): void {
  const s = run.state;
  if (s.tracking) return;
  // a run continued from the old rules counts from the bulletin it last issued
  const last = s.documents.find((d) => d.name === `bulletin-${s.seq.bulletin}`)?.createdAt;
  run.update((state) => void (state.tracking = { countsFrom: last ?? startedAt, issued: [] }));
}

/** The next bulletin the interval brings at the current grade, or none where the grade has no interval. */
function planNext(run: IncidentRun, t: Tracking): void {
  const interval = run.policy.deadlines.bulletinInterval[run.state.severity];
  const computed = interval ? computeDue(Date.parse(t.countsFrom), interval, run.policy.calendar) : undefined;
  const next = computed && {
    no: run.state.seq.bulletin + 1,
    dueAt: new Date(computed.dueMs).toISOString(),
    ...(computed.uncoveredYears.length ? { uncoveredYears: computed.uncoveredYears } : {}),
  };
  if (JSON.stringify(next) === JSON.stringify(t.next)) return;
  run.update(() => {
    if (next) t.next = next;
    else delete t.next;
  });
}

async function issueBulletin(run: IncidentRun, t: Tracking): Promise<void> {
  const no = run.state.seq.bulletin + 1;
  const at = new Date().toISOString();
  const asked = t.requested;
  run.update((state) => {
    state.seq.bulletin = no;
    t.countsFrom = at;
    t.issued.push({ no, at, ...(asked ? { by: asked.by, note: asked.note, ...(asked.unsigned ? { unsigned: true as const } : {}) } : {}) });
    delete t.requested;
    delete t.next;
  });
  await renderDocument(run, 'bulletin', no);
}

/** Histories from before the tracking-and-returns rules: the interval's multiples from the start of tracking. */
async function bulletinsOnTheClock(run: IncidentRun): Promise<void> {
  const s = run.state;
  while (!s.stabilisedAt) {
    if (historyTooLong(run)) await continueAsNewNow(run);
    const interval = run.policy.deadlines.bulletinInterval[s.severity];
    if (!interval) {
      await condition(() => !!s.stabilisedAt || !!run.policy.deadlines.bulletinInterval[s.severity] || historyTooLong(run));
      continue;
    }
    const severity = s.severity;
    const next = s.seq.bulletin + 1;
    const dueMs = computeDue(Date.parse(s.steps.track.startedAt!), { ...interval, amount: interval.amount * next }, run.policy.calendar).dueMs;
    const woke = await condition(() => !!s.stabilisedAt || s.severity !== severity || historyTooLong(run), Math.max(dueMs - Date.now(), 1), {
      summary: bulletinSummary(run, next, dueMs),
    });
    if (woke) continue;
    s.seq.bulletin = next;
    await renderDocument(run, 'bulletin', next);
  }
}

/** the timer's line: when the next bulletin is due */
const bulletinSummary = (run: IncidentRun, no: number, dueMs: number) =>
  written(run.state, `网络舆情通报 第${no}期 于 ${formatLocal(dueMs, run.policy.calendar)}`, `${label('document', 'bulletin', 'en')} No. ${no} at ${formatLocalFull(dueMs, run.policy.calendar)}`);

async function continueAsNewNow(run: IncidentRun): Promise<never> {
  // no side effect may be cut off halfway: wait for activities in flight to return
  await condition(() => run.busy === 0);
  run.update((s) => s.generation++);
  const g = run.state.generation;
  run.record('continued', `历史记录较长，延续为新执行（第${g}代），状态与时间线完整保留`, `Long history: continued as a new execution (generation ${g}), state and timeline kept whole`);
  return continueAsNew<typeof incidentWorkflow>(run.input, run.state);
}
