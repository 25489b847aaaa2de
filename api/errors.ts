// One error shape for every failure the API reports, so scripts and the web page can rely on
// {error:{code,message,issues?}} and on each status meaning one thing (see the table in README).
import type { ErrorRequestHandler, Request } from 'express';
import { z } from 'zod';
import { ConfigError } from '../config/env';
import { fieldIssues } from '../domain/decisions/admission';
import type { FieldIssue } from '../domain/decisions/spec';
import { chineseRules, ownRuleInChinese } from './rule-words';
import { temporalHttpError } from './temporal/errors';

export type ErrorCode =
  | 'invalid'
  | 'invalid-json'
  | 'untrusted-key'
  | 'unauthenticated'
  | 'bad-credentials'
  | 'csrf'
  | 'forbidden'
  | 'separation'
  | 'not-found'
  | 'not-pending'
  | 'stale-draft'
  | 'idempotency-mismatch'
  | 'too-large'
  | 'unsupported-media-type'
  | 'too-many-requests'
  | 'temporal-unavailable'
  | 'policy-invalid'
  | 'internal';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly issues?: FieldIssue[],
  ) {
    super(message);
  }
}

function invalid(error: z.ZodError, what = 'request', chinese = false): HttpError {
  const issues = fieldIssues(error).map((i) => (chinese ? { ...i, rule: ownRuleInChinese(i.rule) } : i));
  return new HttpError(400, 'invalid', `invalid ${what}: ${issues.map((i) => i.field).join(', ')}`, issues);
}

/** The rules are worded in Chinese for a client that prefers it (the web page says which). */
const prefersChinese = (req: Request | undefined) => !!req?.acceptsLanguages('en', 'zh-Hant', 'zh-TW', 'zh')?.toString().startsWith('zh');

/** Parses or throws the 400 that names each bad field and the rule it breaks. */
export function parse<S extends z.ZodType>(schema: S, value: unknown, what: string, req?: Request): z.infer<S> {
  const chinese = prefersChinese(req);
  const result = schema.safeParse(value, { error: chinese ? chineseRules : undefined });
  if (!result.success) throw invalid(result.error, what, chinese);
  return result.data;
}

export const notFound = (message = 'no such incident') => new HttpError(404, 'not-found', message);

/**
 * body-parser's errors are the client's fault, not ours: it marks most with `type`, and a body that
 * fails to decompress only with its 400 status (zlib's error passed through http-errors).
 */
function bodyParserError(err: unknown): HttpError | undefined {
  const { type, status, expose } = (err ?? {}) as { type?: unknown; status?: unknown; expose?: unknown };
  if (type === 'entity.too.large') return new HttpError(413, 'too-large', 'request body too large');
  if (type === 'entity.parse.failed') return new HttpError(400, 'invalid-json', 'request body is not valid JSON');
  if (type === 'charset.unsupported') return new HttpError(415, 'unsupported-media-type', 'request body charset not supported: send UTF-8');
  if (type === 'encoding.unsupported') return new HttpError(415, 'unsupported-media-type', 'Content-Encoding not supported: send identity, gzip, deflate or br');
  if (status === 400 && expose === true) return new HttpError(400, 'invalid-json', 'request body could not be decoded');
  return undefined;
}

export function toHttpError(err: unknown): HttpError {
  if (err instanceof HttpError) return err;
  // the policy or calendar file, read per new incident, was edited into a broken state: no incident
  // starts under rules the organisation has just replaced, and the message names the line to fix
  if (err instanceof ConfigError) return new HttpError(500, 'policy-invalid', `no new incident starts until the file is fixed / 檔案修正前不能登記新事件\n${err.message}`);
  return bodyParserError(err) ?? temporalHttpError(err) ?? new HttpError(500, 'internal', 'internal error');
}

export function errorHandler(log: (line: string) => void): ErrorRequestHandler {
  return (err, _req, res, _next) => {
    const e = toHttpError(err);
    if (e.code === 'internal') log(`${e.code}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    if (e.code === 'policy-invalid') log(`${e.code}: ${e.message}`);
    res.status(e.status).json({ error: { code: e.code, message: e.message, ...(e.issues ? { issues: e.issues } : {}) } });
  };
}
