// Every word a person reads for one of the system's codes, in the three scripts and languages
// people read it in. Documents, notices, timelines, the Temporal UI and the pages (through /api/meta)
// all take their labels from here, so one code is never named two ways. Pure data: workflow code
// imports it too.
import type {
  ActionKind,
  Category,
  Channel,
  DeadlineKind,
  DecisionName,
  DurationSpec,
  Recipient,
  ReportChannel,
  ReportDocument,
  ReportKind,
  ResponseKind,
  Role,
  SENSITIVE_TOPICS,
  Severity,
  Step,
  Verdict,
} from './model/schema';
import type { IncidentState, Release, ReleaseReview, ReleaseStatus, StepStatus, TimelineKind } from './model/state';
import type { ResponseLevel } from './rules/grading';

export const LANGS = ['zh-Hans', 'zh-Hant', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export type Label = Record<Lang, string>;

/** The script documents, notices and timelines are written in until the switch to zh-Hans. */
export const DEFAULT_LANG: Lang = 'zh-Hant';

type SensitiveTopic = (typeof SENSITIVE_TOPICS)[number];
type ReleaseKind = Release['kind'];
type ReviewStage = ReleaseReview['stage'];
type IncidentStatus = 'open' | NonNullable<IncidentState['closed']>['outcome'];
/** the notices' events; config/notify-file.ts types them, and a missing one fails to compile there */
type NotifyEvent = 'breach' | 'escalation' | 'decisionNeeded' | 'published' | 'closed';

export interface LabelTable {
  severity: Record<Severity, Label>;
  responseLevel: Record<ResponseLevel, Label>;
  category: Record<Category, Label>;
  channel: Record<Channel, Label>;
  sensitiveTopic: Record<SensitiveTopic, Label>;
  step: Record<Step, Label>;
  stepStatus: Record<StepStatus, Label>;
  stepChange: Record<StepStatus, Label>;
  role: Record<Role, Label>;
  verdict: Record<Verdict, Label>;
  action: Record<ActionKind, Label>;
  response: Record<ResponseKind, Label>;
  release: Record<ReleaseKind, Label>;
  releaseStatus: Record<ReleaseStatus, Label>;
  reviewStage: Record<ReviewStage, Label>;
  deadline: Record<DeadlineKind, Label>;
  reportChannel: Record<ReportChannel, Label>;
  reportKind: Record<ReportKind, Label>;
  recipient: Record<Recipient, Label>;
  reportDocument: Record<ReportDocument, Label>;
  durationUnit: Record<DurationSpec['unit'], Label>;
  timelineKind: Record<TimelineKind, Label>;
  incidentStatus: Record<IncidentStatus, Label>;
  notifyEvent: Record<NotifyEvent, Label>;
  decision: Record<DecisionName, Label>;
}

export const LABELS: LabelTable = {
  severity: {
    general: { 'zh-Hans': '一般', 'zh-Hant': '一般', en: 'General' },
    significant: { 'zh-Hans': '较大', 'zh-Hant': '較大', en: 'Significant' },
    major: { 'zh-Hans': '重大', 'zh-Hant': '重大', en: 'Major' },
    critical: { 'zh-Hans': '特别重大', 'zh-Hant': '特別重大', en: 'Critical' },
  },
  responseLevel: {
    I: { 'zh-Hans': '一级响应', 'zh-Hant': '一級響應', en: 'Level I' },
    II: { 'zh-Hans': '二级响应', 'zh-Hant': '二級響應', en: 'Level II' },
    III: { 'zh-Hans': '三级响应', 'zh-Hant': '三級響應', en: 'Level III' },
    routine: { 'zh-Hans': '常规处置', 'zh-Hant': '常規處置', en: 'Routine' },
  },
  category: {
    inquiry: { 'zh-Hans': '询问、质疑、诉求', 'zh-Hant': '詢問、質疑、訴求', en: 'Inquiry / complaint' },
    hype: { 'zh-Hans': '恶意传播、炒作', 'zh-Hant': '惡意傳播、炒作', en: 'Malicious hype' },
    fabrication: { 'zh-Hans': '捏造、歪曲、诽谤、煽动', 'zh-Hant': '捏造、歪曲、誹謗、煽動', en: 'Fabrication / defamation' },
    suggestion: { 'zh-Hans': '建议', 'zh-Hant': '建議', en: 'Suggestion' },
  },
  channel: {
    weibo: { 'zh-Hans': '微博', 'zh-Hant': '微博', en: 'Weibo' },
    wechat: { 'zh-Hans': '微信', 'zh-Hant': '微信', en: 'WeChat' },
    douyin: { 'zh-Hans': '抖音', 'zh-Hant': '抖音', en: 'Douyin' },
    kuaishou: { 'zh-Hans': '快手', 'zh-Hant': '快手', en: 'Kuaishou' },
    bilibili: { 'zh-Hans': '哔哩哔哩', 'zh-Hant': '嗶哩嗶哩', en: 'Bilibili' },
    news: { 'zh-Hans': '新闻网站', 'zh-Hant': '新聞網站', en: 'News site' },
    forum: { 'zh-Hans': '论坛', 'zh-Hant': '論壇', en: 'Forum' },
    hotline: { 'zh-Hans': '热线', 'zh-Hant': '熱線', en: 'Hotline' },
    other: { 'zh-Hans': '其他', 'zh-Hant': '其他', en: 'Other' },
  },
  sensitiveTopic: {
    publicSafety: { 'zh-Hans': '公共安全', 'zh-Hant': '公共安全', en: 'Public safety' },
    food: { 'zh-Hans': '食品', 'zh-Hant': '食品', en: 'Food' },
    health: { 'zh-Hans': '卫生健康', 'zh-Hant': '衛生健康', en: 'Health' },
    naturalDisaster: { 'zh-Hans': '自然灾害', 'zh-Hant': '自然災害', en: 'Natural disaster' },
    productionQuality: { 'zh-Hans': '生产质量', 'zh-Hant': '生產質量', en: 'Production quality' },
    safetySecrecy: { 'zh-Hans': '安全保密', 'zh-Hant': '安全保密', en: 'Safety and secrecy' },
  },
  step: {
    monitor: { 'zh-Hans': '舆情监测研判', 'zh-Hant': '輿情監測研判', en: 'Monitor and assess' },
    verify: { 'zh-Hans': '调查核实', 'zh-Hant': '調查核實', en: 'Verify' },
    coordinate: { 'zh-Hans': '协调处置', 'zh-Hant': '協調處置', en: 'Coordinate' },
    guide: { 'zh-Hans': '正面引导', 'zh-Hant': '正面引導', en: 'Guide' },
    publish: { 'zh-Hans': '信息发布', 'zh-Hant': '信息發布', en: 'Publish' },
    track: { 'zh-Hans': '跟踪监测', 'zh-Hant': '跟蹤監測', en: 'Track' },
    summarize: { 'zh-Hans': '及时总结', 'zh-Hant': '及時總結', en: 'Summarize' },
  },
  stepStatus: {
    pending: { 'zh-Hans': '未开始', 'zh-Hant': '未開始', en: 'pending' },
    active: { 'zh-Hans': '进行中', 'zh-Hant': '進行中', en: 'in progress' },
    done: { 'zh-Hans': '已完成', 'zh-Hant': '已完成', en: 'done' },
    skipped: { 'zh-Hans': '不适用', 'zh-Hant': '不適用', en: 'not applicable' },
  },
  stepChange: {
    pending: { 'zh-Hans': '待办', 'zh-Hant': '待辦', en: 'Pending' },
    active: { 'zh-Hans': '开始', 'zh-Hant': '開始', en: 'Started' },
    done: { 'zh-Hans': '完成', 'zh-Hant': '完成', en: 'Done' },
    skipped: { 'zh-Hans': '不适用', 'zh-Hant': '不適用', en: 'Not applicable' },
  },
  role: {
    monitor: { 'zh-Hans': '信息员', 'zh-Hant': '信息員', en: 'monitor' },
    handler: { 'zh-Hans': '办公室及责任部门', 'zh-Hant': '辦公室及責任部門', en: 'office / department' },
    approver: { 'zh-Hans': '分管领导', 'zh-Hant': '分管領導', en: 'leadership' },
    superior: { 'zh-Hans': '上级主管部门', 'zh-Hant': '上級主管部門', en: 'superior authority' },
    admin: { 'zh-Hans': '系统管理员', 'zh-Hant': '系統管理員', en: 'administrator' },
    intake: { 'zh-Hans': '监测系统', 'zh-Hant': '監測系統', en: 'monitoring system' },
  },
  verdict: {
    confirmed: { 'zh-Hans': '属实', 'zh-Hant': '屬實', en: 'Confirmed' },
    partial: { 'zh-Hans': '部分属实', 'zh-Hant': '部分屬實', en: 'Partially confirmed' },
    unfounded: { 'zh-Hans': '不实', 'zh-Hant': '不實', en: 'Unfounded' },
  },
  action: {
    reply: { 'zh-Hans': '答复', 'zh-Hant': '答復', en: 'Reply' },
    correction: { 'zh-Hans': '更正', 'zh-Hant': '更正', en: 'Correction' },
    accountability: { 'zh-Hans': '问责', 'zh-Hant': '問責', en: 'Accountability' },
    platformReport: { 'zh-Hans': '向平台举报', 'zh-Hant': '向平台舉報', en: 'Report to platform' },
    lawEnforcementReferral: { 'zh-Hans': '移送公安机关', 'zh-Hant': '移送公安機關', en: 'Refer to law enforcement' },
    suggestionAdopted: { 'zh-Hans': '采纳建议', 'zh-Hant': '採納建議', en: 'Suggestion adopted' },
    offlineResolution: { 'zh-Hans': '网下解决问题', 'zh-Hant': '網下解決問題', en: 'Offline resolution' },
    other: { 'zh-Hans': '其他', 'zh-Hant': '其他', en: 'Other' },
  },
  response: {
    statement: { 'zh-Hans': '发表声明', 'zh-Hant': '發表聲明', en: 'Statement' },
    briefing: { 'zh-Hans': '新闻发布会', 'zh-Hant': '新聞發布會', en: 'Press briefing' },
    interview: { 'zh-Hans': '接受媒体采访', 'zh-Hant': '接受媒體採訪', en: 'Media interview' },
    netizenReply: { 'zh-Hans': '答复网民', 'zh-Hant': '答復網民', en: 'Reply to netizens' },
  },
  release: {
    facts: { 'zh-Hans': '快报事实', 'zh-Hant': '快報事實', en: 'Facts' },
    progress: { 'zh-Hans': '进展通报', 'zh-Hant': '進展通報', en: 'Progress' },
    final: { 'zh-Hans': '处置结果', 'zh-Hant': '處置結果', en: 'Outcome' },
  },
  releaseStatus: {
    drafted: { 'zh-Hans': '待审改', 'zh-Hant': '待審改', en: 'awaiting office review' },
    reviewed: { 'zh-Hans': '待审定', 'zh-Hant': '待審定', en: 'awaiting leadership approval' },
    approved: { 'zh-Hans': '已审定待发布', 'zh-Hant': '已審定待發布', en: 'approved, awaiting publication' },
    published: { 'zh-Hans': '已发布', 'zh-Hant': '已發布', en: 'published' },
    returned: { 'zh-Hans': '退回修改', 'zh-Hant': '退回修改', en: 'returned for revision' },
  },
  reviewStage: {
    review: { 'zh-Hans': '办公室审改', 'zh-Hant': '辦公室審改', en: 'Office review' },
    approval: { 'zh-Hans': '领导审定', 'zh-Hant': '領導審定', en: 'Leadership approval' },
  },
  deadline: {
    forward: { 'zh-Hans': '转达期限', 'zh-Hant': '轉達期限', en: 'Forward to department' },
    report: { 'zh-Hans': '上报期限', 'zh-Hant': '上報期限', en: 'Report upward' },
    writtenReport: { 'zh-Hans': '书面报送期限', 'zh-Hant': '書面報送期限', en: 'Written report' },
    initialResponse: { 'zh-Hans': '初步回应期限', 'zh-Hant': '初步回應期限', en: 'Initial response' },
    inquiryOpinion: { 'zh-Hans': '当日处理意见期限', 'zh-Hant': '當日處理意見期限', en: 'Same-day handling opinion' },
    verification: { 'zh-Hans': '查清事实期限', 'zh-Hant': '查清事實期限', en: 'Establish the facts' },
    authoritativeRelease: { 'zh-Hans': '权威信息发布期限', 'zh-Hant': '權威信息發布期限', en: 'Authoritative release' },
    netizenReply: { 'zh-Hans': '答复网民期限', 'zh-Hant': '答復網民期限', en: 'Reply to netizens' },
    summary: { 'zh-Hans': '总结报告期限', 'zh-Hant': '總結報告期限', en: 'Summary report' },
  },
  reportChannel: {
    verbal: { 'zh-Hans': '口头', 'zh-Hant': '口頭', en: 'Verbal' },
    written: { 'zh-Hans': '书面', 'zh-Hant': '書面', en: 'Written' },
  },
  reportKind: {
    first: { 'zh-Hans': '首报', 'zh-Hant': '首報', en: 'First report' },
    writtenFollowUp: { 'zh-Hans': '书面补报', 'zh-Hant': '書面補報', en: 'Written follow-up' },
    progress: { 'zh-Hans': '续报', 'zh-Hant': '續報', en: 'Progress report' },
    final: { 'zh-Hans': '终报', 'zh-Hant': '終報', en: 'Final report' },
  },
  recipient: {
    partyOffice: { 'zh-Hans': '党政办', 'zh-Hant': '黨政辦', en: 'Party and government office' },
    superiorDepartment: { 'zh-Hans': '上级业务部门', 'zh-Hant': '上級業務部門', en: 'Superior department' },
    cyberspace: { 'zh-Hans': '同级网信部门', 'zh-Hant': '同級網信部門', en: 'Cyberspace office at the same level' },
    propaganda: { 'zh-Hans': '宣传部门网宣', 'zh-Hant': '宣傳部門網宣', en: 'Propaganda department (online)' },
    police: { 'zh-Hans': '公安网警', 'zh-Hant': '公安網警', en: 'Cyber police' },
    other: { 'zh-Hans': '其他对象', 'zh-Hant': '其他對象', en: 'Other recipient' },
  },
  reportDocument: {
    special: { 'zh-Hans': '《舆情专报》', 'zh-Hant': '《輿情專報》', en: 'Special report' },
    bulletin: { 'zh-Hans': '《网络舆情通报》', 'zh-Hant': '《網絡輿情通報》', en: 'Bulletin' },
    none: { 'zh-Hans': '未附文件', 'zh-Hant': '未附文件', en: 'No document' },
  },
  durationUnit: {
    seconds: { 'zh-Hans': '秒', 'zh-Hant': '秒', en: 'seconds' },
    minutes: { 'zh-Hans': '分钟', 'zh-Hant': '分鐘', en: 'minutes' },
    hours: { 'zh-Hans': '小时', 'zh-Hant': '小時', en: 'hours' },
    days: { 'zh-Hans': '天', 'zh-Hant': '天', en: 'days' },
    workingHours: { 'zh-Hans': '工作小时', 'zh-Hant': '工作小時', en: 'working hours' },
    workingDays: { 'zh-Hans': '个工作日', 'zh-Hant': '個工作日', en: 'working days' },
    workingDayClose: { 'zh-Hans': '个工作日下班前（含当日）', 'zh-Hant': '個工作日下班前（含當日）', en: 'working days to the close, counting the day itself' },
  },
  timelineKind: {
    started: { 'zh-Hans': '登记', 'zh-Hant': '登記', en: 'Registered' },
    step: { 'zh-Hans': '步骤', 'zh-Hant': '步驟', en: 'Step' },
    decision: { 'zh-Hans': '决定', 'zh-Hant': '決定', en: 'Decision' },
    rejected: { 'zh-Hans': '驳回', 'zh-Hant': '駁回', en: 'Rejected' },
    breach: { 'zh-Hans': '超时', 'zh-Hant': '超時', en: 'Breach' },
    late: { 'zh-Hans': '逾期办结', 'zh-Hant': '逾期辦結', en: 'Met late' },
    document: { 'zh-Hans': '文书', 'zh-Hant': '文書', en: 'Document' },
    published: { 'zh-Hans': '发布', 'zh-Hant': '發布', en: 'Published' },
    notified: { 'zh-Hans': '通知', 'zh-Hant': '通知', en: 'Notice' },
    escalation: { 'zh-Hans': '调级', 'zh-Hant': '調級', en: 'Regraded' },
    continued: { 'zh-Hans': '续接', 'zh-Hant': '續接', en: 'Continued' },
    closed: { 'zh-Hans': '结案', 'zh-Hant': '結案', en: 'Closed' },
  },
  incidentStatus: {
    open: { 'zh-Hans': '处置中', 'zh-Hant': '處置中', en: 'In progress' },
    completed: { 'zh-Hans': '已结案', 'zh-Hant': '已結案', en: 'Closed' },
    withdrawn: { 'zh-Hans': '已撤销', 'zh-Hant': '已撤銷', en: 'Withdrawn' },
    dismissed: { 'zh-Hans': '研判后排除', 'zh-Hant': '研判後排除', en: 'Dismissed after assessment' },
  },
  notifyEvent: {
    breach: { 'zh-Hans': '逾期', 'zh-Hant': '逾期', en: 'Overdue' },
    escalation: { 'zh-Hans': '升级', 'zh-Hant': '升級', en: 'Escalated' },
    decisionNeeded: { 'zh-Hans': '待决定', 'zh-Hant': '待決定', en: 'Decision needed' },
    published: { 'zh-Hans': '已发布', 'zh-Hant': '已發布', en: 'Published' },
    closed: { 'zh-Hans': '已结案', 'zh-Hant': '已結案', en: 'Closed' },
  },
  decision: {
    assessed: { 'zh-Hans': '研判', 'zh-Hant': '研判', en: 'Assess alert' },
    forwarded: { 'zh-Hans': '登记转达', 'zh-Hant': '登記轉達', en: 'Record forwarding' },
    reportFiled: { 'zh-Hans': '登记上报', 'zh-Hant': '登記上報', en: 'Record report upward' },
    planDecided: { 'zh-Hans': '审批处置方案', 'zh-Hant': '審批處置方案', en: 'Decide handling plan' },
    findingsSubmitted: { 'zh-Hans': '提交核查结论', 'zh-Hant': '提交核查結論', en: 'Submit findings' },
    findingsReviewed: { 'zh-Hans': '审核核查结论', 'zh-Hant': '審核核查結論', en: 'Review findings' },
    actionRecorded: { 'zh-Hans': '登记处置措施', 'zh-Hant': '登記處置措施', en: 'Record action' },
    responseRecorded: { 'zh-Hans': '登记回应引导', 'zh-Hant': '登記回應引導', en: 'Record public response' },
    releaseDrafted: { 'zh-Hans': '起草通稿', 'zh-Hant': '起草通稿', en: 'Draft release' },
    releaseReviewed: { 'zh-Hans': '办公室审改', 'zh-Hant': '辦公室審改', en: 'Office review' },
    releaseApproved: { 'zh-Hans': '领导审定', 'zh-Hant': '領導審定', en: 'Leadership approval' },
    metricsUpdated: { 'zh-Hans': '更新传播数据', 'zh-Hant': '更新傳播數據', en: 'Update metrics' },
    escalate: { 'zh-Hans': '升级', 'zh-Hant': '升級', en: 'Escalate' },
    deescalate: { 'zh-Hans': '降级', 'zh-Hant': '降級', en: 'De-escalate' },
    replyExtensionRequested: { 'zh-Hans': '申请延期答复', 'zh-Hant': '申請延期答復', en: 'Request reply extension' },
    replyExtensionDecided: { 'zh-Hans': '审批延期答复', 'zh-Hant': '審批延期答復', en: 'Decide reply extension' },
    stabilised: { 'zh-Hans': '确认平稳', 'zh-Hant': '確認平穩', en: 'Mark stabilised' },
    summarySubmitted: { 'zh-Hans': '提交总结', 'zh-Hant': '提交總結', en: 'Submit summary' },
    summaryDecided: { 'zh-Hans': '审批总结', 'zh-Hant': '審批總結', en: 'Decide summary' },
    signingKeyAdded: { 'zh-Hans': '新增签名密钥', 'zh-Hant': '新增簽名金鑰', en: 'Add signing key' },
    signingKeyRevoked: { 'zh-Hans': '撤销签名密钥', 'zh-Hant': '撤銷簽名金鑰', en: 'Revoke signing key' },
    withdraw: { 'zh-Hans': '撤销', 'zh-Hant': '撤銷', en: 'Withdraw' },
  },
};

export type Section = keyof LabelTable;
export type KeyOf<S extends Section> = keyof LabelTable[S] & string;

export function label<S extends Section>(section: S, key: KeyOf<S>, lang: Lang = DEFAULT_LANG): string {
  return (LABELS[section][key] as Label)[lang];
}

/** A whole section in one language, for code that looks labels up by key. */
export function labelsOf<S extends Section>(section: S, lang: Lang = DEFAULT_LANG): Record<KeyOf<S>, string> {
  return Object.fromEntries(Object.entries(LABELS[section]).map(([key, l]) => [key, (l as Label)[lang]])) as Record<KeyOf<S>, string>;
}
