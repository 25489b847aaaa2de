// Evidence files: uploaded raw (the body is the file, its name in the query), checked by content,
// sealed and stored under their hash; served back only as a file some record of the incident
// carries, to people signed in, hash-checked on every read, and every download recorded.
import express, { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { inMegabytes } from '../../config/evidence';
import { EvidenceName, type Role } from '../../domain/model/schema';
import { incidentAttachments } from '../../domain/incident/attachments';
import { evidenceProblem } from '../../domain/rules/evidence-type';
import { actor } from '../auth/middleware';
import type { AppDeps } from '../deps';
import { HttpError, notFound, parse } from '../errors';
import { queryState } from '../temporal/incidents';
import { SANDBOX } from './documents';

/** who records something: registration, findings, actions, releases, the summary */
const UPLOAD_ROLES: readonly Role[] = ['monitor', 'handler', 'approver', 'admin'];

const Upload = z.object({ name: EvidenceName });
const Download = z.object({ inline: z.enum(['1']).optional() });
const Sha = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 as 64 lowercase hex digits') });

const tooLarge = (limit: number) =>
  new HttpError(413, 'too-large', `the file is larger than ${inMegabytes(limit)}, the limit per file (YUQING_EVIDENCE_MAX_FILE_MB) / 文件超过单个文件 ${inMegabytes(limit)} 的上限`, [
    { field: 'file', rule: 'fileLimit', message: `文件超过单个文件 ${inMegabytes(limit)} 的上限` },
  ]);

/** filename*= keeps a Chinese name intact; the plain filename= is its ASCII shadow for old clients */
const disposition = (as: 'inline' | 'attachment', name: string) => `${as}; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;

export function evidenceRoutes(deps: AppDeps, auth: RequestHandler): Router {
  const router = Router();
  const { evidence, evidenceLimits: limits } = deps;
  const raw = express.raw({ type: () => true, limit: limits.fileBytes });

  router.post(
    '/api/evidence',
    auth,
    (req, res, next) => {
      if (!actor(res).roles.some((r) => UPLOAD_ROLES.includes(r))) throw new HttpError(403, 'forbidden', `attaching evidence needs one of the roles ${UPLOAD_ROLES.join('/')}`);
      // refused before a byte is read when the client says how long it is
      if (Number(req.get('content-length')) > limits.fileBytes) throw tooLarge(limits.fileBytes);
      raw(req, res, (err?: unknown) => next((err as { type?: string } | undefined)?.type === 'entity.too.large' ? tooLarge(limits.fileBytes) : err));
    },
    async (req, res) => {
      const { name } = parse(Upload, req.query, 'query', req);
      const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      if (bytes.length === 0) throw new HttpError(400, 'invalid', 'the request body is the file, and it is empty / 文件为空', [{ field: 'file', rule: 'empty', message: '文件为空' }]);
      const problem = evidenceProblem(bytes, name);
      if (problem) throw new HttpError(415, 'unsupported-media-type', problem.words, [{ field: 'file', rule: problem.rule, message: problem.words }]);
      const sha256 = await evidence.put(bytes);
      res.status(201).json({ sha256, size: bytes.length, name });
    },
  );

  router.get('/api/incidents/:id/evidence/:sha256', auth, async (req, res) => {
    const id = String(req.params.id);
    const { sha256 } = parse(Sha, { sha256: req.params.sha256 }, 'path', req);
    const { inline } = parse(Download, req.query, 'query', req);
    const file = incidentAttachments(await queryState(deps, id)).find((f) => f.attachment.sha256 === sha256)?.attachment;
    if (!file) throw notFound('this incident carries no such file');
    const as = inline && file.type.startsWith('image/') ? 'inline' : 'attachment';
    const read = await evidence.read(sha256);
    await evidence.recordDownload({ at: new Date().toISOString(), by: actor(res).id, workflowId: id, sha256, name: file.name, as, result: read.status });
    if (read.status === 'missing') throw notFound('the file is missing from this server\'s evidence folder / 证据文件在本服务器上缺失');
    if (read.status === 'mismatch') {
      deps.log?.(`evidence-mismatch: ${id} ${sha256} ${read.reason}`);
      throw new HttpError(409, 'evidence-mismatch', `the stored file does not match its SHA-256 ${sha256} and is not served (${read.reason}) / 存储的文件与其 SHA-256 不符，不予提供`);
    }
    res.type(file.type).set({ 'Content-Disposition': disposition(as, file.name), 'Content-Security-Policy': SANDBOX, 'Cache-Control': 'private, no-store', 'X-Evidence-SHA256': sha256 });
    res.send(read.bytes);
  });

  return router;
}
