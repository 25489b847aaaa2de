// What the pages need to build their forms without a copy of the rules: the enums, the label
// table in every language, and each decision's payload as JSON Schema (from its zod schema).
import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { DECISION_NAMES, DECISIONS, handlerDescription } from '../../domain/decisions/index';
import { LABELS } from '../../domain/labels';
import { CATEGORIES, CHANNELS, SENSITIVE_TOPICS, SEVERITIES, STEPS } from '../../domain/model/schema';
import { DUE_SOON_MINUTES } from '../../domain/rules/urgency';
import { requestFields } from './owner-ref';
import type { AppDeps } from '../deps';

function buildMeta(deps: AppDeps) {
  const decisions = Object.fromEntries(
    DECISION_NAMES.map((name) => {
      const { roles, standing = false } = DECISIONS[name];
      return [name, { roles, standing, description: handlerDescription(name), schema: z.toJSONSchema(requestFields(name), { io: 'input' }) }];
    }),
  );
  return {
    namespace: deps.client.options.namespace,
    temporalUiUrl: deps.temporalUiUrl,
    enums: { severities: SEVERITIES, categories: CATEGORIES, channels: CHANNELS, sensitiveTopics: SENSITIVE_TOPICS, steps: STEPS },
    labels: LABELS,
    dueSoonMinutes: DUE_SOON_MINUTES,
    decisions,
  };
}

export function metaRoutes(deps: AppDeps, auth: RequestHandler): Router {
  const router = Router();
  const meta = buildMeta(deps);
  router.get('/api/meta', auth, (_req, res) => {
    res.json(meta);
  });
  return router;
}
