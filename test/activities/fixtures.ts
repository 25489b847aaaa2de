// A realistic incident as the workflow would hold it near its end: a school canteen post graded
// 较大, regraded 重大 by its spread, verification submitted 2 h 15 min late, one release returned
// by the office and then published, tracking bulletins, a submitted summary.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createActivities } from '../../activities';
import { loadActivityConfig } from '../../config/channels';
import { loadEnv } from '../../config/env';
import type { UserRef } from '../../domain/model/schema';
import type { IncidentState } from '../../domain/model/state';

export const users = {
  monitor: { id: 'u-lin', name: '林信息员', roles: ['monitor'] },
  office: { id: 'u-chen', name: '陈主任', roles: ['handler'] },
  dept: { id: 'u-wang', name: '王科长', roles: ['handler'] },
  leader: { id: 'u-zhao', name: '赵校长', roles: ['approver'] },
} satisfies Record<string, UserRef>;

export const WORKFLOW_ID = 'incident-20261124-3f9a0c12de';

const t = (hhmm: string, day = 24) => `2026-11-${day}T${hhmm}:00.000Z`;

export function incidentState(overrides: Partial<IncidentState> = {}): IncidentState {
  const { monitor, office, dept, leader } = users;
  return {
    script: 'zh-Hans',
    workflowId: WORKFLOW_ID,
    incident: {
      title: '网帖称某中学食堂饭菜变质致学生腹泻',
      summary: '11月24日上午，微博用户发帖称本校食堂午餐饭菜变质，多名学生出现腹泻症状，并附图片。\n\n帖子被本地生活号转发，评论区出现「学校隐瞒」等说法。',
      sourceUrls: ['https://weibo.com/1234567890/NaBcDeFg', 'https://www.example-news.cn/local/2026/1124/a1.html'],
      channel: 'weibo',
      excerpt: '今天中午食堂的菜都馊了，班上好几个同学下午拉肚子，学校还不让说！',
      discoveredAt: t('01:10'),
      department: '后勤管理处',
      category: 'inquiry',
      metrics: { views: 620, comments: 58, reposts: 40, mainstreamSites: 0, mainstreamMedia: false },
      sensitive: { topics: ['food', 'health'], seriousImpact: false },
    },
    reporter: monitor,
    severity: 'major',
    responseLevel: 'II',
    category: 'inquiry',
    currentStep: 'summarize',
    steps: {
      monitor: { status: 'done', startedAt: t('01:10'), endedAt: t('02:40') },
      verify: { status: 'done', startedAt: t('02:40'), endedAt: t('11:45', 25) },
      coordinate: { status: 'done', startedAt: t('03:00', 25), endedAt: t('06:00', 26) },
      guide: { status: 'done', startedAt: t('03:00', 25), endedAt: t('06:00', 26) },
      publish: { status: 'done', startedAt: t('03:00', 25), endedAt: t('08:30', 25) },
      track: { status: 'done', startedAt: t('08:30', 25), endedAt: t('02:00', 27) },
      summarize: { status: 'active', startedAt: t('02:00', 27) },
    },
    deadlines: [
      { kind: 'report', label: '上报期限', responsible: 'handler', startedAt: t('01:10'), dueAt: t('05:10'), metAt: t('01:50') },
      // reported by telephone, the written report never followed (漏报)
      { kind: 'writtenReport', label: '书面报送期限', responsible: 'handler', startedAt: t('01:50'), dueAt: t('02:20'), breachedAt: t('02:20') },
      {
        kind: 'verification',
        label: '查清事实期限',
        responsible: 'handler',
        startedAt: t('02:40'),
        dueAt: t('09:30', 25),
        breachedAt: t('09:30', 25),
        metAt: t('11:45', 25),
        lateByMinutes: 135,
      },
      {
        kind: 'authoritativeRelease',
        label: '权威信息发布期限',
        responsible: 'approver',
        startedAt: t('01:10'),
        dueAt: t('01:10', 25),
        breachedAt: t('01:10', 25),
        metAt: t('08:30', 25),
        lateByMinutes: 440,
      },
      // met by the summary's submission, as the workflow does
      { kind: 'summary', label: '总结报告期限', responsible: 'handler', startedAt: t('02:00', 27), dueAt: t('02:00', 30), metAt: t('03:00', 27) },
    ],
    plan: { text: '后勤管理处会同校医室当日核查食材留样；办公室拟写情况说明；对就诊学生逐一回访。', decision: 'approved', approvedBy: leader, approvedAt: t('02:30') },
    reports: [
      { channel: 'verbal', to: '区教育局', by: office, at: t('01:50'), late: false },
      { channel: 'verbal', kind: 'progress', recipients: ['partyOffice', 'superiorDepartment', 'other'], otherRecipient: '区教育局', document: 'bulletin', bulletinNo: 1, by: office, at: t('06:40'), late: false },
    ],
    reportsOwed: ['cyberspace'],
    findings: {
      verdict: 'partial',
      facts: '当日午餐一道凉拌菜留样检测菌落总数超标；3名学生轻微腹泻，已就诊康复。\n「学校隐瞒」一说不实。',
      evidence: ['https://files.example.edu.cn/lab/20261125.pdf'],
      submittedBy: dept,
      submittedAt: t('11:45', 25),
      reviewedBy: office,
      reviewedAt: t('12:30', 25),
      accepted: true,
    },
    actions: [
      { kind: 'correction', description: '停用凉拌菜品，更换供应商，食堂全面消毒。', reason: '', by: dept, at: t('13:00', 25) },
      { kind: 'reply', description: '在原帖下以学校官方账号答复家长关切。', reason: '', by: office, at: t('14:00', 25) },
    ],
    responses: [{ kind: 'statement', content: '学校就食堂餐品问题发布情况说明。', channel: '学校官方微博', by: office, at: t('08:30', 25) }],
    releases: [
      {
        no: 1,
        kind: 'facts',
        title: '关于学校食堂餐品问题的情况说明',
        body: '11月24日，我校部分学生午餐后出现腹泻症状。经核查，一道凉拌菜留样检测不合格，涉事菜品已停用。\n\n学校向学生和家长诚恳致歉，将持续通报进展。',
        channels: ['学校官方微博', '学校官网'],
        status: 'published',
        draftedBy: dept,
        draftedAt: t('04:00', 25),
        reviews: [
          { stage: 'review', by: office, at: t('05:00', 25), approve: false, comment: '补充致歉内容' },
          { stage: 'review', by: office, at: t('07:00', 25), approve: true, comment: '' },
          { stage: 'approval', by: leader, at: t('08:20', 25), approve: true, comment: '同意发布' },
        ],
        publishedAt: t('08:30', 25),
        publishedRefs: ['published/incident-20261124-3f9a0c12de/1.md'],
      },
    ],
    metricsHistory: [
      { at: t('01:10'), metrics: { views: 620, comments: 58, reposts: 40, mainstreamSites: 0, mainstreamMedia: false }, severity: 'significant', by: monitor.name },
      { at: t('06:00'), metrics: { views: 1480, comments: 130, reposts: 95, mainstreamSites: 1, mainstreamMedia: false }, severity: 'major', by: monitor.name },
      { at: t('12:00', 25), metrics: { views: 2100, comments: 160, reposts: 120, mainstreamSites: 2, mainstreamMedia: false }, severity: 'major', by: monitor.name },
    ],
    escalations: [{ from: 'significant', to: 'major', reason: '浏览量超过1000次', by: 'metrics', at: t('06:00') }],
    stabilisedAt: t('02:00', 27),
    summary: {
      lessons: '食材留样和晨检制度执行不严；首次回应及时，但核查结论迟交2小时15分钟，今后核查须与回应同步部署。',
      body: '',
      submittedBy: office,
      submittedAt: t('03:00', 27),
    },
    documents: [
      {
        name: 'bulletin-1',
        title: '《网络舆情通报》第1期',
        createdAt: t('06:30'),
        paths: { markdown: `incidents/${WORKFLOW_ID}/documents/bulletin-1.md`, html: `incidents/${WORKFLOW_ID}/documents/bulletin-1.html` },
      },
    ],
    pendingDecisions: [{ name: 'summaryDecided', label: '审批总结', roles: ['approver'], excludedUsers: [office.id], expected: true }],
    stepNeeds: { summarize: [{ kind: 'summaryApproval', text: '总结获批', decisions: ['summaryDecided'] }] },
    timeline: [
      { at: t('01:10'), kind: 'started', text: '登记舆情，初定为较大舆情', by: monitor.name },
      { at: t('01:50'), kind: 'decision', text: '电话上报区教育局', by: office.name, decision: 'reportFiled' },
      { at: t('02:20'), kind: 'breach', text: '书面报送期限已到，未见书面报告，已通知分管领导' },
      { at: t('02:30'), kind: 'decision', text: '批准处置方案', by: leader.name, decision: 'planDecided' },
      { at: t('06:00'), kind: 'escalation', text: '传播扩大，升为重大舆情', by: monitor.name },
      { at: t('01:10', 25), kind: 'breach', text: '权威信息发布期限已到，通稿未发布，已通知上级主管部门' },
      { at: t('08:30', 25), kind: 'late', text: '第1号通稿已发布（逾期7小时20分钟）', by: leader.name, decision: 'releaseApproved' },
      { at: t('09:30', 25), kind: 'breach', text: '查清事实期限已到，核查结论未提交，已通知分管领导' },
      { at: t('11:45', 25), kind: 'late', text: '提交核查结论：部分属实（逾期2小时15分钟）', by: dept.name, decision: 'findingsSubmitted' },
      { at: t('02:00', 27), kind: 'decision', text: '确认舆情平稳', by: leader.name, decision: 'stabilised' },
    ],
    breachCount: 3,
    signing: { keyIds: [], addedKeys: [], recentNonces: [] },
    generation: 0,
    seq: { notice: 3, bulletin: 2 },
    ...overrides,
  };
}

