// JSON.parse takes any nesting, but JSON.stringify, zod and the Temporal payload converter recurse:
// a body of a few thousand nested arrays would end in a stack overflow deep inside a route. No form
// or script nests past a handful of levels, so anything deeper is refused before a route sees it.
import type { RequestHandler } from 'express';
import { brokenBound } from '../domain/rules/bounds';
import { HttpError } from './errors';

export const MAX_BODY_DEPTH = 64;

export function bodyDepthLimit(limit = MAX_BODY_DEPTH): RequestHandler {
  return (req, _res, next) => {
    next(brokenBound(req.body, { depth: limit }) ? new HttpError(400, 'invalid-json', `request body nests deeper than ${limit} levels`) : undefined);
  };
}
