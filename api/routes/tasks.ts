// GET /api/my-tasks: every decision the running incidents await from the signed-in person, by the
// roles of their account, nearest deadline first (api/temporal/tasks.ts says what it scans).
import { Router, type RequestHandler } from 'express';
import { actor } from '../auth/middleware';
import type { AppDeps } from '../deps';
import { myTasks } from '../temporal/tasks';

export function taskRoutes(deps: AppDeps, auth: RequestHandler): Router {
  const router = Router();
  router.get('/api/my-tasks', auth, async (_req, res) => {
    res.json(await myTasks(deps, actor(res)));
  });
  return router;
}
