// The contract between the workflow and its side effects. The workflow imports this file as types
// only; `createActivities` in ./index.ts implements it.
import type { TrustRoot } from '../domain/rules/trust';
import type { NoticeKind, Role } from '../domain/model/schema';
import type { DocumentRef, IncidentState, Owner, Release } from '../domain/model/state';

export type DocumentKind = 'special' | 'bulletin' | 'summary' | 'drillSummary';

export interface NotifyInput {
  /** workflow id + purpose + sequence: the same key is delivered at most once */
  idempotencyKey: string;
  workflowId: string;
  event: NoticeKind;
  roles: Role[];
  /** one short line in the incident's script */
  title: string;
  /** short Markdown body in the incident's script */
  markdown: string;
  /** set for an English organisation's incidents only: the card's own words are then English too */
  script?: 'en';
  /** the incident's title, so a reader knows which one it is without opening the page */
  incidentTitle?: string;
  /** the deadline the notice is about (its label, e.g. 查清事实期限, and when it is or was due) */
  deadline?: { label: string; dueAt: string };
  /** the incident's department: the information officers on duty are its own when it keeps a duty */
  department?: string;
  /** documents to attach where the channel can (e-mail): paths relative to the data directory */
  attachments?: { path: string; filename: string }[];
}

export interface RenderDocumentInput {
  idempotencyKey: string;
  kind: DocumentKind;
  state: IncidentState;
  /** bulletin number, for 《网络舆情通报》 第N期; for the 专报, its edition from 2 on (the plan approved) */
  sequence?: number;
  /** a drill's summary: the factor its deadlines were compressed by */
  drillFactor?: number;
}

export interface PublishInput {
  idempotencyKey: string;
  workflowId: string;
  release: Release;
  /** a drill's release goes to the sandbox, never to the real channel */
  drill?: true;
}

export interface ArchiveInput {
  workflowId: string;
  state: IncidentState;
}

/** the deadlines opened together: their roles, the incident's department, and when they opened */
export interface OwnerChoiceInput {
  atMs: number;
  department: string;
  roles: Role[];
}

/** one owner per role that has one; a role absent keeps its deadlines */
export type OwnerChoices = Partial<Record<Role, Owner>>;

export interface IncidentActivities {
  /** `unreached`: the roles of the notice no channel but the log carries it to (absent when none) */
  notify(input: NotifyInput): Promise<{ delivered: string[]; duplicate: boolean; unreached?: Role[] }>;
  renderDocument(input: RenderDocumentInput): Promise<DocumentRef>;
  publishRelease(input: PublishInput): Promise<{ refs: string[]; duplicate: boolean }>;
  archiveIncident(input: ArchiveInput): Promise<{ path: string }>;
  /** the starts of the hours in [fromMs, toMs) nobody in the office is on duty for, by the roster */
  dutyCoverage(input: { fromMs: number; toMs: number }): Promise<{ uncovered: number[]; utcOffsetMinutes: number }>;
  /** who owns the deadlines just opened (users file and duty roster, read afresh) */
  chooseOwners(input: OwnerChoiceInput): Promise<OwnerChoices>;
  /** the organisation's trusted signing keys, from the worker's configuration (a local activity) */
  trustRoot(): Promise<TrustRoot>;
}
