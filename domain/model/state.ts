// The incident's live state: the one thing the `state` query returns, the documents are rendered
// from, and continue-as-new carries over. Plain data only, so it serialises as-is.
import type { Script } from '../script';
import type {
  ActionKind,
  Attachment,
  Category,
  DeadlineKind,
  IncidentFields,
  IntakeOrigin,
  Metrics,
  NoticeKind,
  Recipient,
  ReportChannel,
  ReportDocument,
  ReportKind,
  RequiredRecipient,
  ResponseKind,
  Role,
  SigningKey,
  Severity,
  Step,
  UserRef,
  Verdict,
} from './schema';
import type { DecisionName } from '../decisions/index';

/** set on a record a decision wrote without the API's signature (accepted under `accept-marked`) */
interface Marked {
  unsigned?: true;
}

export type StepStatus = 'pending' | 'active' | 'done' | 'skipped';

export interface StepState {
  status: StepStatus;
  startedAt?: string;
  endedAt?: string;
  /** why a step was skipped, e.g. 一般舆情无需发布通稿 */
  reason?: string;
}

/** The person answerable for a deadline or a pending decision (SPEC §4 accountability), chosen or reassigned. */
export interface Owner {
  /** the user's sign-in name */
  id: string;
  name: string;
  department?: string;
  /** how they came to own it: on duty by the roster, the department's officer, the role's only holder, or reassigned */
  via: 'roster' | 'department' | 'role' | 'reassigned';
}

export interface Deadline {
  kind: DeadlineKind;
  label: string;
  /** the role answerable for meeting it (SPEC §4 breach: 'who was responsible') */
  responsible: Role;
  /** the person who owns it; absent when nobody could be chosen, and in incidents from before owners */
  owner?: Owner;
  startedAt: string;
  dueAt: string;
  metAt?: string;
  /** set when the timer fired before the awaited event */
  breachedAt?: string;
  /** minutes late, when met after a breach */
  lateByMinutes?: number;
  /** the computation reached into a year the calendar does not cover (SPEC §4) */
  uncoveredYears?: number[];
  /** no longer applies (e.g. incident withdrawn, or de-escalated below its severity) */
  cancelled?: boolean;
  /** the due time its owner was last reminded of (`dueSoon`); a tightened deadline is reminded again */
  remindedFor?: string;
  /**
   * The work that met it was returned for revision (a summary sent back by leadership): open again,
   * shown as returned; the resubmission meets it anew, and that is the time it was met.
   */
  returnedAt?: string;
}

export type ReleaseStatus = 'drafted' | 'reviewed' | 'approved' | 'published' | 'returned';

export interface ReleaseReview extends Marked {
  stage: 'review' | 'approval';
  by: UserRef;
  at: string;
  approve: boolean;
  comment: string;
  /** the draft version this review decided on */
  draftHash?: string;
}

export interface Release extends Marked {
  no: number;
  kind: 'facts' | 'progress' | 'final';
  title: string;
  body: string;
  channels: string[];
  status: ReleaseStatus;
  draftedBy: UserRef;
  draftedAt: string;
  reviews: ReleaseReview[];
  publishedAt?: string;
  publishedRefs?: string[];
  /** hash of this version's content: the next review must name it */
  draftHash?: string;
  /** what the version last returned said, so a reviewer sees what changed since */
  previous?: ReleaseContent;
  attachments?: Attachment[];
}

export type ReleaseContent = Pick<Release, 'kind' | 'title' | 'body' | 'channels'>;

export interface ActionRecord extends Marked {
  kind: ActionKind;
  description: string;
  reason: string;
  by: UserRef;
  at: string;
  attachments?: Attachment[];
}

export interface ResponseContent {
  kind: ResponseKind;
  content: string;
  channel: string;
}

/** a decision on a drafted plan or response by leadership */
export interface LeadershipDecision extends Marked {
  approve: boolean;
  comment: string;
  by: UserRef;
  at: string;
  /** the version decided on */
  draftHash?: string;
}

