// Every decision a person can take on an incident, one spec each (spec.ts says what a spec holds).
// Adding a decision is one entry here, its spec beside its step's others, its labels, and its tests.
import type { z } from 'zod';
import type { DecisionEnvelope, DecisionName } from '../model/schema';
import { freezeShallow } from '../rules/shareable';
import { DEFAULT_LANG, type Lang } from '../labels';
import { assessed, forwarded, reportFiled } from './monitor';
import { reassignOwner } from './owners';
import { planDecided, planDrafted } from './plan';
import { actionRecorded, responseApproved, responseRecorded } from './handling';
import { releaseApproved, releaseDrafted, releaseReviewed } from './publish';
import { replyExtensionDecided, replyExtensionRequested } from './reply';
import { signingKeyAdded, signingKeyRevoked, withdraw } from './standing';
import { summaryDecided, summarySubmitted } from './summarize';
import { bulletinIssued, deescalate, escalate, metricsUpdated, stabilised } from './track';
import { findingsReviewed, findingsSubmitted } from './verify';

export const DECISIONS = {
  assessed,
  forwarded,
  reportFiled,
  planDrafted,
  planDecided,
  findingsSubmitted,
  findingsReviewed,
  actionRecorded,
  responseRecorded,
  responseApproved,
  releaseDrafted,
  releaseReviewed,
  releaseApproved,
  metricsUpdated,
  escalate,
  deescalate,
  replyExtensionRequested,
  replyExtensionDecided,
  bulletinIssued,
  stabilised,
  summarySubmitted,
  summaryDecided,
  withdraw,
  signingKeyAdded,
  signingKeyRevoked,
  reassignOwner,
} satisfies Record<DecisionName, unknown>;

export { DECISION_NAMES, type DecisionName } from '../model/schema';

type Envelope = z.output<typeof DecisionEnvelope>;
export type DecisionPayload<N extends DecisionName> = z.output<(typeof DECISIONS)[N]['fields']> & Envelope;
export type DecisionInput<N extends DecisionName> = z.input<(typeof DECISIONS)[N]['fields']> & z.input<typeof DecisionEnvelope>;

/** what the Temporal UI lists for each signal: what it does, the payload's shape and the envelope */
/** files are named in every description that takes them, not written into each one */
const ATTACHMENTS = '; attachments?:[{sha256,size,type,name,by,at}] (evidence files by hash, checked and filled in by the API)';

export function handlerDescription(name: DecisionName, lang: Lang = DEFAULT_LANG): string {
  const files = 'attachments' in DECISIONS[name].fields.shape ? ATTACHMENTS : '';
  const spec = DECISIONS[name];
  return `${lang === 'en' ? spec.descriptionEn : spec.description}${files}; envelope {by:{id,name,roles}}`;
}

// The workflow bundle preloads this module (workers/bundle.ts): its schemas are frozen here, before
// the SDK's deep freeze, which zod cannot parse under (rules/shareable.ts).
freezeShallow(Object.values(DECISIONS).flatMap((d) => [d.fields, d.schema]));
