// The files an incident's records carry, as a document lists them (证据固定): each with its SHA-256,
// so a reader can check a copy against the record; the files themselves stay in the evidence folder.
import { labelsOf } from '../../domain/labels';
import { incidentAttachments } from '../../domain/incident/attachments';
import type { IncidentState } from '../../domain/model/state';
import { heading, table, type Block } from './doc';
import { localTime } from './labels';

const TYPE_LABELS = labelsOf('evidenceType', 'zh-Hans');

const size = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

/** Nothing when no record carries a file, so documents without any read as they always did. */
export function evidenceBlocks(state: IncidentState): Block[] {
  const files = incidentAttachments(state);
  if (!files.length) return [];
  return [
    heading('附件（证据材料）'),
    table(
      ['序号', '文件名', '类型', '大小', 'SHA-256', '所属记录', '登记人', '登记时间'],
      files.map(({ where, attachment: a }, i) => [String(i + 1), a.name, TYPE_LABELS[a.type], size(a.size), a.sha256, where, a.by.name, localTime(a.at)]),
    ),
  ];
}
