// The one source of truth for every shape that crosses a boundary: the form/API body, the workflow
// input, the policy snapshot and the decision payloads. API, worker and workflow all import it.
import { z } from 'zod';
import { deadlineOrderProblems } from '../rules/deadline-order';
import { freezeShallow } from '../rules/shareable';
import { LANGS } from '../labels';

export const SEVERITIES = ['general', 'significant', 'major', 'critical'] as const;
export const Severity = z.enum(SEVERITIES);
export type Severity = z.infer<typeof Severity>;

export const CATEGORIES = ['inquiry', 'hype', 'fabrication', 'suggestion'] as const;
export const Category = z.enum(CATEGORIES);
export type Category = z.infer<typeof Category>;

// The platforms mainland monitors watch; codes only ever added (an old incident's channel must stay valid).
export const CHANNELS = [
  'weibo',
  'wechat',
  'wechatChannels',
  'douyin',
  'kuaishou',
  'xiaohongshu',
  'toutiao',
  'zhihu',
  'bilibili',
  'video',
  'news',
  'forum',
  'hotline',
  'other',
] as const;
export const Channel = z.enum(CHANNELS);
export type Channel = z.infer<typeof Channel>;

export const SENSITIVE_TOPICS = ['publicSafety', 'food', 'health', 'naturalDisaster', 'productionQuality', 'safetySecrecy'] as const;
export const SensitiveTopic = z.enum(SENSITIVE_TOPICS);

/**
 * `superior`: the superior authority (上级主管部门) at the top of the escalation chain, told of what
 * leadership let lapse; decides nothing here. `admin`: the system's administrators (signing keys).
 * `intake`: a monitoring system's machine account (posts alerts, updates metrics; decides nothing else).
 */
export const ROLES = ['monitor', 'handler', 'approver', 'superior', 'admin', 'intake'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;
/** the roles people hold: notices go to them, never to a machine account */
export const PERSON_ROLES = ROLES.filter((r) => r !== 'intake');

/** What the workflow tells people (README, "Which notices go to whom"); the chat routes filter on them. */
export const NOTICE_KINDS = ['registered', 'decisionNeeded', 'dueSoon', 'escalation', 'published', 'breach', 'closed', 'dutyGap'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export const STEPS = ['monitor', 'verify', 'coordinate', 'guide', 'publish', 'track', 'summarize'] as const;
export const Step = z.enum(STEPS);
export type Step = z.infer<typeof Step>;

const isoInstant = z.iso.datetime({ offset: true });
const text = (max: number) => z.string().trim().min(1).max(max);
const count = z.number().int().min(0).max(1e12);

export const Metrics = z.object({
  views: count.default(0),
  comments: count.default(0),
  reposts: count.default(0),
  mainstreamSites: z.number().int().min(0).max(1000).default(0),
  mainstreamMedia: z.boolean().default(false),
});
export type Metrics = z.infer<typeof Metrics>;

export const Sensitivity = z.object({
  topics: z.array(SensitiveTopic).max(SENSITIVE_TOPICS.length).default([]),
  /** casualties or serious social impact: with a flagged topic this is critical (SPEC §3) */
  seriousImpact: z.boolean().default(false),
});
export type Sensitivity = z.infer<typeof Sensitivity>;

/** a sign-in name: the users file's key, and what the roster and owners name people by */
export const UserName = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'lower-case letters, digits, . _ - (max 64)');

export const UserRef = z.object({
  id: z.string().trim().min(1).max(64),
  name: z.string().trim().min(1).max(64),
  roles: z.array(Role).min(1),
});
export type UserRef = z.infer<typeof UserRef>;

// ---- evidence: files fixed by their hash (证据固定); the bytes stay in the data folder ----------

/** What may be attached, by the type its content shows (rules/evidence-type.ts), with the endings a name may have. */
export const EVIDENCE_TYPES = {
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/gif': ['gif'],
  'image/webp': ['webp'],
  'application/pdf': ['pdf'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': ['pptx'],
  'video/mp4': ['mp4', 'm4v'],
  'video/quicktime': ['mov'],
} as const satisfies Record<string, readonly string[]>;
export type EvidenceType = keyof typeof EVIDENCE_TYPES;
export const EvidenceType = z.enum(Object.keys(EVIDENCE_TYPES) as [EvidenceType, ...EvidenceType[]]);

/** a file's own name, as shown and downloaded: no folders, no control characters */
export const EvidenceName = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[^/\\\u0000-\u001f\u007f]+$/, 'a file name without folders or control characters');

/**
 * The reference a record carries in place of the file (the claim check): the history holds this,
 * signed with the decision, and the bytes are in the data folder under their SHA-256.
 */
export const Attachment = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 as 64 lowercase hex digits'),
  size: z.number().int().positive(),
  type: EvidenceType,
  name: EvidenceName,
  /** who attached it, and when */
  by: UserRef,
  at: isoInstant,
});
export type Attachment = z.infer<typeof Attachment>;
/** at most this many files on one record: the references stay far below Temporal's payload limits */
export const MAX_ATTACHMENTS = 20;
export const Attachments = z.array(Attachment).max(MAX_ATTACHMENTS);

