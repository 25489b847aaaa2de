// A state to decide on and the two halves of a decision as the domain tests take them: the admission
// the API runs before signalling, and admission plus apply as the workflow does on a signed one.
import { applyDecision } from '../../domain/decisions/apply';
import { admitDecision } from '../../domain/decisions/admission';
import type { DecisionName } from '../../domain/decisions/index';
import { pendingDecisions } from '../../domain/decisions/pending';
import { initialState } from '../../domain/incident/initial-state';
import type { IncidentFields, PolicySnapshot, UserRef } from '../../domain/model/schema';
import type { IncidentState } from '../../domain/model/state';
import { incidentInput, METRICS_FOR } from '../workflows/fixtures';

export const NOW = Date.parse('2026-11-24T02:00:00Z');

export function stateFor(severity: keyof typeof METRICS_FOR = 'general', category: 'inquiry' | 'hype' = 'inquiry', opts: { fields?: Partial<IncidentFields>; policy?: PolicySnapshot } = {}) {
  const input = incidentInput({ fields: { metrics: METRICS_FOR[severity], category, discoveredAt: new Date(NOW).toISOString(), ...opts.fields }, policy: opts.policy });
  return { input, s: initialState(input, 'incident-test', NOW) };
}

/** the admission the API runs before signalling (no signature yet), flattened for the assertions */
export function checkDecision(s: IncidentState, name: DecisionName, by: UserRef, fields: object) {
  const { releaseNo, responseNo } = fields as { releaseNo?: number; responseNo?: number };
  // a review names the version it saw, as the page does from the pending decision
  const draftHash = pendingDecisions(s).find((p) => p.name === name && p.releaseNo === releaseNo && p.responseNo === responseNo)?.draftHash;
  const a = admitDecision(s, name, { ...(draftHash ? { draftHash } : {}), ...fields, by });
  return a.ok ? a : { ok: false as const, ...a.refusal };
}

/** admitted, then applied as signed, a minute after NOW unless `atMs` says when */
export function decide(s: IncidentState, input: { policy: PolicySnapshot }, name: DecisionName, by: UserRef, fields: object, atMs = NOW + 60_000) {
  const check = checkDecision(s, name, by, fields);
  if (!check.ok) throw new Error(check.message);
  const applied = applyDecision(s, input.policy, name, check.payload, { nowMs: atMs, signed: true, bindDrafts: true, reopenOnRise: true });
  s.pendingDecisions = pendingDecisions(s);
  return applied;
}
