// A person's decision on an incident. Admitted here exactly as the workflow will admit it again
// (so the person hears 4xx at once), signed for them, signalled, and then the API waits, bounded,
// for the workflow's own verdict on it: 200 with the new state, or the 4xx of the workflow's reason.
// Only when the workflow does not answer in time is it 202, with where to follow it.
import { randomUUID } from 'node:crypto';
import { Router, type RequestHandler } from 'express';
import { signFor } from '../../config/signing';
import { admitDecision } from '../../domain/decisions/admission';
import { DECISIONS, type DecisionName } from '../../domain/decisions/index';
import type { Refusal, RefusalCode } from '../../domain/decisions/spec';
import { decisionSignals } from '../../workflows/incident/definitions';
import { actor } from '../auth/middleware';
import type { AppDeps } from '../deps';
import { type ErrorCode, HttpError, parse } from '../errors';
import { AttachmentRequest, attachTo } from '../evidence/attach';
import { withOwnerRef } from './owner-ref';
import { awaitVerdict, incidentHandle, queryState, within } from '../temporal/incidents';

const STATUS: Record<RefusalCode, [number, ErrorCode]> = {
  invalid: [400, 'invalid'],
  forbidden: [403, 'forbidden'],
  separation: [403, 'separation'],
  'not-pending': [409, 'not-pending'],
  'stale-draft': [409, 'stale-draft'],
  unauthenticated: [409, 'untrusted-key'],
};

const refused = (r: Refusal) => new HttpError(STATUS[r.code][0], STATUS[r.code][1], r.message, r.issues);

export function decisionRoutes(deps: AppDeps, auth: RequestHandler): Router {
  const router = Router();

  router.post('/api/incidents/:id/decisions/:name', auth, async (req, res) => {
    const id = String(req.params.id);
    if (!Object.hasOwn(DECISIONS, String(req.params.name))) throw new HttpError(404, 'not-found', `no decision named ${String(req.params.name)}`);
    const name = req.params.name as DecisionName;
    const by = actor(res);
    // the sender is whoever signed in: a `by` in the body is overwritten, never trusted
    const sent = withOwnerRef(deps, name, { ...(req.body as Record<string, unknown>), by }, req);
    // files are named by their upload's hash; the API writes the rest of each reference
    const carries = 'attachments' in DECISIONS[name].fields.shape;
    parse(carries ? DECISIONS[name].schema.extend({ attachments: AttachmentRequest.optional() }) : DECISIONS[name].schema, sent, 'decision', req);

    const state = await queryState(deps, id);
    const body = carries ? await attachTo(deps, sent, by, req, state) : sent;
    if (carries) parse(DECISIONS[name].schema, body, 'decision', req);
    const admission = admitDecision(state, name, body);
    if (!admission.ok) throw refused(admission.refusal);

    const decisionId = randomUUID();
    const signed = signFor(deps.signer, state.signing.keyIds, id, name, { ...admission.payload, decisionId });
    if (!signed) throw new HttpError(409, 'untrusted-key', 'this incident trusts none of the API\'s signing keys; an admin must add the current key (npm run keys:distribute)');
    const handle = incidentHandle(deps, id);
    await within(deps, () => handle.signal(decisionSignals[name], signed));

    // the state is asked for beside the verdict, not after it: a query sees every event stored
    // before it was sent, this signal among them, and the verdict Update changes nothing in the state
    const unneeded = new AbortController();
    const after = deps.client.withAbortSignal(unneeded.signal, () => queryState(deps, id)).catch(() => undefined);
    const verdict = await awaitVerdict(deps, handle, decisionId).catch((error: unknown) => {
      unneeded.abort();
      throw error;
    });
    if (verdict.outcome !== 'applied') unneeded.abort();
    if (verdict.outcome === 'refused') throw refused(verdict);
    if (verdict.outcome === 'unknown') {
      res.status(202).json({ decisionId, name, workflowId: id, outcome: 'pending', follow: `/api/incidents/${encodeURIComponent(id)}` });
      return;
    }
    res.status(200).json({ decisionId, name, workflowId: id, outcome: 'applied', state: await after });
  });

  return router;
}