/** What an operator enters on the form (SPEC §2 step 1). */
export const IncidentFields = z.object({
  title: text(200),
  summary: text(4000),
  sourceUrls: z.array(z.url({ protocol: /^https?$/ })).min(1).max(20),
  channel: Channel,
  excerpt: z.string().trim().max(4000).default(''),
  discoveredAt: isoInstant,
  department: text(100),
  category: Category,
  metrics: Metrics.default({ views: 0, comments: 0, reposts: 0, mainstreamSites: 0, mainstreamMedia: false }),
  sensitive: Sensitivity.default({ topics: [], seriousImpact: false }),
  /** screenshots of the post and its comments, taken before it is deleted */
  attachments: Attachments.optional(),
});
export type IncidentFields = z.infer<typeof IncidentFields>;

// ---- policy snapshot -------------------------------------------------------------------------

export const DurationSpec = z.object({
  amount: z.number().positive(),
  /**
   * `workingDayClose`: the close of the `amount`th working day counting the day the clock starts
   * when it starts before that day's close (1: 当日, or the next working day's close when found
   * after hours or on a day off)
   */
  unit: z.enum(['seconds', 'minutes', 'hours', 'days', 'workingHours', 'workingDays', 'workingDayClose']),
});
export type DurationSpec = z.infer<typeof DurationSpec>;

export const DEADLINE_KINDS = [
  'forward',
  'report',
  'writtenReport',
  'initialResponse',
  'inquiryOpinion',
  'verification',
  'authoritativeRelease',
  'netizenReply',
  'summary',
] as const;
export const DeadlineKind = z.enum(DEADLINE_KINDS);
export type DeadlineKind = z.infer<typeof DeadlineKind>;

/** null: the deadline does not apply at that severity ("–" in SPEC §4). */
const PerSeverity = z.object({
  general: DurationSpec.nullable(),
  significant: DurationSpec.nullable(),
  major: DurationSpec.nullable(),
  critical: DurationSpec.nullable(),
});

export const DeadlineTable = z
  .object({
    /** 转达业务科室; absent in snapshots from before it existed: no such deadline then */
    forward: PerSeverity.optional(),
    report: PerSeverity,
    writtenReport: PerSeverity,
    initialResponse: PerSeverity,
    /** the 当日 handling opinion on an inquiry; absent in snapshots from before it existed */
    inquiryOpinion: PerSeverity.optional(),
    verification: PerSeverity,
    authoritativeRelease: PerSeverity,
    netizenReply: PerSeverity,
    /** the one extension of the netizen reply (SPEC §4: to 10 working days), counted from the same start */
    netizenReplyExtended: PerSeverity,
    summary: PerSeverity,
    bulletinInterval: PerSeverity,
  })
  // SPEC §4: a lower grade never has a tighter report deadline than a higher one
  .superRefine((table, ctx) => {
    for (const p of deadlineOrderProblems(table)) ctx.addIssue({ code: 'custom', path: [p.kind, p.lower], message: p.message });
  });
export type DeadlineTable = z.infer<typeof DeadlineTable>;

export const GradingThresholds = z.object({
  critical: z.object({ views: count, comments: count, mainstreamSites: count }),
  major: z.object({ views: count, comments: count, mainstreamSites: count }),
  significant: z.object({ views: count, comments: count }),
});
export type GradingThresholds = z.infer<typeof GradingThresholds>;

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM');
const ymd = z.iso.date();

/** Working-time calendar, resolved outside the workflow (chinese-days + overrides) and frozen in. */
export const CalendarSnapshot = z.object({
  /** minutes east of UTC; Asia/Shanghai is +480 and has no DST */
  utcOffsetMinutes: z.number().int().min(-720).max(840),
  workHours: z.array(z.object({ start: hhmm, end: hhmm })).min(1),
  /** ISO dates that are days off although weekdays (statutory holidays) */
  holidays: z.array(ymd),
  /** ISO dates that are working days although weekends (调休 make-up days) */
  workdays: z.array(ymd),
  /** years whose arrangement is known; outside them only weekends and statutory fallback days count */
  coveredYears: z.array(z.number().int()),
});
export type CalendarSnapshot = z.infer<typeof CalendarSnapshot>;

const hex = (bytes: number) => z.string().regex(new RegExp(`^[0-9a-f]{${bytes * 2}}$`), `must be ${bytes} bytes as lowercase hex`);

