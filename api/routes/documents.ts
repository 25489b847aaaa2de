// Downloads of the generated documents (专报, 通报, 处置情况汇报): HTML to read, Markdown, the Word
// file and the PDF named by the document's number, and the print page. Only documents the
// incident's state lists are served, and only from that incident's own folder, whatever the state says.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Router, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import { documentsFolder, printedPdf } from '../../domain/data-layout';
import { PRINT_SCRIPT } from '../../domain/print-script';
import type { AppDeps } from '../deps';
import { HttpError, parse } from '../errors';
import { PDF_TYPE, pdfPrinter } from '../print-pdf';
import { queryState } from '../temporal/incidents';

export const FORMATS = ['html', 'md', 'docx', 'pdf', 'print'] as const;
const Format = z.object({ format: z.enum(FORMATS).default('html') });

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

type Paths = { markdown: string; html: string; docx?: string; print?: string };
const pathOf = (paths: Paths, format: (typeof FORMATS)[number]) =>
  format === 'md' ? paths.markdown : format === 'docx' ? paths.docx : format === 'html' ? paths.html : paths.print;

// The HTML holds netizens' text: rendered in a sandbox with no script, it cannot act as our origin.
export const SANDBOX = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/** The print page may run its one script, the 打印 button's, and open the print dialog; still in a sandbox. */
const PRINT_POLICY = `sandbox allow-scripts allow-modals; default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-${createHash('sha256').update(PRINT_SCRIPT).digest('base64')}'`;

/** The print page as a page of its own: shown, not downloaded. */
export function sendPrintPage(res: Response, content: Buffer, filename: string): void {
  res.type('text/html; charset=utf-8').set('Content-Security-Policy', PRINT_POLICY);
  res.set('Content-Disposition', `inline; filename="${filename}"`);
  res.send(content);
}

export function documentRoutes(deps: AppDeps, auth: RequestHandler): Router {
  const router = Router();
  const printer = deps.pdf ?? pdfPrinter();

  router.get('/api/incidents/:id/documents/:name', auth, async (req, res) => {
    const id = String(req.params.id);
    const { format } = parse(Format, req.query, 'query', req);
    const state = await queryState(deps, id);
    const doc = state.documents.find((d) => d.name === req.params.name);
    if (!doc) throw new HttpError(404, 'not-found', 'no such document');

    // the PDF is printed from the print page
    const path = pathOf(doc.paths, format === 'pdf' ? 'print' : format);
    // a document rendered before Word files (or print pages) were written has none
    if (!path) throw new HttpError(404, 'not-found', `this document has no ${format} file`);
    const folder = join(deps.dataDir, documentsFolder(id));
    const file = join(folder, basename(path));
    const missing = () => {
      throw new HttpError(404, 'not-found', 'document file is missing on this server');
    };
    const download = `${id}-${doc.name}.${format}`;
    if (format === 'pdf') {
      const pdf = await printer.pdfOf(file, join(folder, printedPdf(doc.name)));
      // named by its number as the Word file is
      res.type(PDF_TYPE).attachment(doc.paths.docx ? basename(doc.paths.docx).replace(/\.docx$/, '.pdf') : download);
      res.send(pdf);
      return;
    }
    const content = await readFile(file).catch(missing);
    if (format === 'print') {
      sendPrintPage(res, content, `${id}-${doc.name}.html`);
      return;
    }
    if (format === 'docx') {
      res.type(DOCX_TYPE).attachment(basename(file));
    } else if (format === 'md') {
      res.type('text/markdown; charset=utf-8').attachment(download);
    } else {
      res.type('text/html; charset=utf-8').set('Content-Security-Policy', SANDBOX);
      res.set('Content-Disposition', `inline; filename="${download}"`);
    }
    res.send(content);
  });

  return router;
}
