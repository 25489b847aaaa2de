// Liveness says the process answers; readiness says it can reach Temporal and its namespace, which
// is what a load balancer or the launcher needs before sending people here.
import { Router } from 'express';
import type { AppDeps } from '../deps';
import { HttpError } from '../errors';
import { within } from '../temporal/incidents';

export function healthRoutes(deps: AppDeps): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  router.get('/readyz', async (_req, res) => {
    const namespace = deps.client.options.namespace;
    try {
      // short: a probe must answer before its caller's own timeout
      await within(deps, () => deps.client.workflowService.describeNamespace({ namespace }), 2_000);
    } catch (err) {
      // any failure here (server down, namespace missing) means "not ready", never a 404 or 500
      throw new HttpError(503, 'temporal-unavailable', `Temporal not ready: ${err instanceof Error ? err.message : String(err)}`);
    }
    res.json({ ok: true, namespace });
  });
  return router;
}
