// A person's decision on an incident, checked here exactly as the workflow will check it again
// (role, pending now, four eyes), so the user hears 403/409 at once instead of a silent rejection
// in the timeline. Nothing is signalled unless every check passes.
import { randomUUID } from 'node:crypto';
import { Router, type RequestHandler } from 'express';
import { signFor } from '../../config/signing';
import { decisionSignals } from '../../workflows/incident/definitions';
import { checkDecision } from '../../domain/decisions/pending';
import { decisionSchema, DecisionNameSchema } from '../../domain/model/schema';
import { actor } from '../auth/middleware';
import type { AppDeps } from '../deps';
import { HttpError, parse } from '../errors';
import { incidentHandle, queryState, within } from '../temporal/incidents';

const STATUS = { invalid: 400, forbidden: 403, separation: 403, 'not-pending': 409 } as const;

export function decisionRoutes(deps: AppDeps, auth: RequestHandler): Router {
  const router = Router();

  router.post('/api/incidents/:id/decisions/:name', auth, async (req, res) => {
    const id = String(req.params.id);
    const named = DecisionNameSchema.safeParse(req.params.name);
    if (!named.success) throw new HttpError(404, 'not-found', `no decision named ${String(req.params.name)}`);
    const name = named.data;
    const by = actor(res);
    // the sender is whoever signed in: a `by` in the body is overwritten, never trusted
    const body = { ...(req.body as object), by };
    parse(decisionSchema(name), body, 'decision', req);

    const state = await queryState(deps, id);
    const check = checkDecision(state, name, by, body);
    if (!check.ok) throw new HttpError(STATUS[check.code], check.code, check.message, check.issues);

    const decisionId = randomUUID();
    const signed = signFor(deps.signer, state.signing.keyIds, id, name, { ...check.payload, decisionId });
    if (!signed) throw new HttpError(409, 'untrusted-key', 'this incident trusts none of the API\'s signing keys; an admin must add the current key (npm run keys:distribute)');
    await within(deps, () => incidentHandle(deps, id).signal(decisionSignals[name], signed));
    res.status(202).json({ decisionId, name, workflowId: id });
  });

  return router;
}
