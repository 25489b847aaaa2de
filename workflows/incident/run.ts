// One running incident: its state, the handlers that admit decisions, and the one way to change
// the state (`update`), which keeps everything derived from it current: the step, what the steps
// still need, the pending decisions, the Temporal UI's details and the search attributes. Steps
// and loops await it.
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import { log, setCurrentDetails, setHandler, upsertMemo, upsertSearchAttributes } from '@temporalio/workflow';
import { isUndecodable } from '../../codec/undecodable';
import { admitDecision, ALWAYS_SIGNED, ALWAYS_SIGNED_BEFORE, type SignatureContext, type SpentNonce } from '../../domain/decisions/admission';
import { applyDecision } from '../../domain/decisions/apply';
import { DECISION_NAMES, type DecisionName, handlerDescription } from '../../domain/decisions/index';
import { pendingDecisions } from '../../domain/decisions/pending';
import type { Refusal } from '../../domain/decisions/spec';
import { currentDetails } from '../../domain/incident/details';
import { drillNotice } from '../../domain/incident/drill';
import { dutyOn, dutySwitch, offReason, withDutyLine } from '../../domain/duty/around-the-clock';
import { stepNeeds } from '../../domain/incident/needs';
import { label } from '../../domain/labels';
import { awaitingRoles, isDueSoon, listedDeadline, listing, LISTING_MEMO } from '../../domain/incident/listing';
import { nextDeadline } from '../../domain/incident/deadline-book';
import { noticeBasis, type OwedNotice, owedNotices } from '../../domain/incident/notices';
import type { IncidentInput, Role, Step } from '../../domain/model/schema';
import type { Deadline, IncidentState, StepState, TimelineEntry } from '../../domain/model/state';
import { formatLateness } from '../../domain/rules/deadlines';
import { answerable } from '../../domain/incident/owners';
import { roleLabel } from '../../domain/rules/roles';
import { currentStep, STEP_LABELS } from '../../domain/rules/steps';
import { decisionSignals, SA, stateQuery, type Verdict, verdictUpdate } from './definitions';
import { scriptOfState, wording, written } from '../../domain/script';

/** verdicts kept for the API to ask about; older ones answer `unknown` */
const VERDICTS_KEPT = 500;

export interface RunRules {
  /**
   * Histories recorded before the one admission path replay as they ran: no trust-root check at
   * start, reviews not bound to draft hashes, nonces spent only when accepted, and the deadline
   * watcher re-planning on a counter. Fixed per run, so a run never mixes the two.
   */
  current: boolean;
  /** a rise into major or critical re-opens the major process (histories from before: it did not) */
  reopenOnRise: boolean;
  /**
   * people are told when they must act (registered, decisionNeeded, dueSoon, escalation, published,
   * closed) and every notice is recorded in the state; histories from before sent only breaches
   */
  notices: boolean;
  /**
   * The next bulletin kept in the state, bulletins on request and counted from the last one
   * (steps/track.ts). Tracking under these rules sets `state.tracking`, which is what the
   * decisions read (domain/decisions/open.ts `underTrackingRules`): stabilisation waits for the first
   * bulletin at significant and above, actions stay open in step 7, a return re-opens the summary's deadline.
   */
  trackingAndReturns: boolean;
  /**
   * the office drafts the handling plan and the responses, leadership approves them, and a response
   * counts only once approved (histories from before: leadership wrote and approved the plan in one
   * decision, and a response counted as soon as it was recorded)
   */
  officeDrafts: boolean;
  /**
   * a fresh incident starts with the reports the plans require (forwarding, recipients owed, the
   * inquiry's 当日 opinion) and leaves step 1 without a report where its grade needs none; the state
   * it starts with carries the difference, so decisions follow it without reading this
   */
  reportsAsPlans: boolean;
  /**
   * the lists read the incident from visibility: the next deadline, the roles awaited and whether a
   * deadline is due within the hour as search attributes, what the lists show in the memo
   * (domain/incident/listing.ts); histories from before kept neither and are queried one by one
   */
  listing: boolean;
  /**
   * a major or critical incident switches on 24-hour duty until it is stable, notices meanwhile say
   * so and the roster is checked daily for hours nobody covers (histories from before: no duty)
   */
  dutyAroundTheClock: boolean;
}

