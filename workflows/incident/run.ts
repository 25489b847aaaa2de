// One running incident: its state, the handlers that change it, and the bookkeeping every change
// needs (timeline, search attributes, current details). Steps and background loops await it.
import { log, setCurrentDetails, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import { applyDecision, type Applied } from '../../domain/decisions/apply';
import { currentDetails } from '../../domain/incident/details';
import { label } from '../../domain/labels';
import { roleLabel } from '../../domain/rules/roles';
import { decisionSignals, stateQuery } from './definitions';
import { DECISION_NAMES, type DecisionAuth, DecisionEnvelope, type DecisionName, type IncidentInput, type Role, type Step, type UserRef } from '../../domain/model/schema';
import { SA } from './definitions';
import type { Deadline, IncidentState, StepState, TimelineEntry } from '../../domain/model/state';
import { isUndecodable } from '../../codec/undecodable';
import { DECISIONS } from '../../domain/decisions/catalog';
import { formatLateness } from '../../domain/rules/deadlines';
import { checkDecision, fieldIssues, pendingDecisions } from '../../domain/decisions/pending';
import { type Verification, verifyDecision } from '../../domain/rules/signature';
import { currentStep, STEP_LABELS } from '../../domain/rules/steps';

/** who may sign decides who is trusted: these two are never taken unsigned, whatever the policy */
const KEY_DECISIONS = new Set<DecisionName>(['signingKeyAdded', 'signingKeyRevoked']);

export class IncidentRun {
  /** bumps on every change, so loops can wait for "something happened" */
  version = 0;
  /** bumps when deadlines are opened, met or moved: the deadline watcher re-plans */
  deadlineVersion = 0;
  /** activities in flight; continue-as-new waits for zero so no side effect is cut off */
  busy = 0;
  private readonly listeners: ((applied: Applied) => void)[] = [];
  private upserted = '';

  constructor(
    readonly input: IncidentInput,
    readonly state: IncidentState,
  ) {}

  get policy() {
    return this.input.policy;
  }

  get id() {
    return this.state.workflowId;
  }

  registerHandlers(): void {
    for (const name of DECISION_NAMES) {
      setHandler(decisionSignals[name], (raw: unknown) => this.decide(name, raw), { description: DECISIONS[name].description });
    }
    setHandler(stateQuery, () => this.state, {
      description: '事件的完整即時狀態：級別、七個步驟、期限、待決定事項、通稿審核記錄、措施、傳播數據、升級記錄、時間線',
    });
  }

  /** Called after accepted decisions that need a side effect (notices); set by the workflow. */
  onApplied(listener: (applied: Applied) => void): void {
    this.listeners.push(listener);
  }

  /** A decision from anywhere (API, Temporal UI, CLI): validated, checked, applied or recorded as rejected. */
  decide(name: DecisionName, raw: unknown): void {
    if (isUndecodable(raw)) return this.reject(name, undefined, `無法解碼（${raw.__undecodable}）`);
    const envelope = DecisionEnvelope.safeParse(raw);
    if (!envelope.success) {
      const why = fieldIssues(envelope.error).map((i) => `${i.field}: ${i.rule}`).join('; ');
      return this.reject(name, undefined, `格式不符（${why}）`);
    }
    const by = envelope.data.by;
    const signature = this.verify(name, raw as Record<string, unknown> & { by: typeof by });
    if (signature.status === 'invalid') return this.reject(name, by.name, `簽名無效：${signature.reason}`);
    if (signature.status === 'unsigned' && (this.policy.signing.unsignedDecisions === 'reject' || KEY_DECISIONS.has(name))) {
      return this.reject(name, by.name, '未簽名的決定不予接受（請經 Yuqing 網頁或 API 發送）');
    }
    const check = checkDecision(this.state, name, by, raw);
    if (!check.ok) return this.reject(name, by.name, check.message);
    if (envelope.data.auth) this.rememberNonce(envelope.data.auth);
    const applied = applyDecision(this.state, this.policy, name, check.payload, Date.now(), signature.status === 'signed');
    for (const d of applied.late) this.recordLate(d);
    if (applied.deadlinesChanged) this.deadlineVersion++;
    for (const listener of this.listeners) listener(applied);
    this.changed();
  }

  private verify(name: DecisionName, payload: Record<string, unknown> & { by: UserRef }): Verification {
    const { signing } = this.policy;
    return verifyDecision(payload, {
      workflowId: this.id,
      name,
      // the keys trusted now: the snapshot's and the added ones, less the revoked
      keys: [...signing.keys, ...this.state.signing.addedKeys].filter((k) => this.state.signing.keyIds.includes(k.keyId)),
      revokedKeyIds: this.state.signing.revokedKeyIds,
      nowMs: Date.now(),
      maxSkewSeconds: signing.maxSkewSeconds,
      usedNonces: new Set(this.state.signing.recentNonces.map((n) => n.nonce)),
    });
  }

  /** Nonces older than the allowed skew can be forgotten: such a decision is refused by its age. */
  private rememberNonce(auth: DecisionAuth): void {
    const horizon = Date.now() - 2 * this.policy.signing.maxSkewSeconds * 1000;
    const kept = this.state.signing.recentNonces.filter((n) => Date.parse(n.issuedAt) >= horizon);
    this.state.signing.recentNonces = [...kept, { nonce: auth.nonce, issuedAt: auth.issuedAt }];
  }

  private reject(name: DecisionName, by: string | undefined, why: string): void {
    log.warn('decision rejected', { name, by, why });
    this.record('rejected', `拒收「${DECISIONS[name].label}」：${why}`, by, name);
    this.changed();
  }

  recordLate(d: Deadline): void {
    this.record('late', `${d.label}逾期 ${formatLateness(d.lateByMinutes ?? 0)}後完成（${roleLabel(d.responsible)}）`);
  }

  record(kind: TimelineEntry['kind'], text: string, by?: string, decision?: DecisionName): void {
    this.state.timeline.push({ at: new Date().toISOString(), kind, text, ...(by ? { by } : {}), ...(decision ? { decision } : {}) });
  }

  setStep(step: Step, status: StepState['status'], reason?: string): void {
    const s = this.state.steps[step];
    if (s.status === status) return;
    const at = new Date().toISOString();
    if (status === 'active') s.startedAt = at;
    if (status === 'done' || status === 'skipped') s.endedAt = at;
    s.status = status;
    if (reason) s.reason = reason;
    this.record('step', `${label('stepChange', status)}：${STEP_LABELS[step]}${reason ? `（${reason}）` : ''}`);
    this.changed();
  }

  /** Re-derives what queries and the UI show, and upserts search attributes only when they moved. */
  changed(): void {
    this.version++;
    const s = this.state;
    s.currentStep = currentStep(s);
    s.pendingDecisions = pendingDecisions(s);
    setCurrentDetails(currentDetails(s, this.policy.calendar, Date.now()));
    const breached = s.breachCount > 0;
    const key = `${s.severity}|${s.currentStep}|${breached}|${s.category}`;
    if (key === this.upserted) return;
    // a start from the Temporal UI or CLI carries no attributes: the first upsert sets them all
    const fixed = this.upserted
      ? []
      : [
          { key: SA.department, value: s.incident.department },
          { key: SA.discoveredAt, value: new Date(s.incident.discoveredAt) },
        ];
    this.upserted = key;
    upsertSearchAttributes([
      ...fixed,
      { key: SA.category, value: s.category },
      { key: SA.severity, value: s.severity },
      { key: SA.stage, value: s.currentStep },
      { key: SA.breached, value: breached },
    ]);
  }

  /** The roles to tell when a deadline owed by `role` is missed: the next level up (SPEC §4). */
  levelAbove(role: Role): Role[] {
    const chain = this.policy.escalationChain;
    const i = chain.indexOf(role);
    const above = chain[i + 1];
    return above ? [above] : [role];
  }
}
