// JSON.parse takes any nesting, but JSON.stringify, zod and the Temporal payload converter recurse:
// a body of a few thousand nested arrays would end in a stack overflow deep inside a route. No form
// or script nests past a handful of levels, so anything deeper is refused before a route sees it.
import type { RequestHandler } from 'express';
import { HttpError } from './errors';

export const MAX_BODY_DEPTH = 64;

/** How deep `value` nests, counted without recursion and given up past `limit`. */
export function depthExceeds(value: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth + 1 > limit) return true;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}

export function bodyDepthLimit(limit = MAX_BODY_DEPTH): RequestHandler {
  return (req, _res, next) => {
    next(depthExceeds(req.body, limit) ? new HttpError(400, 'invalid-json', `request body nests deeper than ${limit} levels`) : undefined);
  };
}