export const SigningKey = z.object({ keyId: z.string().trim().min(1).max(64), publicKey: hex(32) });
export type SigningKey = z.infer<typeof SigningKey>;

/** SPEC §5 authenticity: which decisions the workflow believes (public keys only: no secret in history). */
export const SigningPolicy = z.object({
  /** `accept-marked`: unsigned decisions (Temporal UI, CLI) count but are marked as such everywhere */
  unsignedDecisions: z.enum(['reject', 'accept-marked']).default('reject'),
  keys: z.array(SigningKey).default([]),
  maxSkewSeconds: z.number().int().positive().default(300),
});
export type SigningPolicy = z.infer<typeof SigningPolicy>;

/**
 * When the owner of an open deadline is reminded (`dueSoon`): one shorter than a day when this
 * fraction of it has passed; one of a day or more at the same time of day this many working days
 * before it is due, or at the fraction when that would be no later than its start.
 */
export const ReminderPolicy = z.object({
  shortFraction: z.number().gt(0).lt(1).default(0.5),
  workingDaysBefore: z.number().int().min(1).max(10).default(1),
});
export type ReminderPolicy = z.infer<typeof ReminderPolicy>;
export const DEFAULT_REMINDERS: ReminderPolicy = { shortFraction: 0.5, workingDaysBefore: 1 };

/** Whom a report upward reaches (SPEC §5): 党政办, 上级业务部门, 同级网信部门, 宣传部门网宣, 公安网警, or another named one. */
export const RECIPIENTS = ['partyOffice', 'superiorDepartment', 'cyberspace', 'propaganda', 'police', 'other'] as const;
export const Recipient = z.enum(RECIPIENTS);
export type Recipient = z.infer<typeof Recipient>;
/** the recipients a policy can require: 'other' names no one in particular */
export const RequiredRecipient = Recipient.exclude(['other']);
export type RequiredRecipient = z.infer<typeof RequiredRecipient>;

const recipientList = z.array(RequiredRecipient).max(RECIPIENTS.length);
const RecipientsPerSeverity = z.object({
  general: recipientList,
  significant: recipientList,
  major: recipientList,
  critical: recipientList,
});
const NO_RECIPIENTS = { general: [], significant: [], major: [], critical: [] };

/**
 * Whom each grade must be reported to (篇五: major and critical sensitive items also to 网宣 and 网警).
 * A snapshot without it requires no one: the workflow reads its absence the same way.
 */
export const ReportRecipients = z.object({
  required: RecipientsPerSeverity,
  /** added when a sensitive topic is flagged */
  sensitiveAlso: RecipientsPerSeverity,
});
export type ReportRecipients = z.infer<typeof ReportRecipients>;

/** 演练: how a drill's deadlines compare with a real incident's (a fraction of each span, from the same start). */
export const DrillPolicy = z.object({
  deadlineFactor: z.number().gt(0).max(1).default(0.1),
  /** the intake accounts (monitoring systems) whose alerts may say they are drills; none when absent */
  fromIntake: z.array(UserName).max(50).optional(),
});
export type DrillPolicy = z.infer<typeof DrillPolicy>;
export const DEFAULT_DRILL: DrillPolicy = { deadlineFactor: 0.1 };

export const PolicySnapshot = z.object({
  version: z.string().min(1),
  grading: GradingThresholds,
  deadlines: DeadlineTable,
  calendar: CalendarSnapshot,
  /** who hears of a breach: the level above the responsible role (office → leadership → superior) */
  escalationChain: z.array(Role).default(['handler', 'approver', 'superior']),
  /** tracking continues as new after this many history events, or earlier when the server suggests it */
  continueAsNewAfterEvents: z.number().int().min(20).default(2000),
  signing: SigningPolicy.default({ unsignedDecisions: 'reject', keys: [], maxSkewSeconds: 300 }),
  /** absent from snapshots taken before reminders existed: readers fall back to DEFAULT_REMINDERS */
  reminders: ReminderPolicy.default(DEFAULT_REMINDERS),
  reportRecipients: ReportRecipients.default({ required: NO_RECIPIENTS, sensitiveAlso: NO_RECIPIENTS }),
  /** absent from snapshots taken before drills existed: readers fall back to DEFAULT_DRILL */
  drill: DrillPolicy.default(DEFAULT_DRILL),
});
export type PolicySnapshot = z.infer<typeof PolicySnapshot>;

/** Where an item came from when a monitoring system posted it; such an incident waits for 研判. */
export const IntakeOrigin = z.object({
  sourceSystem: text(100),
  /** normalised item URL: the workflow id derives from it, so repeats reach the same incident */
  url: z.url({ protocol: /^https?$/ }),
  seenAt: isoInstant,
});
export type IntakeOrigin = z.infer<typeof IntakeOrigin>;

