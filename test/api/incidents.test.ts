// The API on a real Temporal dev server with a real worker: starting (idempotent), listing from
// visibility, reading the query state, deciding (roles, pending, four eyes) and documents. Every
// refused request must leave no trace in the workflow's history.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentState } from '../../domain/model/state';
import { PLAN_FIELDS } from '../workflows/driver';
import { strFromU8, unzipSync } from 'fflate';
import { anonymous, asSession, asToken, eventually, incidentBody, token, type Call } from './harness';
import { startLiveApp, type LiveApp } from './live-app';

let app: LiveApp;
let as: Record<'monitor' | 'handler' | 'office' | 'approver' | 'lead', Call>;

beforeAll(async () => {
  app = await startLiveApp();
  as = {
    monitor: asToken(app.baseUrl, 'monitor'),
    handler: asToken(app.baseUrl, 'handler'),
    office: asToken(app.baseUrl, 'office'),
    approver: asToken(app.baseUrl, 'approver'),
    lead: asToken(app.baseUrl, 'lead'),
  };
});
afterAll(async () => {
  await app?.teardown();
});

async function register(body = incidentBody(), key = randomUUID()): Promise<string> {
  const res = await as.monitor('POST', '/api/incidents', body, { 'idempotency-key': key });
  expect(res.status).toBe(201);
  return res.body.workflowId;
}

const state = async (id: string): Promise<IncidentState> => (await as.monitor('GET', `/api/incidents/${id}`)).body.state;

/** Decides; the answer is the workflow's verdict, with the state it left. */
async function decide(who: Call, id: string, name: string, body: object): Promise<IncidentState> {
  // a review names the version it was shown, as the page does from the pending decision
  const releaseNo = (body as { releaseNo?: number }).releaseNo;
  const draftHash = (await state(id)).pendingDecisions.find((p) => p.name === name && p.releaseNo === releaseNo)?.draftHash;
  const res = await who('POST', `/api/incidents/${id}/decisions/${name}`, draftHash ? { draftHash, ...body } : body);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.body.outcome).toBe('applied');
  return res.body.state;
}

const signalsIn = async (id: string) =>
  (await app.env.client.workflow.getHandle(id).fetchHistory()).events?.filter((e) => e.workflowExecutionSignaledEventAttributes).length ?? 0;

describe('POST /api/incidents', () => {
  it('starts one workflow for a double submit with one Idempotency-Key: 201, then 200 with the same id', async () => {
    const key = randomUUID();
    const body = incidentBody({ title: `双击 ${key}` });
    const [first, second] = await Promise.all([
      as.monitor('POST', '/api/incidents', body, { 'idempotency-key': key }),
      new Promise((r) => setTimeout(r, 50)).then(() => as.monitor('POST', '/api/incidents', body, { 'idempotency-key': key })),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 201]);
    expect(second.body.workflowId).toBe(first.body.workflowId);
    expect(first.body.workflowId).toMatch(/^incident-\d{8}-[0-9a-f]{10}$/);
    expect(first.headers.get('location')).toBe(`/api/incidents/${first.body.workflowId}`);
    const count = await app.env.client.workflow.count(`WorkflowId = '${first.body.workflowId}'`);
    expect(count.count).toBe(1);
  });

  it('refuses the same key for a different incident (422) and starts nothing', async () => {
    const key = randomUUID();
    const id = await register(incidentBody(), key);
    const res = await as.monitor('POST', '/api/incidents', incidentBody({ title: '另一件事' }), { 'idempotency-key': key });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('idempotency-mismatch');
    expect((await state(id)).incident.title).toBe(incidentBody().title);
  });

  it('freezes the reporter, the grade and the links into the new incident', async () => {
    const res = await as.monitor('POST', '/api/incidents', incidentBody(), { 'idempotency-key': randomUUID() });
    const s = await state(res.body.workflowId);
    expect(s.reporter).toEqual({ id: 'monitor', name: '信息员小周', roles: ['monitor'] });
    expect(s.severity).toBe('major');
    expect(res.body.links.temporalUi).toBe(`http://127.0.0.1:8233/namespaces/default/workflows/${res.body.workflowId}`);
  });
});

