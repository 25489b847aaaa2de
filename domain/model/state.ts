// The incident's live state: the one thing the `state` query returns, the documents are rendered
// from, and continue-as-new carries over. Plain data only, so it serialises as-is.
import type {
  ActionKind,
  Category,
  DeadlineKind,
  IncidentFields,
  IntakeOrigin,
  Metrics,
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
  /** why a step was skipped, e.g. 一般輿情無需發布通稿 */
  reason?: string;
}

export interface Deadline {
  kind: DeadlineKind;
  label: string;
  /** the role answerable for meeting it (SPEC §4 breach: 'who was responsible') */
  responsible: Role;
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
}

export interface ActionRecord extends Marked {
  kind: ActionKind;
  description: string;
  reason: string;
  by: UserRef;
  at: string;
}

export interface ResponseRecord extends Marked {
  kind: ResponseKind;
  content: string;
  channel: string;
  by: UserRef;
  at: string;
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
  /** the 期號 of the bulletin carried */
  bulletinNo?: number;
  by: UserRef;
  at: string;
  late: boolean;
}

/** The item forwarded to the department responsible (轉達業務科室, SPEC §4). */
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

export type TimelineKind = 'started' | 'step' | 'decision' | 'rejected' | 'breach' | 'late' | 'document' | 'published' | 'notified' | 'escalation' | 'continued' | 'closed';

export interface TimelineEntry {
  at: string;
  kind: TimelineKind;
  /** short Chinese text, as shown on the incident page and in the summary */
  text: string;
  by?: string;
  decision?: DecisionName;
  /** decisions only: signed by the API (true) or sent to Temporal directly and accepted as marked (false) */
  signed?: boolean;
}

export interface PendingDecision {
  name: DecisionName;
  label: string;
  roles: Role[];
  /** user ids who may not take it (separation of duties) */
  excludedUsers: string[];
  releaseNo?: number;
  /** the version a review or approval must name */
  draftHash?: string;
  /** open to take, but not something the incident waits for (a further report when none is owed) */
  standing?: true;
  /** the report upward: the required recipients not yet reported to */
  owed?: RequiredRecipient[];
}

export interface DocumentRef {
  name: string;
  title: string;
  createdAt: string;
  paths: { markdown: string; html: string };
}

export interface IncidentState {
  workflowId: string;
  incident: IncidentFields;
  reporter: UserRef;
  /** set for items posted by a monitoring system: they wait in step 1 for a monitor's 研判 */
  origin?: IntakeOrigin;
  assessment?: { confirmed: boolean; by: UserRef; at: string; reason?: string; unsigned?: true };
  severity: Severity;
  responseLevel: 'I' | 'II' | 'III' | 'routine';
  category: Category;
  currentStep: Step | 'closed';
  steps: Record<Step, StepState>;
  deadlines: Deadline[];
  plan?: { text: string; approvedBy?: UserRef; approvedAt?: string; decision?: 'approved' | 'rejected'; comment?: string; unsigned?: true; outgrown?: Severity };
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
  /** the latest rise into major or critical: a report for the new grade and a plan approved since are owed (SPEC §2) */
  majorSince?: string;
  summary?: {
    lessons: string;
    body: string;
    submittedBy: UserRef;
    submittedAt: string;
    decision?: 'approved' | 'returned';
    decidedBy?: UserRef;
    comment?: string;
    draftHash?: string;
    unsigned?: true;
    decisionUnsigned?: true;
  };
  documents: DocumentRef[];
  pendingDecisions: PendingDecision[];
  timeline: TimelineEntry[];
  breachCount: number;
  closed?: { at: string; outcome: 'completed' | 'withdrawn' | 'dismissed'; reason?: string; unsigned?: true };
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