export class IncidentRun {
  /** activities in flight and notices owed; continue-as-new waits for zero so no side effect is cut off */
  busy = 0;
  /** notices owed and not yet handed to an activity (workflows/incident/notices.ts sends them) */
  readonly outbox: OwedNotice[] = [];
  /** only for runs under the old rules: bumped where those re-planned the deadline watcher */
  private legacyDeadlineMoves = 0;
  private readonly verdicts = new Map<string, Verdict>();
  private upserted = '';
  private memoed = '';

  constructor(
    readonly input: IncidentInput,
    readonly state: IncidentState,
    readonly rules: RunRules,
  ) {
    // the rules admission reads from the state, here and in the API; a carried state takes this run's
    if (rules.officeDrafts) state.officeDrafts = true;
    else delete state.officeDrafts;
    // a query answered while the trust root is read already lists what the incident waits for
    this.derive();
  }

  get policy() {
    return this.input.policy;
  }

  get id() {
    return this.state.workflowId;
  }

  /** The signals: registered once the incident is trusted, so none is admitted before (they wait meanwhile). */
  registerSignals(): void {
    for (const name of DECISION_NAMES) {
      setHandler(decisionSignals[name], (raw: unknown) => this.decide(name, raw), { description: written(this.state, handlerDescription(name, 'zh-Hans'), handlerDescription(name, 'en')) });
    }
  }

  /** The query and the verdict Update: answered from the first moment, also while trust is checked. */
  registerReaders(): void {
    setHandler(stateQuery, () => this.state, {
      description: written(
        this.state,
        '事件的完整即时状态：级别、七个步骤、期限、待决定事项、通稿审核记录、措施、传播数据、升级记录、时间线',
        "The incident's full live state: grade, the seven steps, deadlines, pending decisions, release reviews, actions, metrics, escalations, timeline",
      ),
    });
    setHandler(verdictUpdate, (decisionId) => this.verdicts.get(decisionId) ?? { decisionId, outcome: 'unknown' }, {
      validator: (decisionId) => {
        if (typeof decisionId !== 'string' || decisionId.length === 0 || decisionId.length > 128) throw new Error('decisionId must be a string of 1 to 128 characters');
      },
      description: written(this.state, '某项决定的结果（已采纳或拒收及原因），以 API 给的 decisionId 查询。[decisionId]', "A decision's outcome (applied, or refused and why), asked by the decisionId the API gave. [decisionId]"),
    });
  }

  /** A decision from anywhere (API, Temporal UI, CLI): admitted and applied, or recorded as refused. Never throws. */
  decide(name: DecisionName, raw: unknown): void {
    const decisionId = typeof raw === 'object' && raw !== null && typeof (raw as { decisionId?: unknown }).decisionId === 'string' ? (raw as { decisionId: string }).decisionId : undefined;
    let verdict: Verdict;
    try {
      verdict = this.admitAndApply(name, raw, decisionId ?? '');
    } catch (error) {
      // whatever went wrong, the incident goes on: the decision is refused, not the workflow task
      const cause = error instanceof Error ? error.message : String(error);
      verdict = this.refuse(name, decisionId ?? '', undefined, { code: 'invalid', message: wording(scriptOfState(this.state))(`无法处理（${cause}）`, `could not be handled (${cause})`) });
    }
    if (decisionId) this.keepVerdict(verdict);
  }

  private admitAndApply(name: DecisionName, raw: unknown, decisionId: string): Verdict {
    if (isUndecodable(raw)) return this.refuse(name, decisionId, undefined, { code: 'invalid', message: wording(scriptOfState(this.state))(`无法解码（${raw.__undecodable}）`, `could not be decoded (${raw.__undecodable})`) });
    const admission = admitDecision(this.state, name, raw, this.signatureContext());
    if (admission.spent && (admission.ok || this.rules.current)) this.spendNonce(admission.spent);
    if (!admission.ok) return this.refuse(name, decisionId, admission.by?.name, admission.refusal);
    const { payload, signed } = admission;
    this.update((s) => {
      const applied = applyDecision(s, this.policy, name, payload, { nowMs: Date.now(), signed, bindDrafts: this.rules.current, reopenOnRise: this.rules.reopenOnRise });
      for (const d of applied.late) this.lateEntry(d);
      if (applied.deadlinesChanged) this.legacyDeadlineMoves++;
    });
    return { decisionId, name, outcome: 'applied' };
  }