describe('GET /api/incidents', () => {
  it('lists from visibility with filters and pages with nextPageToken', async () => {
    const department = `宣传部-${randomUUID().slice(0, 8)}`;
    const major = await register(incidentBody({ department }));
    const general = await register(incidentBody({ department, metrics: { views: 10 } }));
    const q = (extra: string) => as.monitor('GET', `/api/incidents?department=${encodeURIComponent(department)}${extra}`);

    const all = await eventually(async () => {
      const res = await q('');
      return res.body.items.length === 2 && res.body;
    });
    const item = all.items.find((i: { workflowId: string }) => i.workflowId === major);
    expect(item).toMatchObject({ title: incidentBody().title, status: 'RUNNING', severity: 'major', stage: 'monitor', category: 'hype', department, breached: false });
    expect(item.nextDeadline).toMatchObject({ label: expect.any(String), dueAt: expect.any(String), breached: false });

    expect((await q('&severity=general')).body.items.map((i: { workflowId: string }) => i.workflowId)).toEqual([general]);
    expect((await q('&severity=critical')).body.items).toEqual([]);
    expect((await q('&breached=false&category=hype')).body.items).toHaveLength(2);
    // a general item needs no report upward: it is past step 1 at once, the major one waits there
    const ids = async (extra: string) => (await q(extra)).body.items.map((i: { workflowId: string }) => i.workflowId);
    await eventually(async () => JSON.stringify([await ids('&stage=monitor'), await ids('&stage=verify')]) === JSON.stringify([[major], [general]]));

    const page1 = (await q('&pageSize=1')).body;
    expect(page1.items).toHaveLength(1);
    expect(page1.nextPageToken).toEqual(expect.any(String));
    const page2 = (await q(`&pageSize=1&pageToken=${page1.nextPageToken}`)).body;
    expect(page2.items).toHaveLength(1);
    expect(page2.items[0].workflowId).not.toBe(page1.items[0].workflowId);
  });
});

describe('GET /api/incidents/:id', () => {
  it('returns the query state and the Temporal UI link', async () => {
    const id = await register();
    const res = await as.approver('GET', `/api/incidents/${id}`);
    expect(res.status).toBe(200);
    expect(res.body.state).toMatchObject({ workflowId: id, currentStep: 'monitor', severity: 'major' });
    expect(res.body.state.pendingDecisions.map((p: { name: string }) => p.name)).toContain('planDrafted');
    expect(res.body.links.temporalUi).toMatch(new RegExp(`/namespaces/default/workflows/${id}$`));
  });

  it('says 404 for an unknown or malformed id', async () => {
    for (const id of ['incident-20200101-0000000000', 'not-an-incident']) {
      const res = await as.monitor('GET', `/api/incidents/${id}`);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not-found');
    }
  });
});