/** A fresh data directory and the real activities on it; `env` adds channel settings. */
export async function activitiesOn(env: Record<string, string> = {}) {
  const dataDir = await mkdtemp(join(tmpdir(), 'yuqing-activities-'));
  const source = { YUQING_DATA_DIR: dataDir, YUQING_PUBLIC_URL: 'http://127.0.0.1:3000', ...env };
  const config = loadActivityConfig(loadEnv(source), source);
  return { dataDir, config, activities: createActivities(config), cleanup: () => rm(dataDir, { recursive: true, force: true }) };
}

/** A county bureau that reports upward, copies the county government and has its office issue the documents. */
export const COUNTY_BUREAU = `{
  "name": "某县教育局",
  "numberPrefix": "某教",
  "mainTo": ["县委网信办"],
  "cc": ["县政府办公室"],
  "signer": "王局长",
  "issuer": "某县教育局办公室"
}`;

/** The real activities of a test file on an organisation file with `profile` (JSONC), made before its tests and removed after. */
export function useActivitiesOfOrganisation(profile: string): () => Awaited<ReturnType<typeof activitiesOn>> {
  let on: Awaited<ReturnType<typeof activitiesOn>>;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'yuqing-org-'));
    const file = join(dir, 'organisation.jsonc');
    await writeFile(file, profile);
    on = await activitiesOn({ YUQING_ORGANISATION_FILE: file });
  });
  afterAll(async () => {
    await on.cleanup();
    await rm(dir, { recursive: true, force: true });
  });
  return () => on;
}