export interface ResponseRecord extends ResponseContent, Marked {
  /** drafter and time drafted (histories from before leadership approved responses: recorded and counted at once) */
  by: UserRef;
  at: string;
  /** numbered, drafted, approved or returned: only under the rule that leadership approves responses */
  no?: number;
  status?: 'drafted' | 'approved' | 'returned';
  draftHash?: string;
  decisions?: LeadershipDecision[];
  approvedAt?: string;
  previous?: ResponseContent;
}

export interface PlanAssignment {
  who: string;
  task: string;
}

/** What the office drafts as the handling plan (SPEC §5): measures, 口径, who does what, publication plan. */
export interface PlanContent {
  measures: string;
  messageLine: string;
  assignments: PlanAssignment[];
  publicationPlan: string;
}

export interface HandlingPlan extends Marked, Partial<PlanContent> {
  /** histories from before the office drafted the plan: the text leadership approved with; '' otherwise */
  text: string;
  /** leadership's last decision: approved, or returned ('rejected') to the drafter with `comment` */
  decision?: 'approved' | 'rejected';
  comment?: string;
  approvedBy?: UserRef;
  approvedAt?: string;
  /** the grade a rise went to after this plan: it must be drafted and approved again */
  outgrown?: Severity;
  // drafted by the office (under the rule that the office drafts and leadership decides)
  revision?: number;
  draftedBy?: UserRef;
  draftedAt?: string;
  draftHash?: string;
  /** the version last returned, so leadership sees what changed since */
  previous?: PlanContent;
  decisions?: LeadershipDecision[];
}

export interface Findings extends Marked {
  verdict: Verdict;
  facts: string;
  evidence: string[];
  submittedBy: UserRef;
  submittedAt: string;
  reviewedBy?: UserRef;
  reviewedAt?: string;
  accepted?: boolean;
  comment?: string;
  reviewUnsigned?: true;
  draftHash?: string;
  attachments?: Attachment[];
}

export interface BulletinRecord extends Marked {
  no: number;
  at: string;
  /** who asked for it at once (bulletinIssued); absent for the ones the interval brought */
  by?: UserRef;
  note?: string;
}

/** Step 6's bulletins 《网络舆情通报》: the next one the workflow issues by itself, and those issued. */
export interface Tracking {
  /** the interval to the next bulletin counts from here: the start of tracking, then the last bulletin */
  countsFrom: string;
  /** absent when the grade has no bulletin interval: then only one asked for is issued */
  next?: { no: number; dueAt: string; uncoveredYears?: number[] };
  /** the office asked for one at once; the workflow issues it and clears this */
  requested?: { by: UserRef; at: string; note: string; unsigned?: true };
  issued: BulletinRecord[];
}

/** A report upward (SPEC §5). Reports from before the reports the plans require carry only `to`. */
export interface ReportRecord extends Marked {
  channel: ReportChannel;
  kind?: ReportKind;
  recipients?: Recipient[];
  /** who 'other' is */
  otherRecipient?: string;
  /** the free-text recipient of the reports from before the recipients were named */
  to?: string;
  document?: ReportDocument;
  /** the 期号 of the bulletin carried */
  bulletinNo?: number;
  by: UserRef;
  at: string;
  late: boolean;
}

/** The item forwarded to the department responsible (转达业务科室, SPEC §4). */
export interface ForwardRecord extends Marked {
  department: string;
  channel: ReportChannel;
  note: string;
  by: UserRef;
  at: string;
}

export interface Escalation extends Marked {
  from: Severity;
  to: Severity;
  reason: string;
  /** 'metrics' when the workflow regraded on its own */
  by: UserRef | 'metrics';
  at: string;
}

export type TimelineKind = 'started' | 'step' | 'decision' | 'rejected' | 'breach' | 'late' | 'document' | 'published' | 'notified' | 'escalation' | 'continued' | 'closed' | 'duty';

