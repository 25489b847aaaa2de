// What a person's attachments become before their decision is signed: the page names each file by
// the hash its upload returned and the name it shows; the API reads the stored file, checks it,
// and writes the rest of the reference itself (size, type, who, when), so nothing a client claims
// about a file reaches the history unchecked.
import { z } from 'zod';
import type { EvidenceLimits } from '../../config/evidence';
import { inMegabytes } from '../../config/evidence';
import { type Attachment, EvidenceName, MAX_ATTACHMENTS, type UserRef } from '../../domain/model/schema';
import type { IncidentState } from '../../domain/model/state';
import { attachedBytes, incidentAttachments } from '../../domain/incident/attachments';
import { nameFits, sniffEvidenceType } from '../../domain/rules/evidence-type';
import type { Request } from 'express';
import type { AppDeps } from '../deps';
import { HttpError, parse } from '../errors';
import type { EvidenceStore } from './store';

export const AttachmentRequest = z.array(z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 as 64 lowercase hex digits'), name: EvidenceName })).max(MAX_ATTACHMENTS);

const issue = (field: string, rule: string, message: string) => [{ field, rule, message }];

/** The references, or the 4xx naming the file that cannot be attached. */
export async function resolveAttachments(store: EvidenceStore, requested: z.infer<typeof AttachmentRequest>, by: UserRef, now: Date): Promise<Attachment[]> {
  const out: Attachment[] = [];
  for (const [i, { sha256, name }] of requested.entries()) {
    const field = `attachments.${i}`;
    const read = await store.read(sha256);
    if (read.status === 'missing') throw new HttpError(400, 'invalid', `${field}: no uploaded file has this hash / 没有该哈希的已上传文件`, issue(field, 'uploaded', `附件「${name}」：未上传或已丢失，请重新上传`));
    if (read.status === 'mismatch') throw new HttpError(409, 'evidence-mismatch', `${field}: the stored file does not match its hash (${read.reason}) / 存储的文件与哈希不符`, issue(field, 'hash', `附件「${name}」：存储的文件与哈希不符，请重新上传`));
    const type = sniffEvidenceType(read.bytes);
    if (!type || !nameFits(type, name)) throw new HttpError(400, 'invalid', `${field}: the name ${name} does not fit the file's content / 文件名与内容不符`, issue(field, 'name', `附件「${name}」：文件名与内容不符`));
    out.push({ sha256, size: read.bytes.length, type, name, by, at: now.toISOString() });
  }
  return out;
}

/** Refuses what would take the incident's evidence past its limit; a file it holds already counts once. */
export function checkIncidentTotal(state: IncidentState | undefined, added: Attachment[], limits: EvidenceLimits): void {
  const held = state ? attachedBytes(state) : 0;
  const known = new Set(state ? incidentAttachments(state).map((f) => f.attachment.sha256) : []);
  const fresh = new Map(added.filter((a) => !known.has(a.sha256)).map((a) => [a.sha256, a.size]));
  const total = held + [...fresh.values()].reduce((a, b) => a + b, 0);
  if (total <= limits.incidentBytes) return;
  throw new HttpError(
    413,
    'too-large',
    `the incident's attachments would total ${inMegabytes(total)}, above the limit of ${inMegabytes(limits.incidentBytes)} per incident (YUQING_EVIDENCE_MAX_INCIDENT_MB) / 本事件附件合计将达 ${inMegabytes(total)}，超过每个事件 ${inMegabytes(limits.incidentBytes)} 的上限`,
    issue('attachments', 'incidentLimit', `附件合计将达 ${inMegabytes(total)}，超过每个事件 ${inMegabytes(limits.incidentBytes)} 的上限`),
  );
}

/**
 * The body with its `attachments` resolved into references (absent when it names none); the
 * incident's total checked against what `state` already carries.
 */
export async function attachTo<B extends Record<string, unknown>>(deps: Pick<AppDeps, 'evidence' | 'evidenceLimits'>, body: B, by: UserRef, req: Request, state?: IncidentState): Promise<B> {
  const { attachments: requested, ...rest } = body;
  if (requested === undefined) return body;
  const list = await resolveAttachments(deps.evidence, parse(AttachmentRequest, requested, 'attachments', req), by, new Date());
  checkIncidentTotal(state, list, deps.evidenceLimits);
  return (list.length ? { ...rest, attachments: list } : rest) as B;
}
