// An incident workflow started straight through Temporal under an id the API never makes must not
// take the list down for everyone: the list skips it, as GET /api/incidents/:id treats it as unknown.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { INCIDENT_WORKFLOW } from '../../workflows/incident/definitions';
import { asSession, eventually, incidentBody } from '../api/harness';
import { startLiveApp, type LiveApp } from '../api/live-app';
import { incidentInput } from '../workflows/fixtures';

let app: LiveApp;
beforeAll(async () => {
  app = await startLiveApp();
});
afterAll(async () => {
  await app?.teardown();
});

it('lists the other incidents (200) while a running incident has a foreign id', async () => {
  const monitor = await asSession(app.baseUrl, 'monitor');
  const created = await monitor('POST', '/api/incidents', incidentBody(), { 'idempotency-key': randomUUID() });
  expect(created.status).toBe(201);
  const foreign = `evil-${randomUUID()}`;
  await app.env.client.workflow.start(INCIDENT_WORKFLOW, { taskQueue: app.worker.taskQueue, workflowId: foreign, args: [incidentInput()] });
  // both are visible before the list is judged
  await eventually(async () => (await app.env.client.workflow.count(`WorkflowType = '${INCIDENT_WORKFLOW}'`)).count === 2);

  const list = await monitor('GET', '/api/incidents');
  expect(list.status, JSON.stringify(list.body)).toBe(200);
  const ids = list.body.items.map((i: { workflowId: string }) => i.workflowId);
  expect(ids).toContain(created.body.workflowId);
  expect(ids).not.toContain(foreign);
  expect(list.body.items.find((i: { workflowId: string }) => i.workflowId === created.body.workflowId).nextDeadline).toBeDefined();
});
