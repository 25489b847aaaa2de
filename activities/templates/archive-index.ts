// The front page of an incident's archive: what happened in one screen and a link to every file,
// so the record can be read with nothing but a browser long after Temporal dropped the history.
import type { IncidentState } from '../../domain/model/state';
import { heading, list, table, type Cell, type Doc } from './doc';
import { TIME_NOTE, localTime } from './labels';
import { gradeText, particulars, stageText, timelineTable } from './sections';

export interface ArchivedDocument {
  title: string;
  createdAt: string;
  /** archive-relative paths; undefined when the file was not found on this worker */
  html?: string;
  markdown?: string;
}

/** a file of the archive: what a person calls it, and where it lies in the folder (the link, not the text) */
export interface ArchivedRecord {
  title: string;
  path: string;
}

export function archiveIndex(state: IncidentState, documents: ArchivedDocument[], records: ArchivedRecord[], archivedAt: string): Doc {
  const link = (path: string | undefined, text: string): Cell => (path ? { text, href: path } : '缺失');
  return {
    title: '舆情事件档案',
    meta: [state.incident.title, `${localTime(archivedAt)}归档`, TIME_NOTE],
    blocks: [
      heading('事件概况'),
      particulars(state, [
        ['舆情级别', gradeText(state)],
        ['当前阶段', stageText(state)],
        ['结案时间', localTime(state.closed?.at)],
        ['逾期次数', String(state.breachCount)],
      ]),
      heading('文书'),
      table(
        ['文书', '生成时间', '网页版', 'Markdown'],
        documents.map((d) => [d.title, localTime(d.createdAt), link(d.html, 'HTML'), link(d.markdown, 'MD')]),
        '未生成文书。',
      ),
      heading('记录'),
      list(records.map(({ title, path }) => ({ text: title, href: path }))),
      heading('处置经过'),
      timelineTable(state.timeline),
    ],
  };
}
