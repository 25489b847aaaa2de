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

export function archiveIndex(state: IncidentState, documents: ArchivedDocument[], records: string[], archivedAt: string): Doc {
  const link = (path: string | undefined, text: string): Cell => (path ? { text, href: path } : '缺失');
  return {
    title: '輿情事件檔案',
    meta: [state.incident.title, `${localTime(archivedAt)}歸檔`, TIME_NOTE],
    blocks: [
      heading('事件概況'),
      particulars(state, [
        ['輿情級別', gradeText(state)],
        ['當前階段', stageText(state)],
        ['結案時間', localTime(state.closed?.at)],
        ['逾期次數', String(state.breachCount)],
      ]),
      heading('文書'),
      table(
        ['文書', '生成時間', '網頁版', 'Markdown'],
        documents.map((d) => [d.title, localTime(d.createdAt), link(d.html, 'HTML'), link(d.markdown, 'MD')]),
        '未生成文書。',
      ),
      heading('記錄'),
      list(records.map((path) => ({ text: path, href: path }))),
      heading('處置經過'),
      timelineTable(state.timeline),
    ],
  };
}
