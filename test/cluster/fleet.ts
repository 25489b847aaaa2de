// Many incidents driven at once by the scripted duty team while parts of the cluster are killed.
// Unlike driveToEnd it rides out outages: a failed query or signal is retried after a pause, never
// a test failure. It remembers every signal the server acknowledged, so a test can prove afterwards
// that each one is in the incident's history: no decision lost.
import type { WorkflowHandle } from '@temporalio/client';
import { setTimeout as sleep } from 'node:timers/promises';
import { decisionSignals, stateQuery } from '../../workflows/incident/definitions';
import type { IncidentState } from '../../domain/model/state';
import { nextDecision, send, type Scenario } from '../workflows/driver';

/** gentler than the driver's 25 ms: thirty incidents polled at once share two cores */
const POLL_MS = 300;
const RETRY_MS = 1_000;

export class Fleet {
  /** workflowId → names of the signals the server acknowledged */
  readonly acknowledged = new Map<string, string[]>();
  /** workflowId → names of every signal sent, acknowledged or not */
  readonly attempted = new Map<string, string[]>();
  /** transient failures ridden out (queries and signals while something was down) */
  failures = 0;

  get decisions(): number {
    return [...this.acknowledged.values()].reduce((n, names) => n + names.length, 0);
  }

  /** Resolves with the closed state; throws only when `deadline` passes. */
  async drive(handle: WorkflowHandle, scenario: Scenario, deadline: number): Promise<IncidentState> {
    for (;;) {
      if (Date.now() > deadline) throw new Error(`${handle.workflowId} not closed in time`);
      const query = await this.attempt(() => handle.query(stateQuery));
      if (!query) continue;
      const s = query.value;
      if (s.closed) return s;
      const step = nextDecision(s, scenario);
      if (!step) {
        await sleep(POLL_MS);
        continue;
      }
      const name = decisionSignals[step.name].name;
      push(this.attempted, handle.workflowId, name);
      if (await this.attempt(() => send(handle, step))) push(this.acknowledged, handle.workflowId, name);
      // the next query sees this signal's effect: Temporal answers a query only after the events
      // already in history (our signal among them) have been processed
    }
  }

  /** the call's result, or undefined after a failure (counted, then a pause) */
  private async attempt<T>(call: () => Promise<T>): Promise<{ value: T } | undefined> {
    try {
      return { value: await call() };
    } catch {
      this.failures++;
      await sleep(RETRY_MS);
      return undefined;
    }
  }
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  map.set(key, [...(map.get(key) ?? []), value]);
}

/** The names of the signals in an incident's history, in order. */
export async function signalsInHistory(handle: WorkflowHandle): Promise<string[]> {
  const history = await handle.fetchHistory();
  return (history.events ?? []).flatMap((e) => (e.workflowExecutionSignaledEventAttributes ? [e.workflowExecutionSignaledEventAttributes.signalName ?? ''] : []));
}

/** Every acknowledged signal is in the history (as many times), and nothing there was never sent. */
export function lostAndUnexpected(acknowledged: string[], attempted: string[], history: string[]): { lost: string[]; unexpected: string[] } {
  const count = (names: string[]) => names.reduce((m, n) => m.set(n, (m.get(n) ?? 0) + 1), new Map<string, number>());
  const inHistory = count(history);
  const lost = [...count(acknowledged)].filter(([n, c]) => (inHistory.get(n) ?? 0) < c).map(([n]) => n);
  const sent = count(attempted);
  const unexpected = [...inHistory].filter(([n, c]) => (sent.get(n) ?? 0) < c).map(([n]) => n);
  return { lost, unexpected };
}
