// Renders the incident's Chinese documents from its state, as Markdown and as HTML, into the
// incident's folder. Rendering the same input again overwrites the same files, so a retried
// attempt needs no ledger.
import { join } from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import type { DocumentRef, IncidentState } from '../domain/model/state';
import { documentsFolder } from '../domain/data-layout';
import { dataRef, safeSegment, writeAtomic } from './files';
import { bulletin } from './templates/bulletin';
import { toHtml, toMarkdown, type Doc } from './templates/doc';
import { specialReport } from './templates/special';
import { summaryReport } from './templates/summary';
import type { IncidentActivities, RenderDocumentInput } from './types';

interface Rendering {
  name: string;
  title: string;
  doc: Doc;
}

function compose({ kind, state, sequence }: RenderDocumentInput, now: Date): Rendering {
  const about = state.incident.title;
  switch (kind) {
    case 'special':
      // a later edition (the plan approved) is a document of its own, so the first one stays as sent
      if (sequence !== undefined && (!Number.isInteger(sequence) || sequence < 2)) {
        throw ApplicationFailure.nonRetryable(`a later edition of the special report is numbered from 2, got ${sequence}`, 'InvalidDocumentRequest');
      }
      return sequence
        ? { name: `special-${sequence}`, title: `《輿情專報》第${sequence}版 ${about}`, doc: specialReport(state, now, sequence) }
        : { name: 'special', title: `《輿情專報》${about}`, doc: specialReport(state, now) };
    case 'bulletin':
      if (!sequence || !Number.isInteger(sequence) || sequence < 1) {
        throw ApplicationFailure.nonRetryable(`a bulletin needs its issue number (sequence ≥ 1), got ${sequence}`, 'InvalidDocumentRequest');
      }
      return { name: `bulletin-${sequence}`, title: `《網絡輿情通報》第${sequence}期 ${about}`, doc: bulletin(state, sequence, now) };
    case 'summary':
      return { name: 'summary', title: `《輿情處置情況匯報》${about}`, doc: summaryReport(state, now) };
    default:
      throw ApplicationFailure.nonRetryable(`unknown document kind: ${String(kind)}`, 'InvalidDocumentRequest');
  }
}

export function documentsDir(dataDir: string, state: Pick<IncidentState, 'workflowId'>): string {
  return join(dataDir, documentsFolder(safeSegment(state.workflowId)));
}

export function createRenderDocument(dataDir: string): IncidentActivities['renderDocument'] {
  return async (input) => {
    const now = new Date();
    const { name, title, doc } = compose(input, now);
    const dir = documentsDir(dataDir, input.state);
    const markdown = join(dir, `${name}.md`);
    const html = join(dir, `${name}.html`);
    await writeAtomic(markdown, toMarkdown(doc));
    await writeAtomic(html, toHtml(doc));
    const ref: DocumentRef = {
      name,
      title,
      createdAt: now.toISOString(),
      paths: { markdown: dataRef(dataDir, markdown), html: dataRef(dataDir, html) },
    };
    return ref;
  };
}