  private signatureContext(): SignatureContext {
    const { signing } = this.policy;
    return {
      workflowId: this.id,
      // the keys trusted now: the snapshot's and the added ones, less the revoked
      keys: [...signing.keys, ...this.state.signing.addedKeys].filter((k) => this.state.signing.keyIds.includes(k.keyId)),
      revokedKeyIds: this.state.signing.revokedKeyIds,
      nowMs: Date.now(),
      maxSkewSeconds: signing.maxSkewSeconds,
      usedNonces: new Set(this.state.signing.recentNonces.map((n) => n.nonce)),
      unsignedDecisions: signing.unsignedDecisions,
      hashes: this.rules.current ? 'parsed' : 'as-sent',
      alwaysSigned: this.rules.current ? ALWAYS_SIGNED : ALWAYS_SIGNED_BEFORE,
    };
  }

  /** Nonces older than the allowed skew can be forgotten: such a decision is refused by its age. */
  private spendNonce(auth: SpentNonce): void {
    const horizon = Date.now() - 2 * this.policy.signing.maxSkewSeconds * 1000;
    const kept = this.state.signing.recentNonces.filter((n) => Date.parse(n.issuedAt) >= horizon);
    this.state.signing.recentNonces = [...kept, { nonce: auth.nonce, issuedAt: auth.issuedAt }];
  }

  private refuse(name: DecisionName, decisionId: string, by: string | undefined, refusal: Refusal): Verdict {
    log.warn('decision refused', { name, code: refusal.code });
    this.record('rejected', `拒收「${label('decision', name)}」：${refusal.message}`, `Refused "${label('decision', name, 'en')}": ${refusal.message}`, by, name);
    return { decisionId, name, outcome: 'refused', ...refusal };
  }

  private keepVerdict(verdict: Verdict): void {
    this.verdicts.delete(verdict.decisionId);
    this.verdicts.set(verdict.decisionId, verdict);
    if (this.verdicts.size > VERDICTS_KEPT) this.verdicts.delete(this.verdicts.keys().next().value!);
  }

  /** The one way to change the state: the change, then everything derived from it brought up to date, and the notices it owes. */
  update(change: (s: IncidentState) => void): void {
    const before = this.rules.notices ? noticeBasis(this.state) : undefined;
    change(this.state);
    if (this.rules.dutyAroundTheClock) this.applyDutySwitch();
    if (before) {
      this.derive();
      this.owe(owedNotices(before, this.state, this.policy));
    }
    this.refresh();
  }

  /** Switches 24-hour duty on or off as the state now needs it, e.g. for an incident that starts major. */
  switchDuty(): void {
    this.update(() => {});
  }

  private applyDutySwitch(): void {
    const s = this.state;
    const change = dutySwitch(s);
    if (!change) return;
    const at = new Date().toISOString();
    s.duty24h = change === 'on' ? { since: at } : { ...s.duty24h!, until: at };
    const text =
      change === 'on'
        ? written(s, '启动24小时网上舆情值班（重大及以上舆情，至平稳为止）', '24-hour online duty started (major or critical incident, until it is stable)')
        : written(s, `结束24小时网上舆情值班（${offReason(s, 'zh-Hans')}）`, `24-hour online duty ended (${offReason(s, 'en')})`);
    s.timeline.push({ at, kind: 'duty', text });
  }

  /** Queues notices to be sent beside the steps, which never wait for a chat robot; each in the incident's script. */
  owe(notices: OwedNotice[]): void {
    const inScript = (n: OwedNotice): OwedNotice => ({ ...n, title: written(this.state, n.title), markdown: written(this.state, n.markdown) });
    const script = scriptOfState(this.state);
    const duty = (n: OwedNotice) => (this.rules.dutyAroundTheClock && dutyOn(this.state) ? withDutyLine(n, script) : n);
    this.outbox.push(...notices.map((n) => inScript(duty(drillNotice(this.state.drill, n, script)))));
    this.busy += notices.length;
  }

