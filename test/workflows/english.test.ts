// An organisation that reads English (its organisation file's `language: en`): an incident it
// registers, typed in English and driven to its end, writes every text of its own in English — the
// timeline, the notices, the deadlines, the pending decisions, the Temporal UI's summaries, details
// and handler descriptions, and a refused decision's reason. Traditional and Simplified runs are
// test/workflows/script.test.ts and test/workflows/ui-texts.test.ts.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultPayloadConverter } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, hashToken } from '../../api/auth/secrets';
import { UserStore } from '../../api/auth/users';
import { asToken, incidentBody, PEOPLE, password, type Person, token } from '../api/harness';
import { startLiveApp, type LiveApp } from '../api/live-app';
import { noticesLog } from '../../domain/data-layout';
import type { UserRef } from '../../domain/model/schema';
import type { IncidentState } from '../../domain/model/state';
import { driveToEnd, send, type Step, waitForState } from './driver';
import { fastPolicy, METRICS_FOR, people } from './fixtures';

/** a Han character, or CJK punctuation (，。：（）《》【】) an English text has no business with */
const CHINESE = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;
const chinese = (texts: (string | undefined)[]) => texts.filter((t): t is string => !!t && CHINESE.test(t));

/** The API's people, named in English. */
const ENGLISH_NAMES: Record<Person, string> = {
  monitor: 'Monitor Zhou',
  handler: 'Clerk Li',
  office: 'Officer Chen',
  approver: 'Director Wang',
  lead: 'Deputy Director Li',
  intake: 'Monitoring Platform',
};

/** The duty team's people (test/workflows/fixtures.ts), named in English. */
const TEAM: Record<string, string> = { mon: 'Monitor Zhou', h1: 'Clerk Li', h2: 'Officer Chen', a1: 'Director Wang', a2: 'Deputy Director' };

/** What the duty team types, in English. */
const TYPED: Record<string, string> = {
  '责任部门当日核实，后勤处整改并公开说明。': 'The department checks the facts today; Logistics corrects it and says so publicly.',
  '高度重视、正在核实、及时公布。': 'Taken seriously, being checked, published promptly.',
  后勤处: 'Logistics',
  核实并整改: 'Check and correct',
  宣传部: 'Publicity',
  '起草通稿、答复网民': 'Draft the statement, reply to netizens',
  '核实后24小时内在官方网站、官方微博发布情况说明。': 'Within 24 hours of the check, a statement on the website and the official Weibo account.',
  '经核实，当日部分菜品保存不当。': 'Checked: some dishes were badly stored that day.',
  '已关注，正在核实。': 'Noted, being checked.',
  官方微博: 'Official Weibo',
  官方网站: 'Website',
  '已按规定处理并答复。': 'Handled by the rules and answered.',
  '经核查，情况如下……': 'Checked; the facts are as follows.',
  热度明显下降: 'Attention has clearly fallen',
  向上级通报处置进展: 'Progress reported upward',
  '及时核实、快报事实。': 'Check promptly, report the facts fast.',
};

function english(value: unknown): unknown {
  if (typeof value === 'string') {
    if (!CHINESE.test(value)) return value;
    const release = /^情况通报（(\d+)）$/.exec(value);
    if (release) return `Statement (${release[1]})`;
    const typed = TYPED[value];
    if (!typed) throw new Error(`no English for the duty team's text: ${value}`);
    return typed;
  }
  if (Array.isArray(value)) return value.map(english);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, english(v)]));
  return value;
}

/** The decision as an English-reading duty team sends it. */
const inEnglish = (step: Step): Step => ({ ...step, by: { ...step.by, name: TEAM[step.by.id] ?? step.by.name }, fields: english(step.fields) as Record<string, unknown> });

interface WorkflowMetadata {
  definition: { signalDefinitions: { name: string; description?: string }[]; queryDefinitions: { name: string; description?: string }[]; updateDefinitions?: { name: string; description?: string }[] };
  currentDetails: string;
}

async function englishUsers(): Promise<UserStore> {
  const users = await Promise.all(
    (Object.keys(PEOPLE) as Person[]).map(async (name) => ({
      name,
      displayName: ENGLISH_NAMES[name],
      roles: PEOPLE[name].roles,
      password: await hashPassword(password(name)),
      tokenHash: hashToken(token(name)),
    })),
  );
  return new UserStore({ users });
}

let app: LiveApp;

beforeAll(async () => {
  const file = join(await mkdtemp(join(tmpdir(), 'yuqing-org-')), 'organisation.jsonc');
  await writeFile(file, JSON.stringify({ name: 'County Education Bureau', numberPrefix: 'CEB', language: 'en' }));
  app = await startLiveApp({ deps: { policy: () => fastPolicy({ bulletin: 2 }), script: 'en', users: await englishUsers() }, workerEnv: { YUQING_ORGANISATION_FILE: file } });
});
afterAll(async () => {
  await app?.teardown();
});

