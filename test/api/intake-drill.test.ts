// An alert that says it is a drill (演练), on a real dev server and worker: only an intake account the
// policy names may say so; the drill is an incident of its own beside the item's real one, marked
// and sandboxed, its record naming who said it was a drill; dismissed, it still gets its 演练总结.
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkflowNotFoundError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentPolicy } from '../../config/policy';
import { signingPolicy } from '../../config/signing';
import { documentsFolder } from '../../domain/data-layout';
import type { IncidentState } from '../../domain/model/state';
import { alertWorkflowId, drillAlertWorkflowId, normaliseItemUrl } from '../../domain/rules/intake-url';
import { asToken, eventually, TEST_SIGNER, type Call } from './harness';
import { startLiveApp, type LiveApp } from './live-app';

let app: LiveApp;
let intake: Call;
let monitor: Call;
/** the accounts the policy trusts with drills, changed between tests */
let fromIntake: string[] = [];

beforeAll(async () => {
  const policy = (now: Date) => {
    const p = currentPolicy({ now });
    return { ...p, signing: signingPolicy(TEST_SIGNER), drill: { ...p.drill, fromIntake } };
  };
  app = await startLiveApp({ deps: { policy } });
  intake = asToken(app.baseUrl, 'intake');
  monitor = asToken(app.baseUrl, 'monitor');
});
afterAll(async () => {
  await app?.teardown();
});

const alert = (overrides: Record<string, unknown> = {}) => ({
  url: `https://bbs.example.cn/thread/${randomUUID()}`,
  channel: 'forum',
  excerpt: '网传某校食堂饭菜变质',
  seenAt: new Date(Date.now() - 5 * 60_000).toISOString(),
  sourceSystem: '甲监测平台',
  ...overrides,
});

/** the page's view of it, once visibility lists it (the API answers 404 until then) */
const state = (id: string): Promise<IncidentState> =>
  eventually(async () => {
    const res = await monitor('GET', `/api/incidents/${id}`);
    return res.status === 200 && (res.body.state as IncidentState);
  });

async function exists(id: string): Promise<boolean> {
  try {
    await app.env.client.workflow.getHandle(id).describe();
    return true;
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return false;
    throw err;
  }
}

describe('a drill posted to POST /api/intake/alerts', () => {
  it('is refused from an account the policy does not name, and anything but a boolean is refused naming drill', async () => {
    fromIntake = [];
    const body = alert({ drill: true });
    const refused = await intake('POST', '/api/intake/alerts', body);
    expect(refused.status, JSON.stringify(refused.body)).toBe(403);
    expect(refused.body.error.issues).toEqual([expect.objectContaining({ field: 'drill', rule: "the policy's drill.fromIntake must name the account" })]);
    const url = normaliseItemUrl(body.url);
    expect(await exists(drillAlertWorkflowId(url))).toBe(false);
    expect(await exists(alertWorkflowId(url))).toBe(false);

    fromIntake = ['intake'];
    const bad = await intake('POST', '/api/intake/alerts', alert({ drill: 'yes' }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues.map((i: { field: string }) => i.field)).toEqual(['drill']);
  });

  it('runs as a drill of its own beside the real item, names who marked it, and closes dismissed with its 演练总结', async () => {
    fromIntake = ['intake'];
    const body = alert({ drill: true });
    const posted = await intake('POST', '/api/intake/alerts', body);
    expect(posted.status, JSON.stringify(posted.body)).toBe(201);
    const id = posted.body.workflowId as string;
    expect(id).toBe(drillAlertWorkflowId(normaliseItemUrl(body.url)));

    // the same item posted for real is a real incident: the drill cannot stand in its place
    const real = await intake('POST', '/api/intake/alerts', { ...body, drill: undefined });
    expect(real.status, JSON.stringify(real.body)).toBe(201);
    expect(real.body.workflowId).toBe(alertWorkflowId(normaliseItemUrl(body.url)));
    expect((await state(real.body.workflowId)).drill).toBeUndefined();

    const s = await eventually(async () => {
      const x = await state(id);
      return x.pendingDecisions.some((p) => p.name === 'assessed') && x;
    });
    expect(s.drill).toBe(true);
    expect(s.timeline[0]).toMatchObject({ kind: 'started' });
    expect(s.timeline[0]!.text).toContain('监测系统「甲监测平台」（舆情监测平台，账号 intake）推送时标为演练');
    const listed = await monitor('GET', '/api/incidents');
    expect(JSON.stringify(listed.body)).toContain(id);

    const dismissed = await monitor('POST', `/api/incidents/${id}/decisions/assessed`, { confirm: false, reason: '演练结束，非真实信息' });
    expect(dismissed.status, JSON.stringify(dismissed.body)).toBe(200);
    const final = await app.env.client.workflow.getHandle(id).result() as IncidentState;
    expect(final.closed?.outcome).toBe('dismissed');
    expect(final.documents.map((d) => d.name)).toContain('drill-summary');
    const summary = readFileSync(join(app.worker.dataDir, documentsFolder(id), 'drill-summary.md'), 'utf8');
    expect(summary).toContain('【演练】演练总结');
    expect(summary).toContain('研判后排除，演练未走完全部步骤。理由：演练结束，非真实信息');
    // the deadlines it had running when it ended, with the compressed span each had
    for (const d of final.deadlines) expect(summary).toMatch(new RegExp(`\\| ${d.label} \\|[^\\n]*\\| 演练结束时未完成 \\|`));
    expect(final.deadlines.length).toBeGreaterThan(0);
    expect(existsSync(join(app.worker.dataDir, documentsFolder(real.body.workflowId), 'drill-summary.md'))).toBe(false);
    // among the downloads like the other documents, its Word file's name marked
    const docx = await monitor('GET', `/api/incidents/${id}/documents/drill-summary?format=docx`);
    expect(docx.status).toBe(200);
    const disposition = docx.headers.get('content-disposition') ?? '';
    expect(decodeURIComponent(disposition.split("filename*=UTF-8''")[1] ?? '')).toMatch(/^【演练】演练总结.*号\.docx$/);
  });
});
