// Alerts from monitoring systems (issue 11, "In"): one item, one incident. The workflow id is the
// item's normalised link hashed (domain/rules/intake-url.ts), and signalWithStart either starts
// the incident or, when it already runs, hands it the new metrics: Temporal's workflow-id
// uniqueness decides, so two systems posting at the same moment still make one incident. The feed
// watcher (activities/feeds.ts) posts here too, with its own intake token.
import { randomUUID } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import { Router, type RequestHandler } from 'express';
import { DEFAULT_INTAKE_DEPARTMENT } from '../../config/feeds';
import { signFor } from '../../config/signing';
import { INCIDENT_WORKFLOW, decisionSignals, stateQuery } from '../../workflows/incident/definitions';
import { alertWorkflowId, drillAlertWorkflowId, normaliseItemUrl } from '../../domain/rules/intake-url';
import { IncidentFields, IntakeAlert, type IncidentInput, type UserRef } from '../../domain/model/schema';
import { actor } from '../auth/middleware';
import type { AppDeps } from '../deps';
import { HttpError, parse } from '../errors';
import { NOT_IN_FUTURE, notInFuture } from '../future-times';
import { incidentStartOptions, temporalUiLink, within } from '../temporal/incidents';

function alertAt(now: Date) {
  return IntakeAlert.refine((a) => notInFuture(a.seenAt, now), { path: ['seenAt'], message: NOT_IN_FUTURE });
}

interface AlertReceipt {
  workflowId: string;
  /** this request started the incident */
  created: boolean;
  /** the item's incident has ended (dismissed, withdrawn or done): nothing was changed */
  closed: boolean;
}

function incidentFields(alert: IntakeAlert, url: string, department: string): IncidentFields {
  const firstLine = alert.excerpt.split('\n')[0]!.trim();
  const title = alert.title ?? (firstLine ? (firstLine.length > 60 ? `${firstLine.slice(0, 59)}…` : firstLine) : `${alert.sourceSystem}推送的监测信息`);
  return IncidentFields.parse({
    title,
    summary: `监测系统「${alert.sourceSystem}」推送：${alert.excerpt || title}`.slice(0, 4000),
    sourceUrls: [url],
    channel: alert.channel,
    excerpt: alert.excerpt,
    // SPEC §4 "from detection": the deadlines run from when the monitoring system saw the item
    discoveredAt: alert.seenAt,
    department: alert.department ?? department,
    // a placeholder until the monitor's 研判 names the category; no category deadline opens before
    category: 'inquiry',
    metrics: alert.metrics,
  });
}

/**
 * Starts the item's incident, or updates the metrics of the one already running. An alert without
 * metrics is started plainly: a feed re-posts the same items every few minutes, and a repeat must
 * then leave the incident alone instead of resetting what the monitor entered to zeros.
 */
