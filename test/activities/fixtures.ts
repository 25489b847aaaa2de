// A realistic incident as the workflow would hold it near its end: a school canteen post graded
// 較大, regraded 重大 by its spread, verification submitted 2 h 15 min late, one release returned
// by the office and then published, tracking bulletins, a submitted summary.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createActivities } from '../../activities';
import { loadActivityConfig } from '../../config/channels';
import { loadEnv } from '../../config/env';
import type { UserRef } from '../../domain/model/schema';
import type { IncidentState } from '../../domain/model/state';

export const users = {
  monitor: { id: 'u-lin', name: '林信息員', roles: ['monitor'] },
  office: { id: 'u-chen', name: '陳主任', roles: ['handler'] },
  dept: { id: 'u-wang', name: '王科長', roles: ['handler'] },
  leader: { id: 'u-zhao', name: '趙校長', roles: ['approver'] },
} satisfies Record<string, UserRef>;

export const WORKFLOW_ID = 'incident-20261124-3f9a0c12de';

const t = (hhmm: string, day = 24) => `2026-11-${day}T${hhmm}:00.000Z`;

export function incidentState(overrides: Partial<IncidentState> = {}): IncidentState {
  const { monitor, office, dept, leader } = users;
  return {
    workflowId: WORKFLOW_ID,
    incident: {
      title: '網帖稱某中學食堂飯菜變質致學生腹瀉',
      summary: '11月24日上午，微博用戶發帖稱本校食堂午餐飯菜變質，多名學生出現腹瀉症狀，並附圖片。\n\n帖子被本地生活號轉發，評論區出現「學校隱瞞」等說法。',
      sourceUrls: ['https://weibo.com/1234567890/NaBcDeFg', 'https://www.example-news.cn/local/2026/1124/a1.html'],
      channel: 'weibo',
      excerpt: '今天中午食堂的菜都餿了，班上好幾個同學下午拉肚子，學校還不讓說！',
      discoveredAt: t('01:10'),
      department: '後勤管理處',
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
      { kind: 'report', label: '上報期限', responsible: 'handler', startedAt: t('01:10'), dueAt: t('05:10'), metAt: t('01:50') },
      // reported by telephone, the written report never followed (漏報)
      { kind: 'writtenReport', label: '書面報送期限', responsible: 'handler', startedAt: t('01:50'), dueAt: t('02:20'), breachedAt: t('02:20') },
      {
        kind: 'verification',
        label: '查清事實期限',
        responsible: 'handler',
        startedAt: t('02:40'),
        dueAt: t('09:30', 25),
        breachedAt: t('09:30', 25),
        metAt: t('11:45', 25),
        lateByMinutes: 135,
      },
      {
        kind: 'authoritativeRelease',
        label: '權威信息發布期限',
        responsible: 'approver',
        startedAt: t('01:10'),
        dueAt: t('01:10', 25),
        breachedAt: t('01:10', 25),
        metAt: t('08:30', 25),
        lateByMinutes: 440,
      },
      // met by the summary's submission, as the workflow does
      { kind: 'summary', label: '總結報告期限', responsible: 'handler', startedAt: t('02:00', 27), dueAt: t('02:00', 30), metAt: t('03:00', 27) },
    ],
    plan: { text: '後勤管理處會同校醫室當日核查食材留樣；辦公室擬寫情況說明；對就診學生逐一回訪。', decision: 'approved', approvedBy: leader, approvedAt: t('02:30') },
    reports: [
      { channel: 'verbal', to: '區教育局', by: office, at: t('01:50'), late: false },
      { channel: 'verbal', kind: 'progress', recipients: ['partyOffice', 'superiorDepartment', 'other'], otherRecipient: '區教育局', document: 'bulletin', bulletinNo: 1, by: office, at: t('06:40'), late: false },
    ],
    reportsOwed: ['cyberspace'],
    findings: {
      verdict: 'partial',
      facts: '當日午餐一道涼拌菜留樣檢測菌落總數超標；3名學生輕微腹瀉，已就診康復。\n「學校隱瞞」一說不實。',
      evidence: ['https://files.example.edu.cn/lab/20261125.pdf'],
      submittedBy: dept,
      submittedAt: t('11:45', 25),
      reviewedBy: office,
      reviewedAt: t('12:30', 25),
      accepted: true,
    },
    actions: [
      { kind: 'correction', description: '停用涼拌菜品，更換供應商，食堂全面消毒。', reason: '', by: dept, at: t('13:00', 25) },
      { kind: 'reply', description: '在原帖下以學校官方賬號答復家長關切。', reason: '', by: office, at: t('14:00', 25) },
    ],
    responses: [{ kind: 'statement', content: '學校就食堂餐品問題發布情況說明。', channel: '學校官方微博', by: office, at: t('08:30', 25) }],
    releases: [
      {
        no: 1,
        kind: 'facts',
        title: '關於學校食堂餐品問題的情況說明',
        body: '11月24日，我校部分學生午餐後出現腹瀉症狀。經核查，一道涼拌菜留樣檢測不合格，涉事菜品已停用。\n\n學校向學生和家長誠懇致歉，將持續通報進展。',
        channels: ['學校官方微博', '學校官網'],
        status: 'published',
        draftedBy: dept,
        draftedAt: t('04:00', 25),
        reviews: [
          { stage: 'review', by: office, at: t('05:00', 25), approve: false, comment: '補充致歉內容' },
          { stage: 'review', by: office, at: t('07:00', 25), approve: true, comment: '' },
          { stage: 'approval', by: leader, at: t('08:20', 25), approve: true, comment: '同意發布' },
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
    escalations: [{ from: 'significant', to: 'major', reason: '瀏覽量超過1000次', by: 'metrics', at: t('06:00') }],
    stabilisedAt: t('02:00', 27),
    summary: {
      lessons: '食材留樣和晨檢制度執行不嚴；首次回應及時，但核查結論遲交2小時15分鐘，今後核查須與回應同步部署。',
      body: '',
      submittedBy: office,
      submittedAt: t('03:00', 27),
    },
    documents: [
      {
        name: 'bulletin-1',
        title: '《網絡輿情通報》第1期',
        createdAt: t('06:30'),
        paths: { markdown: `incidents/${WORKFLOW_ID}/documents/bulletin-1.md`, html: `incidents/${WORKFLOW_ID}/documents/bulletin-1.html` },
      },
    ],
    pendingDecisions: [{ name: 'summaryDecided', label: '審批總結', roles: ['approver'], excludedUsers: [office.id], expected: true }],
    stepNeeds: { summarize: [{ kind: 'summaryApproval', text: '總結獲批', decisions: ['summaryDecided'] }] },
    timeline: [
      { at: t('01:10'), kind: 'started', text: '登記輿情，初定為較大輿情', by: monitor.name },
      { at: t('01:50'), kind: 'decision', text: '電話上報區教育局', by: office.name, decision: 'reportFiled' },
      { at: t('02:20'), kind: 'breach', text: '書面報送期限已到，未見書面報告，已通知分管領導' },
      { at: t('02:30'), kind: 'decision', text: '批准處置方案', by: leader.name, decision: 'planDecided' },
      { at: t('06:00'), kind: 'escalation', text: '傳播擴大，升為重大輿情', by: monitor.name },
      { at: t('01:10', 25), kind: 'breach', text: '權威信息發布期限已到，通稿未發布，已通知上級主管部門' },
      { at: t('08:30', 25), kind: 'late', text: '第1號通稿已發布（逾期7小時20分鐘）', by: leader.name, decision: 'releaseApproved' },
      { at: t('09:30', 25), kind: 'breach', text: '查清事實期限已到，核查結論未提交，已通知分管領導' },
      { at: t('11:45', 25), kind: 'late', text: '提交核查結論：部分屬實（逾期2小時15分鐘）', by: dept.name, decision: 'findingsSubmitted' },
      { at: t('02:00', 27), kind: 'decision', text: '確認輿情平穩', by: leader.name, decision: 'stabilised' },
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
