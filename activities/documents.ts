// Renders the incident's Chinese documents from its state, as Markdown, HTML, and a Word file and
// a print page in the national layout, into the incident's folder. Rendering the same input again overwrites the same
// files and keeps the document's number (document-numbers.ts), so a retried attempt needs no ledger.
import { join } from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import type { DocumentRef, IncidentState } from '../domain/model/state';
import { documentsFolder, printPage } from '../domain/data-layout';
import { dataRef, safeSegment, writeAtomic } from './files';
import { bulletin } from './templates/bulletin';
import { docInScript, toHtml, toMarkdown, type Doc } from './templates/doc';
import { label } from '../domain/labels';
import type { OrganisationProfile } from '../config/organisation-file';
import { DocumentNumbers } from './document-numbers';
import { toDocx } from './templates/docx';
import { toPrintHtml } from './templates/print';
import { copyNumberText, numberText, type NumberStyle } from './templates/official';
import { specialReport } from './templates/special';
import { summaryReport } from './templates/summary';
import { drillSummary } from './templates/drill-summary';
import { DEFAULT_DRILL } from '../domain/model/schema';
import { DRILL_MARK, drillMarked } from '../domain/incident/drill';
import type { IncidentActivities, RenderDocumentInput } from './types';
import { inScript, scriptOfState } from '../domain/script';

interface Rendering {
  name: string;
  title: string;
  doc: Doc;
}

/** A drill's every document says so in its title and atop its first page. */
function markedAsDrill(r: Rendering): Rendering {
  if (r.doc.title.startsWith(DRILL_MARK)) return { ...r, title: drillMarked(true, r.title) };
  return { ...r, title: drillMarked(true, r.title), doc: { ...r.doc, title: drillMarked(true, r.doc.title), meta: [`${DRILL_MARK}本文件为演练所作，非真实舆情`, ...r.doc.meta] } };
}

function compose({ kind, state, sequence, drillFactor = DEFAULT_DRILL.deadlineFactor }: RenderDocumentInput, now: Date): Rendering {
  const about = state.incident.title;
  switch (kind) {
    case 'special':
      // a later edition (the plan approved) is a document of its own, so the first one stays as sent
      if (sequence !== undefined && (!Number.isInteger(sequence) || sequence < 2)) {
        throw ApplicationFailure.nonRetryable(`a later edition of the special report is numbered from 2, got ${sequence}`, 'InvalidDocumentRequest');
      }
      return sequence
        ? { name: `special-${sequence}`, title: `《舆情专报》第${sequence}版 ${about}`, doc: specialReport(state, now, sequence) }
        : { name: 'special', title: `《舆情专报》${about}`, doc: specialReport(state, now) };
    case 'bulletin':
      if (!sequence || !Number.isInteger(sequence) || sequence < 1) {
        throw ApplicationFailure.nonRetryable(`a bulletin needs its issue number (sequence ≥ 1), got ${sequence}`, 'InvalidDocumentRequest');
      }
      return { name: `bulletin-${sequence}`, title: `《网络舆情通报》第${sequence}期 ${about}`, doc: bulletin(state, sequence, now) };
    case 'summary':
      return { name: 'summary', title: `《舆情处置情况汇报》${about}`, doc: summaryReport(state, now) };
    case 'drillSummary':
      return { name: 'drill-summary', title: `《演练总结》${about}`, doc: drillSummary(state, now, drillFactor) };
    default:
      throw ApplicationFailure.nonRetryable(`unknown document kind: ${String(kind)}`, 'InvalidDocumentRequest');
  }
}

export function documentsDir(dataDir: string, state: Pick<IncidentState, 'workflowId'>): string {
  return join(dataDir, documentsFolder(safeSegment(state.workflowId)));
}

/** 份号: one sequence a year across every kind of document */
const COPY_BOOK = 'copy';

/** The 专报 and 通报 are periodicals numbered by 期; the 汇报 is the organisation's own document with a 发文字号. */
const NUMBER_STYLE: Record<RenderDocumentInput['kind'], NumberStyle> = { special: 'issue', bulletin: 'issue', summary: 'file', drillSummary: 'file' };

export function createRenderDocument(dataDir: string, organisation: OrganisationProfile): IncidentActivities['renderDocument'] {
  const numbers = new DocumentNumbers(dataDir);
  return async (input) => {
    const now = new Date();
    const script = scriptOfState(input.state);
    const composed = input.state.drill ? markedAsDrill(compose(input, now)) : compose(input, now);
    const { name } = composed;
    const title = inScript(composed.title, script);
    const style = NUMBER_STYLE[input.kind];
    const kindName = label('document', input.kind, organisation.language);
    // a drill numbers from books of its own: practice leaves no gap in the office's real sequences
    const book = (kind: string) => (input.state.drill ? `drill-${kind}` : kind);
    const number = await numbers.issue(book(input.kind), input.idempotencyKey, now, (n) => drillMarked(input.state.drill, `${kindName}${numberText(style, organisation, n)}`));
    const copy = organisation.copyNumbers ? await numbers.issue(book(COPY_BOOK), input.idempotencyKey, now, copyNumberText) : undefined;
    const numberLine = numberText(style, organisation, number);
    const doc = { ...docInScript(composed.doc, script), number: numberLine };
    const dir = documentsDir(dataDir, input.state);
    const markdown = join(dir, `${name}.md`);
    const html = join(dir, `${name}.html`);
    // named by its number, as the office files it; only word characters and the number's brackets
    const docx = join(dir, `${number.label}.docx`);
    // the page the API prints to PDF, on first download (api/print-pdf.ts): a worker needs no browser
    const print = join(dir, printPage(name));
    const head = { profile: organisation, style, kindName, number, ...(copy ? { copy } : {}), date: now };
    await writeAtomic(markdown, toMarkdown(doc));
    await writeAtomic(html, toHtml(doc, script));
    await writeAtomic(docx, await toDocx(doc, head));
    await writeAtomic(print, toPrintHtml(doc, head));
    const ref: DocumentRef = {
      name,
      title,
      createdAt: now.toISOString(),
      number: numberLine,
      paths: { markdown: dataRef(dataDir, markdown), html: dataRef(dataDir, html), docx: dataRef(dataDir, docx), print: dataRef(dataDir, print) },
    };
    return ref;
  };
}
