// Every file an incident's records carry, with the record that carries it: what the page shows, the
// documents list with their hashes, the archive keeps, and the API serves (nothing else).
import type { Attachment } from '../model/schema';
import type { IncidentState } from '../model/state';

export type AttachedRecord = 'registration' | 'findings' | 'action' | 'release' | 'summary';

export interface AttachedFile {
  record: AttachedRecord;
  /** which one: 登记, 核查结论, 处置措施 2, 第1号通稿, 处置总结 */
  where: string;
  attachment: Attachment;
}

const files = (record: AttachedRecord, where: string, list: Attachment[] | undefined): AttachedFile[] => (list ?? []).map((attachment) => ({ record, where, attachment }));

export function incidentAttachments(s: IncidentState): AttachedFile[] {
  return [
    ...files('registration', '登记', s.incident.attachments),
    ...files('findings', '核查结论', s.findings?.attachments),
    ...s.actions.flatMap((a, i) => files('action', `处置措施 ${i + 1}`, a.attachments)),
    ...s.releases.flatMap((r) => files('release', `第${r.no}号通稿`, r.attachments)),
    ...files('summary', '处置总结', s.summary?.attachments),
  ];
}

/** The bytes an incident keeps: each file once, however many records carry it. */
export function attachedBytes(s: IncidentState): number {
  const sizes = new Map(incidentAttachments(s).map((f) => [f.attachment.sha256, f.attachment.size]));
  return [...sizes.values()].reduce((a, b) => a + b, 0);
}
