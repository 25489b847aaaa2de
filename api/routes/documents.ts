// Downloads of the generated documents (專報, 通報, 處置情況匯報). Only documents the incident's
// state lists are served, and only from that incident's own folder, whatever the state says.
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { documentsFolder } from '../../domain/data-layout';
import type { AppDeps } from '../deps';
import { HttpError, parse } from '../errors';
import { queryState } from '../temporal/incidents';

const Format = z.object({ format: z.enum(['html', 'md']).default('html') });

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

    const file = basename(format === 'md' ? doc.paths.markdown : doc.paths.html);
    const content = await readFile(join(deps.dataDir, documentsFolder(id), file)).catch(() => {
      throw new HttpError(404, 'not-found', 'document file is missing on this server');
    });
    const download = `${id}-${doc.name}.${format}`;
    if (format === 'md') {
      res.type('text/markdown; charset=utf-8').attachment(download);
    } else {
      res.type('text/html; charset=utf-8').set('Content-Security-Policy', SANDBOX);
      res.set('Content-Disposition', `inline; filename="${download}"`);
    }
    res.send(content);
  });

  return router;
}