  /** A timeline entry in the incident's script, from its Simplified and its English wording. */
  record(kind: TimelineEntry['kind'], zh: string, en: string, by?: string, decision?: DecisionName): void {
    this.update((s) => s.timeline.push({ at: new Date().toISOString(), kind, text: written(s, zh, en), ...(by ? { by } : {}), ...(decision ? { decision } : {}) }));
  }

  recordLate(d: Deadline): void {
    this.update(() => this.lateEntry(d));
  }

  private lateEntry(d: Deadline): void {
    const late = d.lateByMinutes ?? 0;
    const text = written(
      this.state,
      `${d.label}逾期 ${formatLateness(late)}后完成（${answerable(roleLabel(d.responsible), d.owner)}）`,
      `${d.label} met ${formatLateness(late, 'en')} late (${answerable(roleLabel(d.responsible, 'en'), d.owner, 'en')})`,
    );
    this.state.timeline.push({ at: new Date().toISOString(), kind: 'late', text });
  }

  /** Under the old rules publishing re-planned the watcher; the new watcher sees the deadlines themselves. */
  deadlinesMoved(): void {
    this.legacyDeadlineMoves++;
  }

  /** `reason`: why, in Simplified and in English */
  setStep(step: Step, status: StepState['status'], reason?: [zh: string, en: string]): void {
    const s = this.state.steps[step];
    if (s.status === status) return;
    const at = new Date().toISOString();

    this.update((state) => {
      if (status === 'active') s.startedAt = at;
      if (status === 'done' || status === 'skipped') s.endedAt = at;
      s.status = status;
      // kept as composed, as before English: the Traditional is converted where it is shown
      if (reason) s.reason = wording(scriptOfState(state))(...reason);
      const zh = `${label('stepChange', status)}：${STEP_LABELS[step]}${reason ? `（${reason[0]}）` : ''}`;
      const en = `${label('stepChange', status, 'en')}: ${label('step', step, 'en')}${reason ? ` (${reason[1]})` : ''}`;
      state.timeline.push({ at, kind: 'step', text: written(state, zh, en) });
    });
  }

  /** What the deadline watcher sleeps on: a new value means it must plan again. */
  deadlinePlan(): string {
    if (!this.rules.current) return String(this.legacyDeadlineMoves);
    const next = nextDeadline(this.state);
    return next ? `${next.kind}@${next.dueAt}` : '';
  }

  /** Re-derives what queries and the UI show, and upserts search attributes and the memo only when they moved. */
  refresh(): void {
    const s = this.state;
    this.derive();
    setCurrentDetails(written(s, currentDetails(s, this.policy.calendar, Date.now())));
    if (this.rules.listing) this.upsertListing();
    const breached = s.breachCount > 0;
    const listed = this.rules.listing ? this.listingAttributes() : [];
    const key = `${s.severity}|${s.currentStep}|${breached}|${s.category}${listed.length ? `|${JSON.stringify(listed.map((a) => a.value))}` : ''}`;
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
      ...listed,
    ]);
  }

  /** What the lists query on; an empty value unsets the attribute. */
  private listingAttributes(): SearchAttributeUpdatePair[] {
    const next = listedDeadline(this.state);
    const roles = awaitingRoles(this.state);
    return [
      { key: SA.nextDeadline, value: next ? new Date(next.dueAt) : null },
      { key: SA.nextDeadlineKind, value: next?.kind ?? null },
      { key: SA.awaitingRoles, value: roles.length ? roles : null },
      { key: SA.dueSoon, value: isDueSoon(this.state, Date.now()) },
    ];
  }

  private upsertListing(): void {
    const shown = listing(this.state);
    const key = JSON.stringify(shown);
    if (key === this.memoed) return;
    this.memoed = key;
    upsertMemo({ [LISTING_MEMO]: shown });
  }

  /** What the state query shows that follows from the rest of the state: pure, no command. */
  private derive(): void {
    this.state.currentStep = currentStep(this.state);
    this.state.stepNeeds = stepNeeds(this.state, scriptOfState(this.state));
    this.state.pendingDecisions = pendingDecisions(this.state, this.state.stepNeeds);
  }

  /** The roles to tell when a deadline owed by `role` is missed: the next level up (SPEC §4). */
  levelAbove(role: Role): Role[] {
    const chain = this.policy.escalationChain;
    const i = chain.indexOf(role);
    const above = chain[i + 1];
    return above ? [above] : [role];
  }
}
