// Names an owner for each deadline as it opens: one activity per batch opened together (the users
// file and the roster are the worker's to read), its answer recorded in the state, so replays keep
// the people chosen then. A deadline nobody could be chosen for stays its role's; a reassignment
// (the reassignOwner decision) is never overwritten, because only deadlines without an owner are asked about.
import { condition } from '@temporalio/workflow';
import type { Deadline, IncidentState } from '../../domain/model/state';
import { chooseOwners } from './effects';
import type { IncidentRun } from './run';

const unowned = (s: IncidentState, asked: Set<Deadline>) => s.deadlines.filter((d) => !d.owner && !d.metAt && !d.cancelled && !asked.has(d));

export async function nameOwners(run: IncidentRun): Promise<never> {
  // asked once each in this run; a run continued as new asks again for any still without one
  const asked = new Set<Deadline>();
  for (;;) {
    await condition(() => unowned(run.state, asked).length > 0);
    const batch = unowned(run.state, asked);
    for (const d of batch) asked.add(d);
    const roles = [...new Set(batch.map((d) => d.responsible))];
    const chosen = await chooseOwners(run, { atMs: Date.now(), department: run.state.incident.department, roles });
    const named = batch.filter((d) => !d.owner && chosen?.[d.responsible]);
    if (named.length) run.update(() => named.forEach((d) => (d.owner = chosen![d.responsible])));
  }
}
