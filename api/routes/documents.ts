// Downloads of the generated documents (专报, 通报, 处置情况汇报): HTML to read, Markdown, and the
// Word file named by its number. Only documents the incident's state lists are served, and only
// from that incident's own folder, whatever the state says.
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { documentsFolder } from '../../domain/data-layout';
import type { AppDeps } from '../deps';
import { HttpError, parse } from '../errors';
import { queryState } from '../temporal/incidents';

const Format = z.object({ format: z.enum(['html', 'md', 'docx']).default('html') });

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const pathOf = (paths: { markdown: string; html: string; docx?: string }, format: z.infer<typeof Format>['format']) =>
  format === 'md' ? paths.markdown : format === 'docx' ? paths.docx : paths.html;

// The HTML holds netizens' text: rendered in a sandbox with no script, it cannot act as our origin.
export const SANDBOX = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:";

export function documentRoutes(deps: AppDeps, auth: RequestHandler): Router {
  const router = Router();

  router.get('/api/incidents/:id/documents/:name', auth, async (req, res) => {
    const id = String(req.params.id);
    const { format } = parse(Format, req.query, 'query', req);
    const state = await queryState(deps, id);
    const doc = state.documents.find((d) => d.name === req.params.name);
    if (!doc) throw new HttpError(404, 'not-found', 'no such document');

    const path = pathOf(doc.paths, format);
    // a document rendered before Word files were written has none
    if (!path) throw new HttpError(404, 'not-found', `this document has no ${format} file`);
    const file = basename(path);
    const content = await readFile(join(deps.dataDir, documentsFolder(id), file)).catch(() => {
      throw new HttpError(404, 'not-found', 'document file is missing on this server');
    });
    const download = `${id}-${doc.name}.${format}`;
    if (format === 'docx') {
      res.type(DOCX_TYPE).attachment(file);
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
