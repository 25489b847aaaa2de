// The shared integration-test helpers against the real thing: a dev server from the resolved CLI
// with the SPEC §5 search attributes, a worker on the cached bundle, and an incident that answers
// a signal and a query through the client, listed by its search attributes.
import { describe, expect, it } from 'vitest';
import { SEARCH_ATTRIBUTES } from '../../config/env';
import { INCIDENT_WORKFLOW, stateQuery } from '../../workflows/incident/definitions';
import { useServerAndWorker } from '../helpers/temporal';
import { send, waitForState } from '../workflows/driver';
import { incidentInput, people } from '../workflows/fixtures';

const running = useServerAndWorker();

describe('test helpers on a real dev server', () => {
  it('registers every SPEC §5 search attribute', async () => {
    const { customAttributes } = await running.env().connection.operatorService.listSearchAttributes({ namespace: 'default' });
    for (const name of Object.keys(SEARCH_ATTRIBUTES)) expect(customAttributes).toHaveProperty(name);
  });

  it('runs an incident: a signal and a query round-trip, and the incident is listed by its attributes', async () => {
    const workflowId = `helpers-${Date.now()}`;
    const handle = await running.env().client.workflow.start(INCIDENT_WORKFLOW, {
      taskQueue: running.worker().taskQueue,
      workflowId,
      args: [incidentInput()],
    });
    const first = await waitForState(handle, (s) => s.pendingDecisions.some((p) => p.name === 'reportFiled'));
    expect(first.severity).toBe('general');

    await send(handle, { name: 'reportFiled', by: people.handler, fields: { channel: 'written', to: '上级宣传部' } });
    const after = await waitForState(handle, (s) => s.reports.length === 1);
    expect(after.timeline.length).toBeGreaterThan(first.timeline.length);
    expect(await handle.query(stateQuery)).toMatchObject({ incident: { title: first.incident.title } });

    // visibility is eventually consistent: poll the list the Temporal UI would show
    const until = Date.now() + 20_000;
    let listed: string[] = [];
    while (!listed.includes(workflowId) && Date.now() < until) {
      listed = [];
      for await (const w of running.env().client.workflow.list({ query: `IncidentSeverity = 'general' AND IncidentDeadlineBreached = false` })) {
        listed.push(w.workflowId);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(listed).toContain(workflowId);
  });
});
