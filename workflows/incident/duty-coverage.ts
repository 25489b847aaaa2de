// While 24-hour duty is on, the roster is checked for hours of the next day nobody in the office
// covers: once when it switches on, then once a day (one durable timer), and the office is warned
// of any such hours. The time of the last check is in the state, so a run continued as new waits
// out the rest of the day rather than checking again.
import { condition } from '@temporalio/workflow';
import { dutyGapNotice, dutyOn, hourRanges } from '../../domain/duty/around-the-clock';
import { dutyCoverage } from './effects';
import type { IncidentRun } from './run';
import { written } from '../../domain/script';

const DAY = 86_400_000;

export async function checkDutyCoverage(run: IncidentRun): Promise<never> {
  for (;;) {
    await condition(() => dutyOn(run.state));
    const since = run.state.duty24h!.since;
    const same = () => dutyOn(run.state) && run.state.duty24h!.since === since;
    while (same()) {
      const checked = run.state.duty24h!.checkedAt;
      const wait = checked ? Date.parse(checked) + DAY - Date.now() : 0;
      if (wait > 0 && (await condition(() => !same(), wait, { summary: written(run.state, '24小时值班：明日复查值班表', '24-hour duty: check the roster again tomorrow') }))) break;
      await checkOnce(run, same);
    }
  }
}

async function checkOnce(run: IncidentRun, stillOn: () => boolean): Promise<void> {
  const fromMs = Date.now();
  const at = new Date(fromMs).toISOString();
  const found = await dutyCoverage(run, fromMs, fromMs + DAY);
  // the duty ended while the roster was read: nobody needs its gaps now
  if (!stillOn()) return;
  // a check that failed for good is in the timeline; the next is tomorrow's, not a loop
  run.update((s) => void (s.duty24h = { ...s.duty24h!, checkedAt: at }));
  if (!found) return;
  if (!found.uncovered.length) {
    run.record('duty', '值班表已排满未来24小时', 'The roster covers the next 24 hours');
    return;
  }
  run.record('duty', `值班表未排满：${hourRanges(found.uncovered, found.utcOffsetMinutes)}，已提醒办公室`, `The roster leaves hours uncovered: ${hourRanges(found.uncovered, found.utcOffsetMinutes, 'en')}; the office is told`);
  run.owe([dutyGapNotice(run.state, found.uncovered, found.utcOffsetMinutes, at)]);
}