export interface TimelineEntry {
  at: string;
  kind: TimelineKind;
  /** short Chinese text, as shown on the incident page and in the summary */
  text: string;
  by?: string;
  decision?: DecisionName;
  /** decisions only: signed by the API (true) or sent to Temporal directly and accepted as marked (false) */
  signed?: boolean;
  /** notices only: some role it was meant for was reached through no channel */
  undelivered?: true;
}

/** A notice the workflow sent (or tried to): what the incident page lists, undelivered ones marked. */
export interface NoticeRecord {
  kind: NoticeKind;
  title: string;
  roles: Role[];
  at: string;
  /** the channels that carried it to people; the incident's own log is not one */
  channels: string[];
  /** the roles no channel reached: none is configured for them, or delivery failed after all retries */
  undelivered?: Role[];
  failed?: true;
}

/** The open deadline a pending decision is due by. */
export interface PendingDeadline {
  kind: DeadlineKind;
  label: string;
  dueAt: string;
  breached: boolean;
  /** taking the decision meets it; false: it is one stage towards it (a review before the approval) */
  meets: boolean;
}

export interface PendingDecision {
  name: DecisionName;
  label: string;
  roles: Role[];
  /** user ids who may not take it (separation of duties) */
  excludedUsers: string[];
  releaseNo?: number;
  responseNo?: number;
  /** the version a review or approval must name */
  draftHash?: string;
  /**
   * someone is expected to take it next: not a standing decision (metrics, escalation, withdrawal),
   * or a standing one a step or an open deadline now waits for (the first response, a reply)
   */
  expected: boolean;
  /** the earliest open deadline it meets, else the earliest it advances */
  deadline?: PendingDeadline;
  /** the person expected to take it (the owner of its deadline, or as chosen for it) */
  owner?: Owner;
  /** open to take, but not something the incident waits for (a further report when none is owed) */
  standing?: true;
  /** the report upward: the required recipients not yet reported to */
  owed?: RequiredRecipient[];
}

export type NeedKind =
  | 'assessment'
  | 'report'
  | 'planApproval'
  | 'facts'
  | 'findings'
  | 'findingsReview'
  | 'action'
  | 'response'
  | 'release'
  | 'releaseInFlight'
  | 'stabilisation'
  | 'summary'
  | 'summaryApproval';

/** One thing an active step still needs before it can end (SPEC §5 "every step says what it still needs"). */
export interface StepNeed {
  kind: NeedKind;
  /** in words, in the default script: 答复 / 问责或更正或网下解决问题 / 第2号通稿待审定 */
  text: string;
  /** the decisions that would provide it (none: another step's, as accepted findings) */
  decisions: DecisionName[];
  /** kind `action`: any one of these actions */
  anyOf?: ActionKind[];
  /** kind `releaseInFlight`: the release and where it stands */
  releaseNo?: number;
  releaseStatus?: ReleaseStatus;
}

export interface DocumentRef {
  name: string;
  title: string;
  createdAt: string;
  /** its 发文字号 or 期号 (2026年第12期); absent in documents rendered before documents were numbered */
  number?: string;
  /** docx absent in documents rendered before Word files were written, print before print pages were */
  paths: { markdown: string; html: string; docx?: string; print?: string };
}