describe('POST /api/incidents/:id/decisions/:name', () => {
  it('refuses an operator approving (403), a bad payload (400), a decision not pending (409), and signals none of them', async () => {
    const id = await register();
    const monitor = await as.monitor('POST', `/api/incidents/${id}/decisions/planDecided`, { approve: true });
    expect(monitor.status).toBe(403);
    expect(monitor.body.error.code).toBe('forbidden');

    const invalid = await as.approver('POST', `/api/incidents/${id}/decisions/planDecided`, { approve: 'yes' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.issues).toEqual([{ field: 'approve', rule: 'Invalid input: expected boolean, received string', message: '审批结论：须为是或否' }]);

    const early = await as.approver('POST', `/api/incidents/${id}/decisions/stabilised`, { reason: '平息' });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('not-pending');

    const unknown = await as.approver('POST', `/api/incidents/${id}/decisions/launchRockets`, {});
    expect(unknown.status).toBe(404);
    const missing = await as.approver('POST', '/api/incidents/incident-20200101-0000000000/decisions/planDecided', { approve: true });
    expect(missing.status).toBe(404);

    expect(await signalsIn(id)).toBe(0);
    await decide(as.office, id, 'planDrafted', PLAN_FIELDS);
    // a return without a reason is refused at once, naming the field
    const emptyReturn = await as.approver('POST', `/api/incidents/${id}/decisions/planDecided`, { approve: false, comment: ' ', draftHash: (await state(id)).plan?.draftHash });
    expect(emptyReturn.status).toBe(400);
    expect(emptyReturn.body.error.issues).toEqual([{ field: 'comment', rule: 'required to return', message: '意见：退回处置方案须说明理由' }]);
    const s = await decide(as.approver, id, 'planDecided', { approve: true, comment: '同意' });
    expect(s.plan).toMatchObject({ decision: 'approved', approvedBy: { id: 'approver' }, draftedBy: { id: 'office' } });
    expect(await signalsIn(id)).toBe(2);
  });

  it('fills the sender from the signed-in user, whatever the body claims', async () => {
    const id = await register();
    const s = await decide(as.handler, id, 'reportFiled', { channel: 'written', to: '县委宣传部', by: { id: 'approver', name: '王主任', roles: ['approver'] } });
    expect(s.reports[0]?.by).toEqual({ id: 'handler', name: '经办小李', roles: ['handler'] });
    // the API signed it: the incident's policy rejects unsigned decisions, and this one is marked signed
    expect(s.timeline.find((e) => e.decision === 'reportFiled')?.signed).toBe(true);
  });

  it('keeps four eyes: no one approves their own plan or reviews their own findings, and a drafter cannot approve their own release', async () => {
    const id = await register();
    await decide(as.handler, id, 'reportFiled', { channel: 'written', to: '县委宣传部' });
    await decide(as.lead, id, 'planDrafted', PLAN_FIELDS);
    const ownPlan = await as.lead('POST', `/api/incidents/${id}/decisions/planDecided`, { approve: true, draftHash: (await state(id)).plan?.draftHash });
    expect(ownPlan.status).toBe(403);
    expect(ownPlan.body.error.code).toBe('separation');
    await decide(as.approver, id, 'planDecided', { approve: true });
    await eventually(async () => (await state(id)).pendingDecisions.some((p) => p.name === 'findingsSubmitted'));
    await decide(as.handler, id, 'findingsSubmitted', { verdict: 'unfounded', facts: '经核实，帖文所述与事实不符。' });

    const own = await as.handler('POST', `/api/incidents/${id}/decisions/findingsReviewed`, { accept: true });
    expect(own.status).toBe(403);
    expect(own.body.error.code).toBe('separation');
    await decide(as.office, id, 'findingsReviewed', { accept: true });

    await eventually(async () => (await state(id)).pendingDecisions.some((p) => p.name === 'releaseDrafted'));
    await decide(as.lead, id, 'releaseDrafted', { kind: 'facts', title: '情况通报', body: '经核查，网传情况不实。', channels: ['官方微博'] });
    const selfReview = await as.lead('POST', `/api/incidents/${id}/decisions/releaseReviewed`, { releaseNo: 1, approve: true });
    expect(selfReview.status).toBe(403);
    expect(selfReview.body.error.code).toBe('separation');
    const unnamed = await as.office('POST', `/api/incidents/${id}/decisions/releaseReviewed`, { releaseNo: 1, approve: true });
    expect(unnamed.status).toBe(409);
    expect(unnamed.body.error).toMatchObject({ code: 'stale-draft', issues: [{ field: 'draftHash' }] });
    await decide(as.office, id, 'releaseReviewed', { releaseNo: 1, approve: true });

    const selfApproval = await as.lead('POST', `/api/incidents/${id}/decisions/releaseApproved`, { releaseNo: 1, approve: true });
    expect(selfApproval.status).toBe(403);
    expect(selfApproval.body.error.code).toBe('separation');
    const signalsBefore = await signalsIn(id);
    await decide(as.approver, id, 'releaseApproved', { releaseNo: 1, approve: true });
    const published = await eventually(async () => {
      const s = await state(id);
      return s.releases[0]?.status === 'published' && s;
    });
    expect(published.releases[0]!.reviews.map((r) => [r.stage, r.by.id])).toEqual([
      ['review', 'office'],
      ['approval', 'approver'],
    ]);
    expect(await signalsIn(id)).toBe(signalsBefore + 1);
    expect(published.timeline.filter((e) => e.kind === 'rejected')).toEqual([]);
  });

  it('accepts the web page only with its CSRF token', async () => {
    const id = await register();
    const page = await asSession(app.baseUrl, 'handler');
    const withToken = await page('POST', `/api/incidents/${id}/decisions/reportFiled`, { channel: 'verbal', to: '分管领导' });
    expect(withToken.status).toBe(200);
    const without = await page('POST', `/api/incidents/${id}/decisions/reportFiled`, { channel: 'written', to: '分管领导' }, { 'x-csrf-token': '' });
    expect(without.status).toBe(403);
    expect(without.body.error.code).toBe('csrf');
  });
});

describe('GET /api/incidents/:id/documents/:name', () => {
  it('serves the special report as sandboxed HTML and as Markdown, and 404 for others', async () => {
    const id = await register();
    await eventually(async () => (await state(id)).documents.some((d) => d.name === 'special'));
    const html = await as.monitor('GET', `/api/incidents/${id}/documents/special`);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toMatch(/text\/html/);
    expect(html.headers.get('content-security-policy')).toMatch(/^sandbox/);
    expect(html.body).toContain('舆情专报');
    const md = await as.monitor('GET', `/api/incidents/${id}/documents/special?format=md`);
    expect(md.status).toBe(200);
    expect(md.headers.get('content-disposition')).toMatch(/^attachment; filename="?incident-\d{8}-[0-9a-f]{10}-special\.md"?$/);
    expect((await as.monitor('GET', `/api/incidents/${id}/documents/summary`)).status).toBe(404);
    expect((await as.monitor('GET', `/api/incidents/${id}/documents/special?format=exe`)).status).toBe(400);
  });

  it('serves the Word file named by its 期号, to people signed in only', async () => {
    const id = await register();
    const ref = await eventually(async () => (await state(id)).documents.find((d) => d.name === 'special'));
    expect(ref.number).toMatch(/^\d{4}年第\d+期$/);
    const url = `${app.baseUrl}/api/incidents/${id}/documents/special?format=docx`;
    const res = await fetch(url, { headers: { authorization: `Bearer ${token('monitor')}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(decodeURIComponent(res.headers.get('content-disposition') ?? '')).toContain(`舆情专报${ref.number}.docx`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    // a zip whose document is the report
    expect(strFromU8(unzipSync(bytes)['word/document.xml'] ?? new Uint8Array())).toContain('<w:pgSz w:w="11906" w:h="16838"');
    expect((await fetch(url)).status).toBe(401);
  });
});

describe('health', () => {
  it('is alive and ready', async () => {
    expect((await anonymous(app.baseUrl)('GET', '/healthz')).body).toEqual({ ok: true });
    expect((await anonymous(app.baseUrl)('GET', '/readyz')).body).toEqual({ ok: true, namespace: 'default' });
  });
});
