// What a decision is, in one place: its payload, who may take it, when the incident waits for it,
// the checks beyond its schema, and what it does to the state. Every decision is one
// `defineDecision` entry (index.ts); the workflow, the API, /api/meta and the pages all read them.
import { z } from 'zod';
import { DecisionEnvelope, type DeadlineKind, type PolicySnapshot, type RequiredRecipient, type Role, type UserRef } from '../model/schema';
import type { Deadline, IncidentState } from '../model/state';
import { fieldMessage, type FieldIssue } from '../rules/issue-words';
import { scriptOfState, wording } from '../script';

export type { FieldIssue };

/** One way a decision is open now: a release number it concerns, who may not take it, the draft it decides. */
export interface Occasion {
  releaseNo?: number;
  /** the response a decision concerns (drafted, returned or awaiting approval) */
  responseNo?: number;
  /** user ids who may not take it (separation of duties) */
  excludedUsers?: string[];
  /** hash of the exact version decided on: a review or approval must name it */
  draftHash?: string;
  /** open, but the incident does not wait for it now (a decision that may be taken any number of times) */
  standing?: true;
  /** the report upward: the required recipients it still owes */
  owed?: RequiredRecipient[];
}

export type RefusalCode = 'invalid' | 'forbidden' | 'separation' | 'not-pending' | 'stale-draft' | 'unauthenticated';

export interface Refusal {
  code: RefusalCode;
  message: string;
  issues?: FieldIssue[];
}

/** What applying a decision tells the workflow besides the new state. */
export interface Applied {
  /** deadlines met after they had been breached */
  late: Deadline[];
  /** deadlines opened, met or moved (kept for histories recorded before the watcher followed the deadlines) */
  deadlinesChanged: boolean;
}

export interface ApplyContext {
  policy: PolicySnapshot;
  nowMs: number;
  at: string;
  /** spread into every record the decision writes, so an unsigned one is marked wherever it shows */
  mark: { unsigned?: true };
  /** releases and findings carry the hash a later review must name */
  bindDrafts: boolean;
  /** a rise into major or critical re-opens the major process: a new report, a new plan approval */
  reopenOnRise: boolean;
  result: Applied;
}

type Envelope = z.output<typeof DecisionEnvelope>;

export interface DecisionSpec<F extends z.ZodObject = z.ZodObject> {
  /** the decision's own fields; the envelope (who, signature, id) is added to form `schema` */
  fields: F;
  roles: readonly Role[];
  /** open whenever the incident handles: pending, but not shown as something it waits for (the Temporal UI's details; folded on the page) */
  standing?: boolean;
  /** the deadlines taking it meets (its `apply`, or what follows at once): a pending one is due by the earliest still open */
  meets?: readonly DeadlineKind[];
  /** deadlines it is one stage towards without meeting them (a release's review before its approval) */
  advances?: readonly DeadlineKind[];
  /** what it does and its payload's shape, for the Temporal UI's list of handlers; the envelope is appended */
  description: string;
  /** the same in English, for an English organisation's incidents */
  descriptionEn: string;
  /** the ways it is open in this state; none: not pending */
  occasions(s: IncidentState): Occasion[];
  /** whether a payload addresses this occasion (e.g. the release it names) */
  addresses?(o: Occasion, p: z.output<F>): boolean;
  /** rules the schema cannot express (a reason required for some kinds, a higher severity) */
  check?(s: IncidentState, p: z.output<F>, by: UserRef): Refusal | undefined;
  /** changes the state; returns the timeline's text */
  apply(s: IncidentState, p: z.output<F> & Envelope, ctx: ApplyContext): string;
}

export interface DefinedDecision<F extends z.ZodObject> extends DecisionSpec<F> {
  /** fields and envelope: what a signal carries */
  schema: z.ZodObject;
}

export function defineDecision<F extends z.ZodObject>(spec: DecisionSpec<F>): DefinedDecision<F> {
  return { ...spec, schema: spec.fields.extend(DecisionEnvelope.shape) };
}

/** Words a decision writes, in the incident's wording: Simplified (converted later for Traditional) or English. */
export const say = (s: Pick<IncidentState, 'script'>) => wording(scriptOfState(s));

/** A rule the schema cannot state, broken: `rule` in English for scripts, `words` in Chinese for people. */
export function invalid(field: string, rule: string, words: string): Refusal {
  const message = fieldMessage(field, words);
  return { code: 'invalid', message, issues: [{ field, rule, message }] };
}

/** A decision's own rule broken, for an English reader: each issue's rule is already worded in English. */
export function inEnglish(r: Refusal): Refusal {
  if (!r.issues?.length) return r;
  const issues = r.issues.map((i) => ({ ...i, message: fieldMessage(i.field, i.rule, 'en') }));
  return { ...r, message: issues.map((i) => i.message).join('; '), issues };
}
