// What the pages need to build their forms without a copy of the rules: the enums, the Chinese
// labels the rules already define, and each decision's payload as JSON Schema (from its zod schema).
import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { ACTION_LABELS, CATEGORY_LABELS, VERDICT_LABELS } from '../../domain/rules/categories';
import { DECISION_LABELS } from '../../domain/decisions/catalog';
import { DECISION_NAMES, DECISIONS, handlerDescription } from '../../domain/decisions/index';
import { RESPONSE_LEVEL_LABELS, SEVERITY_LABELS } from '../../domain/rules/grading';
import { ROLE_LABELS } from '../../domain/rules/roles';
import { CATEGORIES, CHANNELS, SENSITIVE_TOPICS, SEVERITIES, STEPS } from '../../domain/model/schema';
import type { AppDeps } from '../deps';

function buildMeta(deps: AppDeps) {
  const decisions = Object.fromEntries(
    DECISION_NAMES.map((name) => {
      const { roles, standing = false, fields } = DECISIONS[name];
      return [name, { ...DECISION_LABELS[name], roles, standing, description: handlerDescription(name), schema: z.toJSONSchema(fields, { io: 'input' }) }];
    }),
  );
  return {
    namespace: deps.client.options.namespace,
    temporalUiUrl: deps.temporalUiUrl,
    enums: { severities: SEVERITIES, categories: CATEGORIES, channels: CHANNELS, sensitiveTopics: SENSITIVE_TOPICS, steps: STEPS },
    labels: {
      severity: SEVERITY_LABELS,
      responseLevel: RESPONSE_LEVEL_LABELS,
      category: CATEGORY_LABELS,
      verdict: VERDICT_LABELS,
      action: ACTION_LABELS,
      role: ROLE_LABELS,
    },
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
