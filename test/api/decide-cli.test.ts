// `npm run decide` as a process against the real API, dev server and worker: the decision goes in
// under the token's owner and signed, and every refusal comes back readable with its exit code.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentState } from '../../domain/model/state';
import { PLAN_FIELDS } from '../workflows/driver';
import { runScript } from './cli-process';
import { asToken, eventually, incidentBody, PEOPLE, token } from './harness';
import { startLiveApp, type LiveApp } from './live-app';

let app: LiveApp;
let incident: string;
const dir = mkdtempSync(join(tmpdir(), 'yuqing-decide-'));

beforeAll(async () => {
  app = await startLiveApp();
  const res = await asToken(app.baseUrl, 'monitor')('POST', '/api/incidents', incidentBody());
  expect(res.status).toBe(201);
  incident = res.body.workflowId;
});
afterAll(async () => {
  await app?.teardown();
});

const state = async (): Promise<IncidentState> => (await asToken(app.baseUrl, 'monitor')('GET', `/api/incidents/${incident}`)).body.state;

function payloadFile(name: string, payload: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(payload));
  return path;
}

const decide = (args: string[], env: NodeJS.ProcessEnv, stdin?: string) => runScript('scripts/decide.ts', args, { YUQING_API_URL: app.baseUrl, ...env }, stdin);

describe('npm run decide', () => {
  it('sends the decision through the API as the token’s owner, signed', async () => {
    // a `by` in the file is ignored: the sender is whoever the token belongs to
    const file = payloadFile('report.json', { channel: 'written', to: '县委宣传部', by: { id: 'approver', name: '冒名', roles: ['approver'] } });
    const run = await decide([incident, 'reportFiled', '--file', file], { YUQING_API_TOKEN: token('handler') });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^applied: reportFiled to ${incident}, signed by the API \\(decision id [0-9a-f-]{36}\\)`));
    const s = await eventually(async () => {
      const x = await state();
      return x.reports.length === 1 && x;
    });
    const entry = s.timeline.find((e) => e.decision === 'reportFiled')!;
    expect(entry.by).toBe(PEOPLE.handler.displayName);
    expect(entry.signed).toBe(true);
  });

  it('reads the payload from standard input with --file -, and takes the token from --token', async () => {
    const run = await decide([incident, 'planDrafted', '--file', '-', '--token', token('office')], {}, JSON.stringify(PLAN_FIELDS));
    expect(run.code, run.stderr).toBe(0);
    await eventually(async () => (await state()).plan?.draftedBy?.id === 'office');
  });

  it('shows a refusal with its status and code, and leaves with 1', async () => {
    const run = await decide([incident, 'withdraw', '--file', payloadFile('withdraw.json', { reason: '重复登记' })], { YUQING_API_TOKEN: token('monitor') });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^refused \(403 forbidden\): /);
  });

  it('shows each invalid field and its rule as a table', async () => {
    const run = await decide([incident, 'findingsSubmitted', '--file', payloadFile('bad.json', { verdict: 'maybe' })], { YUQING_API_TOKEN: token('handler') });
    expect(run.code).toBe(1);
    const [head, header, rule, ...rows] = run.stderr.trimEnd().split('\n');
    expect(head).toMatch(/^refused \(400 invalid\): 核查结论：须为以下之一/);
    expect(header).toMatch(/^ {2}field +rule$/);
    expect(rule).toMatch(/^ {2}-+ {2}-+$/);
    expect(rows.some((r) => /^ {2}verdict +\S/.test(r))).toBe(true);
  });

  it('refuses a wrong token (1), and says what is missing without one (2)', async () => {
    const wrong = await decide([incident, 'reportFiled'], { YUQING_API_TOKEN: 'yq_wrong' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/^refused \(401 unauthenticated\)/);
    const none = await decide([incident, 'reportFiled'], { YUQING_API_TOKEN: '' });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/YUQING_API_TOKEN: must not be empty/);
  });

  it('says the API is unreachable (3)', async () => {
    const run = await decide([incident, 'reportFiled'], { YUQING_API_TOKEN: token('handler'), YUQING_API_URL: 'http://127.0.0.1:9' });
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/^cannot reach the API at http:\/\/127\.0\.0\.1:9/);
  });
});