async function receiveAlert(deps: AppDeps, alert: IntakeAlert, by: UserRef, now: Date): Promise<AlertReceipt> {
  const url = normaliseItemUrl(alert.url);
  // a drill never takes the item's own id: a real alert for the same link still reaches a real incident
  const workflowId = alert.drill ? drillAlertWorkflowId(url) : alertWorkflowId(url);
  const policy = deps.policy(now);
  // unique per request: the memo then tells whether the run we reached is the one we started
  const requestId = `${by.id}:${randomUUID()}`;
  const input: IncidentInput = {
    incident: incidentFields(alert, url, deps.intakeDepartment ?? DEFAULT_INTAKE_DEPARTMENT),
    origin: { sourceSystem: alert.sourceSystem, url, seenAt: alert.seenAt },
    reporter: by,
    policy,
    requestId,
    script: deps.script ?? 'zh-Hans',
    ...(alert.drill ? { drill: true } : {}),
  };
  const options = incidentStartOptions(deps, workflowId, input, { requestId });
  try {
    if (!alert.metrics) {
      await within(deps, () => deps.client.workflow.start(INCIDENT_WORKFLOW, options));
      return { workflowId, created: true, closed: false };
    }
    // a running incident trusts the keys of its own start (and those added since), which after a
    // rotation need not include the API's newest; a new incident trusts the API's keys (deps.policy)
    const running = await trustedKeyIds(deps, workflowId);
    const keyIds = running ?? deps.signer.publicKeys.map((k) => k.keyId);
    const signed = signFor(deps.signer, keyIds, workflowId, 'metricsUpdated', { metrics: alert.metrics, by, decisionId: randomUUID() });
    if (!signed && running) {
      throw new HttpError(409, 'untrusted-key', 'this incident trusts none of the API\'s signing keys, so its new metrics would be refused; an admin must add the current key (npm run keys:distribute)');
    }
    if (!signed) throw new HttpError(500, 'internal', 'the API has no signing key');
    try {
      const handle = await within(deps, () => deps.client.workflow.signalWithStart(INCIDENT_WORKFLOW, { ...options, signal: decisionSignals.metricsUpdated, signalArgs: [signed] }));
      const run = await within(deps, () => deps.client.workflow.getHandle(workflowId, handle.signaledRunId).describe());
      return { workflowId, created: run.memo?.requestId === requestId, closed: false };
    } catch (err) {
      // two posts of a new item at once: the one whose start lost the race still delivers its metrics
      if (!(err instanceof WorkflowExecutionAlreadyStartedError) || !(await isRunning(deps, workflowId))) throw err;
      await within(deps, () => deps.client.workflow.getHandle(workflowId).signal(decisionSignals.metricsUpdated, signed));
      return { workflowId, created: false, closed: false };
    }
  } catch (err) {
    // REJECT_DUPLICATE: an item's incident that ended is not reopened by the next sighting
    if (err instanceof WorkflowExecutionAlreadyStartedError) return { workflowId, created: false, closed: !(await isRunning(deps, workflowId)) };
    throw err;
  }
}

/** The keys the item's running incident trusts (its `state` query), or undefined when none runs. */
async function trustedKeyIds(deps: AppDeps, workflowId: string): Promise<string[] | undefined> {
  try {
    if (!(await isRunning(deps, workflowId))) return undefined;
    return (await within(deps, () => deps.client.workflow.getHandle(workflowId).query(stateQuery))).signing.keyIds;
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return undefined;
    throw err;
  }
}

async function isRunning(deps: AppDeps, workflowId: string): Promise<boolean> {
  return (await within(deps, () => deps.client.workflow.getHandle(workflowId).describe())).status.name === 'RUNNING';
}

export function intakeRoutes(deps: AppDeps, auth: RequestHandler): Router {
  const router = Router();

  router.post('/api/intake/alerts', auth, async (req, res) => {
    const by = actor(res);
    if (!by.roles.includes('intake')) {
      throw new HttpError(403, 'forbidden', 'posting alerts needs the intake role (a monitoring system\'s machine account)');
    }
    const now = new Date();
    const alert = parse(alertAt(now), req.body, 'alert', req);
    // an outsider's word can only make an incident more sandboxed, and only where the policy trusts the account with it
    if (alert.drill && !(deps.policy(now).drill.fromIntake ?? []).includes(by.id)) {
      const rule = 'the policy\'s drill.fromIntake must name the account';
      throw new HttpError(403, 'forbidden', `drill: account ${by.id} may not post drills; ${rule}`, [{ field: 'drill', rule, message: `演练：账号 ${by.id} 未获准推送演练（策略文件 drill.fromIntake 须列出该账号）` }]);
    }
    const receipt = await receiveAlert(deps, alert, by, now);
    const links = { self: `/api/incidents/${receipt.workflowId}`, page: `/incidents/${receipt.workflowId}`, temporalUi: temporalUiLink(deps, receipt.workflowId) };
    res.status(receipt.created ? 201 : 200).location(links.self).json({ ...receipt, links });
  });

  return router;
}