/** What a monitoring system (or the feed watcher) posts to POST /api/intake/alerts. */
export const IntakeAlert = z.object({
  url: z.url({ protocol: /^https?$/ }).max(2000),
  channel: Channel,
  excerpt: z.string().trim().max(4000).default(''),
  /** absent when the source has no numbers (a feed): a repeat then changes nothing */
  metrics: Metrics.optional(),
  seenAt: isoInstant,
  sourceSystem: text(100),
  title: text(200).optional(),
  department: text(100).optional(),
  /** 演练: the sender practises the alert path; only accounts the policy names (drill.fromIntake) may say so */
  drill: z.boolean().optional(),
});
export type IntakeAlert = z.infer<typeof IntakeAlert>;

export const IncidentInput = z.object({
  incident: IncidentFields,
  origin: IntakeOrigin.optional(),
  reporter: UserRef,
  policy: PolicySnapshot,
  /** client request id (Idempotency-Key): part of the workflow id so a double submit starts one */
  requestId: z.string().min(1).max(128),
  /** the organisation's script for the incident's texts; Simplified when absent */
  script: z.enum(LANGS).optional(),
  /** 演练: a practice run, marked everywhere, its deadlines compressed, published only to a sandbox, left out of the roll-ups */
  drill: z.boolean().optional(),
});
export type IncidentInput = z.infer<typeof IncidentInput>;

// ---- decisions (signals): the envelope; each decision's own fields live in domain/decisions/ ----

export const ACTION_KINDS = [
  'reply',
  'correction',
  'accountability',
  'platformReport',
  'lawEnforcementReferral',
  'suggestionAdopted',
  'offlineResolution',
  'other',
] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];
export const RESPONSE_KINDS = ['statement', 'briefing', 'interview', 'netizenReply'] as const;
export type ResponseKind = (typeof RESPONSE_KINDS)[number];
export const RELEASE_KINDS = ['facts', 'progress', 'final'] as const;
export const VERDICTS = ['confirmed', 'partial', 'unfounded'] as const;
/** 首报, 书面补报 (after a verbal one), 续报 with progress, 终报 */
export const REPORT_KINDS = ['first', 'writtenFollowUp', 'progress', 'final'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
/** the document a report carried: 《舆情专报》, 《网络舆情通报》, or none */
export const REPORT_DOCUMENTS = ['special', 'bulletin', 'none'] as const;
export type ReportDocument = (typeof REPORT_DOCUMENTS)[number];
export const REPORT_CHANNELS = ['verbal', 'written'] as const;
export type ReportChannel = (typeof REPORT_CHANNELS)[number];
export type Verdict = (typeof VERDICTS)[number];

/** the decisions' names: the signals' names on the wire; domain/decisions holds one spec for each */
export const DECISION_NAMES = [
  'assessed', 'forwarded', 'reportFiled', 'planDrafted', 'planDecided', 'findingsSubmitted', 'findingsReviewed', 'actionRecorded', 'responseRecorded',
  'responseApproved', 'releaseDrafted', 'releaseReviewed', 'releaseApproved', 'metricsUpdated', 'escalate', 'deescalate', 'replyExtensionRequested',
  'replyExtensionDecided', 'bulletinIssued', 'stabilised', 'summarySubmitted', 'summaryDecided', 'withdraw', 'signingKeyAdded', 'signingKeyRevoked', 'reassignOwner',
] as const;
export type DecisionName = (typeof DECISION_NAMES)[number];

export const DecisionAuth = z.object({
  keyId: z.string().min(1).max(64),
  issuedAt: isoInstant,
  nonce: z.string().min(8).max(128),
  signature: hex(64),
});
export type DecisionAuth = z.infer<typeof DecisionAuth>;

/** The envelope every decision signal carries: who sent it (checked again by the workflow). */
export const DecisionEnvelope = z.object({
  by: UserRef,
  /** the API's signature; absent when sent to Temporal directly */
  auth: DecisionAuth.optional(),
  /** set by the API; lets the API and the workflow agree on one decision across retries */
  decisionId: z.string().min(1).max(128).optional(),
});

// The workflow bundle preloads this module, once per worker thread for every workflow cached in it
// (workers/bundle.ts): frozen here, a schema stops the SDK's deep freeze, which zod cannot parse under.
freezeShallow([
  Severity, Category, Channel, SensitiveTopic, Role, Step, Metrics, Sensitivity, IncidentFields, DurationSpec, DeadlineKind,
  DeadlineTable, GradingThresholds, CalendarSnapshot, SigningKey, SigningPolicy, ReminderPolicy, DrillPolicy, Recipient, RequiredRecipient, ReportRecipients,
  PolicySnapshot, UserName, UserRef, IntakeOrigin, EvidenceType, EvidenceName, Attachment, Attachments, IntakeAlert, IncidentInput, DecisionAuth, DecisionEnvelope,
]);