export interface IncidentState {
  workflowId: string;
  incident: IncidentFields;
  reporter: UserRef;
  /** set for items posted by a monitoring system: they wait in step 1 for a monitor's 研判 */
  origin?: IntakeOrigin;
  /** 演练: set at the start of runs under the drills rules only (workflow.ts DRILLS_PATCH); kept across continue-as-new */
  drill?: true;
  assessment?: { confirmed: boolean; by: UserRef; at: string; reason?: string; unsigned?: true };
  severity: Severity;
  responseLevel: 'I' | 'II' | 'III' | 'routine';
  category: Category;
  currentStep: Step | 'closed';
  steps: Record<Step, StepState>;
  deadlines: Deadline[];
  plan?: HandlingPlan;
  /**
   * The office drafts the plan and responses, leadership approves them (RunRules.officeDrafts, set
   * at each run's start): in the state, so the API's admission applies the same rules as the run's.
   */
  officeDrafts?: true;
  reports: ReportRecord[];
  /**
   * the recipients the policy requires at this grade not yet reported to (since the latest rise into
   * major or critical); absent in incidents started before the reports the plans require, whose
   * report decision then keeps its old occasions
   */
  reportsOwed?: RequiredRecipient[];
  /** how many reports were filed before the latest rise into major or critical: those do not count for the new grade */
  reportsBeforeRise?: number;
  /** absent in incidents started before forwarding was recorded */
  forwards?: ForwardRecord[];
  findings?: Findings;
  actions: ActionRecord[];
  responses: ResponseRecord[];
  releases: Release[];
  metricsHistory: { at: string; metrics: Metrics; severity: Severity; by: string; unsigned?: true }[];
  escalations: Escalation[];
  replyExtension?: { reason: string; requestedBy: UserRef; requestedAt: string; decision?: 'approved' | 'rejected'; decidedBy?: UserRef; unsigned?: true; decisionUnsigned?: true };
  stabilisedAt?: string;
  /**
   * 24-hour online duty (篇五): the latest window, open while a major or critical incident is not yet
   * stable; only runs under the duty-around-the-clock rules set it. `checkedAt`: the roster's last check for hours nobody covers
   */
  duty24h?: { since: string; until?: string; checkedAt?: string };
  /**
   * Set when tracking starts under the tracking-and-returns rules (RunRules): states from runs
   * before them lack it, and the decisions that read it (stabilised, bulletinIssued, actionRecorded
   * in step 7, a returned summary) then admit what they always did.
   */
  tracking?: Tracking;
  /** the latest rise into major or critical: a report for the new grade and a plan approved since are owed (SPEC §2) */
  majorSince?: string;
  summary?: {
    lessons: string;
    body: string;
    submittedBy: UserRef;
    submittedAt: string;
    decision?: 'approved' | 'returned';
    decidedBy?: UserRef;
    decidedAt?: string;
    /** the reason, when returned: the page shows it above the returned draft, which it pre-fills */
    comment?: string;
    draftHash?: string;
    unsigned?: true;
    decisionUnsigned?: true;
    attachments?: Attachment[];
  };
  documents: DocumentRef[];
  pendingDecisions: PendingDecision[];
  /** the active steps' open needs, derived like pendingDecisions */
  stepNeeds: Partial<Record<Step, StepNeed[]>>;
  timeline: TimelineEntry[];
  /** the latest notices, oldest first (absent in states from before notices were recorded) */
  notices?: NoticeRecord[];
  breachCount: number;
  closed?: { at: string; outcome: 'completed' | 'withdrawn' | 'dismissed'; reason?: string; unsigned?: true };
  /**
   * the script the incident writes its texts in, the organisation's at its start (domain/script.ts);
   * absent in incidents started before Simplified became the default, which go on in Traditional
   */
  script?: Script;
  /** how many times the workflow continued as new; the timeline is carried over whole */
  generation: number;
  /**
   * keyIds: every key this incident trusts (the snapshot's and those added since), so the API can
   * sign with one it knows; addedKeys: added by admin decisions; nonces seen within the allowed skew
   */
  /** keyIds: the keys trusted now; revokedKeyIds: never again (absent in states carried over from before revocation existed) */
  signing: { keyIds: string[]; addedKeys: SigningKey[]; revokedKeyIds?: string[]; recentNonces: { nonce: string; issuedAt: string }[] };
  /** counters that keep activity idempotency keys unique across continue-as-new */
  seq: { notice: number; bulletin: number };
}