describe('an organisation that reads English', () => {
  it('gets every text of its incidents in English, Temporal UI included', async () => {
    const body = incidentBody({
      category: 'hype',
      metrics: METRICS_FOR.major,
      title: 'Canteen said to serve spoiled food',
      summary: 'A Weibo user posted that the canteen food was spoiled; parents are worried.',
      excerpt: 'Lunch today was all spoiled',
      department: 'Logistics',
    });
    const res = await asToken(app.baseUrl, 'monitor')('POST', '/api/incidents', body);
    expect(res.status).toBe(201);
    const handle = app.env.client.workflow.getHandle(res.body.workflowId);
    const described = await handle.describe();
    expect(await described.staticSummary()).toBe('[Major] Canteen said to serve spoiled food · Logistics');
    const staticDetails = await described.staticDetails();
    expect(staticDetails).toContain('**Category** Malicious hype  **Channel** Weibo');
    expect(staticDetails).toContain('**Reported by** Monitor Zhou');

    // a decision refused: a monitor may not mark the incident stabilised
    const monitor: UserRef = { ...people.monitor, name: TEAM.mon! };
    await send(handle, { name: 'stabilised', by: monitor, fields: { reason: 'It has calmed down' } });
    const refused = await waitForState(handle, (s) => s.timeline.some((e) => e.kind === 'rejected'));
    const rejected = refused.timeline.find((e) => e.kind === 'rejected')!;
    expect(rejected.text).toBe('Refused "Mark stabilised": "Mark stabilised" is for the leadership to decide');

    const running = await handle.query<WorkflowMetadata>('__temporal_workflow_metadata');
    expect(running.currentDetails).toMatch(/^\*\*Monitor and assess\*\* {2}Major \(Level II\)/);
    expect(running.currentDetails).toContain('Awaiting: ');
    const { signalDefinitions, queryDefinitions, updateDefinitions = [] } = running.definition;
    const handlers = [...signalDefinitions, ...queryDefinitions, ...updateDefinitions].filter((d) => !d.name.startsWith('__'));
    expect(handlers.length).toBeGreaterThan(20);
    expect(chinese(handlers.map((d) => d.description))).toEqual([]);

    // what each state on the way says the incident waits for
    const pending = new Set<string>();
    const details = new Set<string>([running.currentDetails]);
    const seen = (s: IncidentState) => {
      for (const p of s.pendingDecisions) pending.add(p.label);
      for (const needs of Object.values(s.stepNeeds)) for (const n of needs ?? []) pending.add(n.text);
    };
    const final = await driveToEnd(handle, { verdict: 'confirmed', releases: 1, metricsUpdates: 1 }, { rewrite: inEnglish, onState: seen });
    expect(final.script).toBe('en');
    expect(final.closed?.outcome).toBe('completed');
    expect(pending.size).toBeGreaterThan(5);
    expect(chinese([...pending])).toEqual([]);

    expect(final.timeline[0]!.text).toBe('Registered, graded Major (Level II)');
    expect(final.timeline.some((e) => e.text === 'Started: Verify')).toBe(true);
    expect(chinese(final.timeline.map((e) => e.text))).toEqual([]);
    expect(final.deadlines.find((d) => d.kind === 'report')?.label).toBe('Report upward');
    expect(chinese(final.deadlines.map((d) => d.label))).toEqual([]);
    expect(chinese(final.escalations.map((e) => e.reason))).toEqual([]);

    // the notices as recorded and as sent: the log channel files each with the incident
    expect(final.notices?.length).toBeGreaterThan(3);
    expect(chinese(final.notices!.map((n) => n.title))).toEqual([]);
    const sent = (await readFile(join(app.worker.dataDir, noticesLog(handle.workflowId)), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { title: string; markdown: string; deadline?: { label: string } });
    expect(sent.length).toBeGreaterThan(3);
    expect(chinese(sent.flatMap((n) => [n.title, n.markdown, n.deadline?.label]))).toEqual([]);

    const events = (await handle.fetchHistory()).events ?? [];
    const summaries = events.flatMap((e) => [e.userMetadata?.summary, e.userMetadata?.details]).filter((p) => p).map((p) => defaultPayloadConverter.fromPayload<string>(p!));
    expect(summaries).toEqual(expect.arrayContaining(['Write the special report', 'Write the incident summary report', 'Archive every record']));
    expect(chinese(summaries)).toEqual([]);

    const closed = await handle.query<WorkflowMetadata>('__temporal_workflow_metadata');
    details.add(closed.currentDetails);
    expect(closed.currentDetails).toMatch(/^\*\*Closed\*\*/);
    expect(chinese([...details])).toEqual([]);
  });
});
