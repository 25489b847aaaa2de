// Driving incidents across a crash: part of the way before it (recording what was sent), and to
// the end after it, riding out the moments when no worker answers queries.
import type { WorkflowHandle } from '@temporalio/client';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DecisionName } from '../../domain/decisions/index';
import type { IncidentState } from '../../domain/model/state';
import { driveToEnd, nextDecision, send, type Scenario } from '../workflows/driver';
import { stateQuery } from '../../workflows/incident/definitions';

class Enough extends Error {}

/** Takes `count` decisions (each visible in the state before the next); returns their names. */
export async function driveSome(handle: WorkflowHandle, scenario: Scenario, count: number): Promise<DecisionName[]> {
  const sent: DecisionName[] = [];
  try {
    await driveToEnd(handle, scenario, {
      onDecision: (step) => {
        sent.push(step.name);
        if (sent.length >= count) throw new Enough();
      },
    });
  } catch (error) {
    if (!(error instanceof Enough)) throw error;
  }
  return sent;
}

/** Sends the next decision without waiting for the workflow to take it: it is in flight at the crash. */
export async function sendNext(handle: WorkflowHandle, scenario: Scenario): Promise<DecisionName | undefined> {
  const step = nextDecision(await handle.query(stateQuery), scenario);
  if (step) await send(handle, step);
  return step?.name;
}

/** driveToEnd, again from the current state after each failure (a query nobody answered), until `timeoutMs`. */
export async function driveThrough(handle: WorkflowHandle, scenario: Scenario, timeoutMs: number): Promise<IncidentState> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await driveToEnd(handle, scenario, { timeoutMs: until - Date.now() });
    } catch (error) {
      if (Date.now() > until) throw error;
      await sleep(500);
    }
  }
}

/** The decision signals in the history, in the order Temporal recorded them. */
export async function signalsInHistory(handle: WorkflowHandle): Promise<string[]> {
  const history = await handle.fetchHistory();
  return (history.events ?? []).flatMap((e) => (e.workflowExecutionSignaledEventAttributes?.signalName ? [e.workflowExecutionSignaledEventAttributes.signalName] : []));
}
