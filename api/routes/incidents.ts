// Starting, listing and reading incidents. Starting is idempotent: the Idempotency-Key becomes part
// of the workflow id, and Temporal's id uniqueness turns a double submit into the same incident.
import { createHash, randomUUID } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { INCIDENT_WORKFLOW } from '../../workflows/incident/definitions';
import { incidentWorkflowId } from '../../domain/rules/ids';
import { incidentAttachments } from '../../domain/incident/attachments';
import { IncidentFields, type IncidentInput, type Role } from '../../domain/model/schema';
import { actor } from '../auth/middleware';
import { attachTo } from '../evidence/attach';
import type { AppDeps } from '../deps';
import { HttpError, parse } from '../errors';
import { NOT_IN_FUTURE, notInFuture } from '../future-times';
import { incidentHandle, incidentStartOptions, queryState, temporalUiLink, within } from '../temporal/incidents';
import { listFilters, listIncidents } from '../temporal/visibility';

/** SPEC §8: monitors register incidents; office staff and admins may too. */
const START_ROLES: readonly Role[] = ['monitor', 'handler', 'admin'];

const IdempotencyKey = z.object({
  'Idempotency-Key': z.string().regex(/^[A-Za-z0-9._:-]{8,128}$/, '8-128 letters, digits or . _ : -'),
});

/** The form's fields, and whether the incident is a drill (演练), which the workflow input carries beside them. */
function newIncidentFields(now: Date) {
  return IncidentFields.extend({ drill: z.boolean().default(false) }).refine((f) => notInFuture(f.discoveredAt, now), { path: ['discoveredAt'], message: NOT_IN_FUTURE });
}

/** SPEC §4: discoveredAt defaults to now when the form leaves it empty. */
function withDefaults(body: unknown, now: Date): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  const b = body as Record<string, unknown>;
  return b.discoveredAt === undefined || b.discoveredAt === '' ? { ...b, discoveredAt: now.toISOString() } : b;
}

const bodyHash = (body: unknown) => createHash('sha256').update(JSON.stringify(body ?? null)).digest('base64url');

export function incidentRoutes(deps: AppDeps, auth: RequestHandler): Router {
  const router = Router();

  router.post('/api/incidents', auth, async (req, res) => {
    const by = actor(res);
    if (!by.roles.some((r) => START_ROLES.includes(r))) {
      throw new HttpError(403, 'forbidden', `registering an incident needs one of the roles ${START_ROLES.join('/')}`);
    }
    const key = parse(IdempotencyKey, { 'Idempotency-Key': req.get('idempotency-key') ?? randomUUID() }, 'header', req)['Idempotency-Key'];
    const now = new Date();
    const sent = withDefaults(req.body, now);
    const fields = sent && typeof sent === 'object' && !Array.isArray(sent) ? await attachTo(deps, sent as Record<string, unknown>, by, req) : sent;
    const { drill, ...incident } = parse(newIncidentFields(now), fields, 'incident', req);
    const policy = deps.policy(now);
    // scoped by user, so two people's keys can never collide into one incident
    const requestId = `${by.id}:${key}`;
    const workflowId = incidentWorkflowId(requestId, incident.discoveredAt, policy.calendar.utcOffsetMinutes);
    const input: IncidentInput = { incident, reporter: by, policy, requestId, script: deps.script ?? 'zh-Hans', ...(drill ? { drill } : {}) };
    const requestHash = bodyHash(req.body);
    const links = { self: `/api/incidents/${workflowId}`, page: `/incidents/${workflowId}`, temporalUi: temporalUiLink(deps, workflowId) };

    try {
      await within(deps, () => deps.client.workflow.start(INCIDENT_WORKFLOW, incidentStartOptions(deps, workflowId, input, { requestHash })));
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      const existing = await within(deps, () => incidentHandle(deps, workflowId).describe());
      if (existing.memo?.requestHash !== requestHash) {
        throw new HttpError(422, 'idempotency-mismatch', 'this Idempotency-Key was already used for a different incident');
      }
      res.status(200).location(links.self).json({ workflowId, created: false, links });
      return;
    }
    res.status(201).location(links.self).json({ workflowId, created: true, links });
  });

  router.get('/api/incidents', auth, async (req, res) => {
    const filters = parse(listFilters(deps.sessionKey), req.query, 'filters', req);
    res.json(await listIncidents(deps, filters));
  });

  router.get('/api/incidents/:id', auth, async (req, res) => {
    const id = String(req.params.id);
    const state = await queryState(deps, id);
    // the files its records carry, each with the record: the page lists them without its own copy of where to look
    res.json({ state, evidence: incidentAttachments(state), links: { temporalUi: temporalUiLink(deps, id) } });
  });

  return router;
}
