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
  NoticeKind,
  DurationSpec,
  EvidenceType,
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
import type { HandlingPlan, IncidentState, NeedKind, Release, ReleaseReview, ReleaseStatus, ResponseRecord, StepStatus, TimelineKind } from './model/state';
import type { ResponseLevel } from './rules/grading';

export const LANGS = ['zh-Hans', 'zh-Hant', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export type Label = Record<Lang, string>;

/** The script documents, notices, timelines and validation messages are written in unless an organisation chooses another. */
export const DEFAULT_LANG: Lang = 'zh-Hans';

type SensitiveTopic = (typeof SENSITIVE_TOPICS)[number];
type ReleaseKind = Release['kind'];
type ReviewStage = ReleaseReview['stage'];
type ResponseStatus = NonNullable<ResponseRecord['status']>;
/** a drafted plan awaiting leadership, approved, or returned to its drafter */
type PlanStatus = 'drafted' | NonNullable<HandlingPlan['decision']>;
type IncidentStatus = 'open' | NonNullable<IncidentState['closed']>['outcome'];
/** an action need is worded by its actions' own labels */
type NeedWord = Exclude<NeedKind, 'action'>;
/** the 待我处理 view and the deadline each form names; `{…}` are filled in where they are used */
type TaskWord = 'title' | 'stillNeeds' | 'completes' | 'advances' | 'dueSoon' | 'overdue' | 'empty' | 'noDeadline' | 'truncated' | 'unanswered' | 'colDue' | 'colDeadline' | 'colDecision' | 'colIncident';
type DocumentKind = 'special' | 'bulletin' | 'summary' | 'drillSummary';
type OfficialWord = 'fileMark' | 'fileNumber' | 'issueNumber' | 'signer' | 'cc' | 'printed' | 'attachments' | 'date' | 'weekly' | 'monthly' | 'print';
export type ValidationRule =
  | 'required' | 'empty' | 'minChars' | 'maxChars' | 'minItems' | 'maxItems' | 'atLeast' | 'above' | 'atMost' | 'below'
  | 'integer' | 'number' | 'text' | 'boolean' | 'list' | 'oneOf' | 'url' | 'datetime' | 'date' | 'format' | 'unknownKeys'
  | 'invalid' | 'notInFuture' | 'currentDraft' | 'noQuotes' | 'pageToken' | 'item' | 'dutyPerson' | 'oncePerShift';

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
  responseStatus: Record<ResponseStatus, Label>;
  planStatus: Record<PlanStatus, Label>;
  deadline: Record<DeadlineKind, Label>;
  reportChannel: Record<ReportChannel, Label>;
  reportKind: Record<ReportKind, Label>;
  recipient: Record<Recipient, Label>;
  reportDocument: Record<ReportDocument, Label>;
  durationUnit: Record<DurationSpec['unit'], Label>;
  timelineKind: Record<TimelineKind, Label>;
  incidentStatus: Record<IncidentStatus, Label>;
  notifyEvent: Record<NoticeKind, Label>;
  decision: Record<DecisionName, Label>;
  need: Record<NeedWord, Label>;
  tasks: Record<TaskWord, Label>;
  /** the documents Yuqing writes, without the title marks 《》 */
  document: Record<DocumentKind, Label>;
  /** the furniture of a printed document (GB/T 9704): 版头, 版记, numbers; `{…}` are filled in where they are used */
  officialDocument: Record<OfficialWord, Label>;
  /** every field a person fills in or a client sends, by its path (`metrics.views`), as validation names it */
  field: Record<string, Label>;
  /** what a broken rule says, `{n}`, `{values}` and `{keys}` filled in (rules/issue-words.ts) */
  validation: Record<ValidationRule, Label>;
  /** an attached file's kind, by the type its content shows */
  evidenceType: Record<EvidenceType, Label>;
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
    wechatChannels: { 'zh-Hans': '微信视频号', 'zh-Hant': '微信視頻號', en: 'WeChat Channels' },
    douyin: { 'zh-Hans': '抖音', 'zh-Hant': '抖音', en: 'Douyin' },
    kuaishou: { 'zh-Hans': '快手', 'zh-Hant': '快手', en: 'Kuaishou' },
    xiaohongshu: { 'zh-Hans': '小红书', 'zh-Hant': '小紅書', en: 'Xiaohongshu' },
    toutiao: { 'zh-Hans': '今日头条', 'zh-Hant': '今日頭條', en: 'Toutiao' },
    zhihu: { 'zh-Hans': '知乎', 'zh-Hant': '知乎', en: 'Zhihu' },
    bilibili: { 'zh-Hans': '哔哩哔哩', 'zh-Hant': '嗶哩嗶哩', en: 'Bilibili' },
    video: { 'zh-Hans': '视频', 'zh-Hant': '視頻', en: 'Video site' },
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
  responseStatus: {
    drafted: { 'zh-Hans': '待领导审定', 'zh-Hant': '待領導審定', en: 'awaiting leadership approval' },
    approved: { 'zh-Hans': '已审定', 'zh-Hant': '已審定', en: 'approved' },
    returned: { 'zh-Hans': '退回修改', 'zh-Hant': '退回修改', en: 'returned for revision' },
  },
  planStatus: {
    drafted: { 'zh-Hans': '待领导审批', 'zh-Hant': '待領導審批', en: 'awaiting leadership decision' },
    approved: { 'zh-Hans': '审批通过', 'zh-Hant': '審批通過', en: 'approved' },
    rejected: { 'zh-Hans': '退回重拟', 'zh-Hant': '退回重擬', en: 'returned for redrafting' },
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
    duty: { 'zh-Hans': '值班', 'zh-Hant': '值班', en: 'Duty' },
  },
  incidentStatus: {
    open: { 'zh-Hans': '处置中', 'zh-Hant': '處置中', en: 'In progress' },
    completed: { 'zh-Hans': '已结案', 'zh-Hant': '已結案', en: 'Closed' },
    withdrawn: { 'zh-Hans': '已撤销', 'zh-Hant': '已撤銷', en: 'Withdrawn' },
    dismissed: { 'zh-Hans': '研判后排除', 'zh-Hant': '研判後排除', en: 'Dismissed after assessment' },
  },
  notifyEvent: {
    registered: { 'zh-Hans': '新登记', 'zh-Hant': '新登記', en: 'New incident' },
    dueSoon: { 'zh-Hans': '即将到期', 'zh-Hant': '即將到期', en: 'Due soon' },
    breach: { 'zh-Hans': '逾期', 'zh-Hant': '逾期', en: 'Overdue' },
    escalation: { 'zh-Hans': '升级', 'zh-Hant': '升級', en: 'Escalated' },
    decisionNeeded: { 'zh-Hans': '待决定', 'zh-Hant': '待決定', en: 'Decision needed' },
    published: { 'zh-Hans': '已发布', 'zh-Hant': '已發布', en: 'Published' },
    closed: { 'zh-Hans': '已结案', 'zh-Hant': '已結案', en: 'Closed' },
    dutyGap: { 'zh-Hans': '值班缺口', 'zh-Hant': '值班缺口', en: 'Duty gap' },
  },
  decision: {
    assessed: { 'zh-Hans': '研判', 'zh-Hant': '研判', en: 'Assess alert' },
    forwarded: { 'zh-Hans': '登记转达', 'zh-Hant': '登記轉達', en: 'Record forwarding' },
    reportFiled: { 'zh-Hans': '登记上报', 'zh-Hant': '登記上報', en: 'Record report upward' },
    planDrafted: { 'zh-Hans': '拟定处置方案', 'zh-Hant': '擬定處置方案', en: 'Draft handling plan' },
    planDecided: { 'zh-Hans': '审批处置方案', 'zh-Hant': '審批處置方案', en: 'Decide handling plan' },
    findingsSubmitted: { 'zh-Hans': '提交核查结论', 'zh-Hant': '提交核查結論', en: 'Submit findings' },
    findingsReviewed: { 'zh-Hans': '审核核查结论', 'zh-Hant': '審核核查結論', en: 'Review findings' },
    actionRecorded: { 'zh-Hans': '登记处置措施', 'zh-Hant': '登記處置措施', en: 'Record action' },
    responseRecorded: { 'zh-Hans': '登记回应引导', 'zh-Hant': '登記回應引導', en: 'Record public response' },
    responseApproved: { 'zh-Hans': '审定回应', 'zh-Hant': '審定回應', en: 'Approve public response' },
    releaseDrafted: { 'zh-Hans': '起草通稿', 'zh-Hant': '起草通稿', en: 'Draft release' },
    releaseReviewed: { 'zh-Hans': '办公室审改', 'zh-Hant': '辦公室審改', en: 'Office review' },
    releaseApproved: { 'zh-Hans': '领导审定', 'zh-Hant': '領導審定', en: 'Leadership approval' },
    metricsUpdated: { 'zh-Hans': '更新传播数据', 'zh-Hant': '更新傳播數據', en: 'Update metrics' },
    escalate: { 'zh-Hans': '升级', 'zh-Hant': '升級', en: 'Escalate' },
    deescalate: { 'zh-Hans': '降级', 'zh-Hant': '降級', en: 'De-escalate' },
    replyExtensionRequested: { 'zh-Hans': '申请延期答复', 'zh-Hant': '申請延期答復', en: 'Request reply extension' },
    replyExtensionDecided: { 'zh-Hans': '审批延期答复', 'zh-Hant': '審批延期答復', en: 'Decide reply extension' },
    bulletinIssued: { 'zh-Hans': '立即发出通报', 'zh-Hant': '立即發出通報', en: 'Issue a bulletin now' },
    stabilised: { 'zh-Hans': '确认平稳', 'zh-Hant': '確認平穩', en: 'Mark stabilised' },
    summarySubmitted: { 'zh-Hans': '提交总结', 'zh-Hant': '提交總結', en: 'Submit summary' },
    summaryDecided: { 'zh-Hans': '审批总结', 'zh-Hant': '審批總結', en: 'Decide summary' },
    signingKeyAdded: { 'zh-Hans': '新增签名密钥', 'zh-Hant': '新增簽名金鑰', en: 'Add signing key' },
    signingKeyRevoked: { 'zh-Hans': '撤销签名密钥', 'zh-Hant': '撤銷簽名金鑰', en: 'Revoke signing key' },
    withdraw: { 'zh-Hans': '撤销', 'zh-Hant': '撤銷', en: 'Withdraw' },
    reassignOwner: { 'zh-Hans': '改派责任人', 'zh-Hant': '改派責任人', en: 'Reassign owner' },
  },
  need: {
    assessment: { 'zh-Hans': '信息员研判', 'zh-Hant': '信息員研判', en: 'assessment by a monitor' },
    report: { 'zh-Hans': '上报', 'zh-Hant': '上報', en: 'a report upward' },
    planApproval: { 'zh-Hans': '处置方案获批', 'zh-Hant': '處置方案獲批', en: 'an approved handling plan' },
    facts: { 'zh-Hans': '核查结论通过审核', 'zh-Hant': '核查結論通過審核', en: 'accepted findings' },
    findings: { 'zh-Hans': '核查结论', 'zh-Hant': '核查結論', en: 'findings' },
    findingsReview: { 'zh-Hans': '核查结论的审核', 'zh-Hant': '核查結論的審核', en: 'a review of the findings' },
    response: { 'zh-Hans': '以单位名义的回应', 'zh-Hant': '以單位名義的回應', en: "a response in the organisation's name" },
    release: { 'zh-Hans': '已发布的通稿', 'zh-Hant': '已發布的通稿', en: 'a published release' },
    releaseInFlight: { 'zh-Hans': '第{no}号通稿{status}', 'zh-Hant': '第{no}號通稿{status}', en: 'release #{no} {status}' },
    stabilisation: { 'zh-Hans': '领导确认平稳', 'zh-Hant': '領導確認平穩', en: "leadership's confirmation that it is stable" },
    summary: { 'zh-Hans': '处置总结', 'zh-Hant': '處置總結', en: 'a summary' },
    summaryApproval: { 'zh-Hans': '总结获批', 'zh-Hant': '總結獲批', en: 'an approved summary' },
  },
  tasks: {
    title: { 'zh-Hans': '待我处理', 'zh-Hant': '待我處理', en: 'My tasks' },
    stillNeeds: { 'zh-Hans': '尚需', 'zh-Hant': '尚需', en: 'Still needs' },
    completes: { 'zh-Hans': '本决定完成：{deadline}（至 {due}）', 'zh-Hant': '本決定完成：{deadline}（至 {due}）', en: 'Taking this meets: {deadline} (due {due})' },
    advances: { 'zh-Hans': '本决定推进：{deadline}（至 {due}）', 'zh-Hant': '本決定推進：{deadline}（至 {due}）', en: 'A stage towards: {deadline} (due {due})' },
    dueSoon: { 'zh-Hans': '一小时内到期', 'zh-Hant': '一小時內到期', en: 'due within the hour' },
    overdue: { 'zh-Hans': '已逾期', 'zh-Hant': '已逾期', en: 'overdue' },
    empty: { 'zh-Hans': '目前没有待您处理的事项', 'zh-Hant': '目前沒有待您處理的事項', en: 'Nothing is waiting for you' },
    noDeadline: { 'zh-Hans': '无期限', 'zh-Hant': '無期限', en: 'no deadline' },
    truncated: { 'zh-Hans': '只查看了最近开始的 {n} 件进行中事件', 'zh-Hant': '只查看了最近開始的 {n} 件進行中事件', en: 'Only the {n} most recently started open incidents were looked at' },
    unanswered: { 'zh-Hans': '{n} 件事件暂时无法读取，未列入', 'zh-Hant': '{n} 件事件暫時無法讀取，未列入', en: '{n} incidents did not answer and are not listed' },
    colDue: { 'zh-Hans': '到期时间', 'zh-Hant': '到期時間', en: 'Due' },
    colDeadline: { 'zh-Hans': '期限', 'zh-Hant': '期限', en: 'Deadline' },
    colDecision: { 'zh-Hans': '决定', 'zh-Hant': '決定', en: 'Decision' },
    colIncident: { 'zh-Hans': '事件', 'zh-Hant': '事件', en: 'Incident' },
  },
  document: {
    special: { 'zh-Hans': '舆情专报', 'zh-Hant': '輿情專報', en: 'Special report' },
    bulletin: { 'zh-Hans': '网络舆情通报', 'zh-Hant': '網絡輿情通報', en: 'Tracking bulletin' },
    summary: { 'zh-Hans': '舆情处置情况汇报', 'zh-Hant': '輿情處置情況匯報', en: 'Incident summary report' },
    drillSummary: { 'zh-Hans': '演练总结', 'zh-Hant': '演練總結', en: 'Drill summary' },
  },
  officialDocument: {
    fileMark: { 'zh-Hans': '{mark}文件', 'zh-Hant': '{mark}文件', en: '{mark}' },
    fileNumber: { 'zh-Hans': '{prefix}〔{year}〕{n}号', 'zh-Hant': '{prefix}〔{year}〕{n}號', en: '{prefix} ({year}) No. {n}' },
    issueNumber: { 'zh-Hans': '{year}年第{n}期', 'zh-Hant': '{year}年第{n}期', en: 'No. {n}, {year}' },
    signer: { 'zh-Hans': '签发人：{name}', 'zh-Hant': '簽發人：{name}', en: 'Signed off by: {name}' },
    cc: { 'zh-Hans': '抄送：{to}', 'zh-Hant': '抄送：{to}', en: 'Copy to: {to}' },
    printed: { 'zh-Hans': '{date}印发', 'zh-Hant': '{date}印發', en: 'Issued {date}' },
    attachments: { 'zh-Hans': '附件：', 'zh-Hant': '附件：', en: 'Attachments:' },
    date: { 'zh-Hans': '{year}年{month}月{day}日', 'zh-Hant': '{year}年{month}月{day}日', en: '{day}/{month}/{year}' },
    weekly: { 'zh-Hans': '网络舆情周报', 'zh-Hant': '網絡輿情周報', en: 'Weekly report' },
    monthly: { 'zh-Hans': '网络舆情月报', 'zh-Hant': '網絡輿情月報', en: 'Monthly report' },
    print: { 'zh-Hans': '打印', 'zh-Hant': '打印', en: 'Print' },
  },
  field: {
    '(body)': { 'zh-Hans': '请求内容', 'zh-Hant': '請求內容', en: 'Request body' },
    title: { 'zh-Hans': '标题', 'zh-Hant': '標題', en: 'Title' },
    summary: { 'zh-Hans': '内容摘要', 'zh-Hant': '內容摘要', en: 'Summary' },
    sourceUrls: { 'zh-Hans': '来源链接', 'zh-Hant': '來源鏈接', en: 'Source links' },
    channel: { 'zh-Hans': '渠道', 'zh-Hant': '渠道', en: 'Channel' },
    excerpt: { 'zh-Hans': '原文摘录', 'zh-Hant': '原文摘錄', en: 'Excerpt' },
    discoveredAt: { 'zh-Hans': '发现时间', 'zh-Hant': '發現時間', en: 'Discovered at' },
    department: { 'zh-Hans': '责任部门', 'zh-Hant': '責任部門', en: 'Responsible department' },
    category: { 'zh-Hans': '类别', 'zh-Hant': '類別', en: 'Category' },
    metrics: { 'zh-Hans': '传播数据', 'zh-Hant': '傳播數據', en: 'Spread' },
    'metrics.views': { 'zh-Hans': '浏览量', 'zh-Hant': '瀏覽量', en: 'Views' },
    'metrics.comments': { 'zh-Hans': '评论数', 'zh-Hant': '評論數', en: 'Comments' },
    'metrics.reposts': { 'zh-Hans': '转发数', 'zh-Hant': '轉發數', en: 'Reposts' },
    'metrics.mainstreamSites': { 'zh-Hans': '主流网站转载数', 'zh-Hant': '主流網站轉載數', en: 'Mainstream sites' },
    'metrics.mainstreamMedia': { 'zh-Hans': '主流媒体（电视、报纸）已介入', 'zh-Hant': '主流媒體（電視、報紙）已介入', en: 'Mainstream media (TV, newspapers) involved' },
    sensitive: { 'zh-Hans': '敏感情况', 'zh-Hant': '敏感情況', en: 'Sensitivity' },
    'sensitive.topics': { 'zh-Hans': '敏感领域', 'zh-Hant': '敏感領域', en: 'Sensitive topics' },
    'sensitive.seriousImpact': { 'zh-Hans': '有人员伤亡或严重社会影响', 'zh-Hant': '有人員傷亡或嚴重社會影響', en: 'Casualties or serious social impact' },
    confirm: { 'zh-Hans': '研判结论', 'zh-Hant': '研判結論', en: 'Assessment' },
    severity: { 'zh-Hans': '级别', 'zh-Hant': '級別', en: 'Severity' },
    reason: { 'zh-Hans': '理由', 'zh-Hant': '理由', en: 'Reason' },
    to: { 'zh-Hans': '上报对象', 'zh-Hant': '上報對象', en: 'Reported to' },
    'reassignOwner.to': { 'zh-Hans': '改派给', 'zh-Hant': '改派給', en: 'Reassign to' },
    deadline: { 'zh-Hans': '期限', 'zh-Hant': '期限', en: 'Deadline' },
    'to.id': { 'zh-Hans': '改派对象的账号', 'zh-Hant': '改派對象的賬號', en: 'Reassignee sign-in name' },
    'to.name': { 'zh-Hans': '改派对象的姓名', 'zh-Hant': '改派對象的姓名', en: 'Reassignee name' },
    'to.department': { 'zh-Hans': '改派对象的部门', 'zh-Hant': '改派對象的部門', en: 'Reassignee department' },
    'to.roles': { 'zh-Hans': '改派对象的角色', 'zh-Hant': '改派對象的角色', en: 'Reassignee roles' },
    approve: { 'zh-Hans': '审批结论', 'zh-Hant': '審批結論', en: 'Decision' },
    plan: { 'zh-Hans': '处置方案', 'zh-Hant': '處置方案', en: 'Handling plan' },
    comment: { 'zh-Hans': '意见', 'zh-Hant': '意見', en: 'Comment' },
    verdict: { 'zh-Hans': '核查结论', 'zh-Hant': '核查結論', en: 'Verdict' },
    facts: { 'zh-Hans': '查明事实', 'zh-Hant': '查明事實', en: 'Facts' },
    evidence: { 'zh-Hans': '证据链接', 'zh-Hant': '證據鏈接', en: 'Evidence links' },
    accept: { 'zh-Hans': '审核结论', 'zh-Hant': '審核結論', en: 'Review' },
    draftHash: { 'zh-Hans': '所审版本', 'zh-Hant': '所審版本', en: 'Version decided on' },
    kind: { 'zh-Hans': '类型', 'zh-Hant': '類型', en: 'Kind' },
    description: { 'zh-Hans': '说明', 'zh-Hant': '說明', en: 'Description' },
    content: { 'zh-Hans': '内容', 'zh-Hant': '內容', en: 'Content' },
    body: { 'zh-Hans': '正文', 'zh-Hant': '正文', en: 'Body' },
    channels: { 'zh-Hans': '发布渠道', 'zh-Hant': '發布渠道', en: 'Channels' },
    releaseNo: { 'zh-Hans': '通稿编号', 'zh-Hant': '通稿編號', en: 'Release number' },
    lessons: { 'zh-Hans': '经验教训', 'zh-Hant': '經驗教訓', en: 'Lessons' },
    note: { 'zh-Hans': '备注', 'zh-Hant': '備註', en: 'Note' },
    keyId: { 'zh-Hans': '密钥编号', 'zh-Hant': '金鑰編號', en: 'Key id' },
    publicKey: { 'zh-Hans': '公钥', 'zh-Hant': '公鑰', en: 'Public key' },
    by: { 'zh-Hans': '决定人', 'zh-Hant': '決定人', en: 'Decided by' },
    auth: { 'zh-Hans': '签名', 'zh-Hant': '簽名', en: 'Signature' },
    decisionId: { 'zh-Hans': '决定编号', 'zh-Hant': '決定編號', en: 'Decision id' },
    stage: { 'zh-Hans': '阶段', 'zh-Hant': '階段', en: 'Step' },
    breached: { 'zh-Hans': '是否超时', 'zh-Hant': '是否超時', en: 'Breached' },
    pageSize: { 'zh-Hans': '每页条数', 'zh-Hant': '每頁條數', en: 'Page size' },
    pageToken: { 'zh-Hans': '翻页标记', 'zh-Hant': '翻頁標記', en: 'Page token' },
    name: { 'zh-Hans': '用户名', 'zh-Hant': '用戶名', en: 'User name' },
    password: { 'zh-Hans': '密码', 'zh-Hant': '密碼', en: 'Password' },
    format: { 'zh-Hans': '格式', 'zh-Hant': '格式', en: 'Format' },
    'Idempotency-Key': { 'zh-Hans': '请求编号', 'zh-Hant': '請求編號', en: 'Idempotency-Key' },
    url: { 'zh-Hans': '链接', 'zh-Hant': '鏈接', en: 'Link' },
    seenAt: { 'zh-Hans': '监测时间', 'zh-Hant': '監測時間', en: 'Seen at' },
    sourceSystem: { 'zh-Hans': '监测系统', 'zh-Hant': '監測系統', en: 'Monitoring system' },
    recipients: { 'zh-Hans': '报送对象', 'zh-Hant': '報送對象', en: 'Reported to' },
    otherRecipient: { 'zh-Hans': '其他对象名称', 'zh-Hant': '其他對象名稱', en: 'Other recipient' },
    document: { 'zh-Hans': '所附文件', 'zh-Hant': '所附文件', en: 'Document carried' },
    bulletinNo: { 'zh-Hans': '通报期号', 'zh-Hant': '通報期號', en: 'Bulletin number' },
    measures: { 'zh-Hans': '处置措施', 'zh-Hant': '處置措施', en: 'Measures' },
    messageLine: { 'zh-Hans': '回应口径', 'zh-Hant': '回應口徑', en: 'Message line' },
    assignments: { 'zh-Hans': '分工（每行「责任人：任务」）', 'zh-Hant': '分工（每行「責任人：任務」）', en: 'Who does what (one "who: task" per line)' },
    'assignments.who': { 'zh-Hans': '责任人', 'zh-Hant': '責任人', en: 'Who' },
    'assignments.task': { 'zh-Hans': '任务', 'zh-Hant': '任務', en: 'Task' },
    publicationPlan: { 'zh-Hans': '发布计划', 'zh-Hant': '發布計劃', en: 'Publication plan' },
    responseNo: { 'zh-Hans': '回应编号', 'zh-Hant': '回應編號', en: 'Response number' },
    attachments: { 'zh-Hans': '附件（截图、照片、报告等）', 'zh-Hant': '附件（截圖、照片、報告等）', en: 'Attachments (screenshots, photos, reports)' },
    // the users page (api/routes/users.ts)
    displayName: { 'zh-Hans': '姓名', 'zh-Hant': '姓名', en: 'Name' },
    roles: { 'zh-Hans': '角色', 'zh-Hant': '角色', en: 'Roles' },
    contacts: { 'zh-Hans': '联系方式', 'zh-Hant': '聯繫方式', en: 'Contacts' },
    'contacts.wecom': { 'zh-Hans': '企业微信 ID', 'zh-Hant': '企業微信 ID', en: 'WeCom user id' },
    'contacts.dingtalk': { 'zh-Hans': '钉钉 ID', 'zh-Hant': '釘釘 ID', en: 'DingTalk user id' },
    'contacts.feishu': { 'zh-Hans': '飞书 ID', 'zh-Hant': '飛書 ID', en: 'Feishu user id' },
    'contacts.email': { 'zh-Hans': '电子邮箱', 'zh-Hant': '電子郵箱', en: 'E-mail' },
    'contacts.phone': { 'zh-Hans': '电话', 'zh-Hant': '電話', en: 'Phone' },
    dutyEligible: { 'zh-Hans': '可排入值班', 'zh-Hant': '可排入值班', en: 'May be put on duty' },
    disabled: { 'zh-Hans': '停用', 'zh-Hant': '停用', en: 'Disabled' },
    // the duty roster page (api/routes/roster.ts)
    month: { 'zh-Hans': '月份', 'zh-Hant': '月份', en: 'Month' },
    people: { 'zh-Hans': '轮值人员', 'zh-Hant': '輪值人員', en: 'People taking turns' },
    perShift: { 'zh-Hans': '每班人数', 'zh-Hant': '每班人數', en: 'People per shift' },
    nights: { 'zh-Hans': '排夜班', 'zh-Hant': '排夜班', en: 'Night shifts' },
    offset: { 'zh-Hans': '起始位置', 'zh-Hant': '起始位置', en: 'Start position' },
    entries: { 'zh-Hans': '值班安排', 'zh-Hant': '值班安排', en: 'Duty entries' },
    'entries.date': { 'zh-Hans': '值班日期', 'zh-Hant': '值班日期', en: 'Duty date' },
    'entries.shift': { 'zh-Hans': '班次', 'zh-Hant': '班次', en: 'Shift' },
    'entries.people': { 'zh-Hans': '值班人员', 'zh-Hant': '值班人員', en: 'People on duty' },
    'entries.department': { 'zh-Hans': '值班部门', 'zh-Hant': '值班部門', en: 'Department on duty' },
  },
  validation: {
    required: { 'zh-Hans': '必填', 'zh-Hant': '必填', en: 'required' },
    empty: { 'zh-Hans': '不能为空', 'zh-Hant': '不能為空', en: 'must not be empty' },
    minChars: { 'zh-Hans': '至少 {n} 个字', 'zh-Hant': '至少 {n} 個字', en: 'at least {n} characters' },
    maxChars: { 'zh-Hans': '最多 {n} 个字', 'zh-Hant': '最多 {n} 個字', en: 'at most {n} characters' },
    minItems: { 'zh-Hans': '至少 {n} 项', 'zh-Hant': '至少 {n} 項', en: 'at least {n} items' },
    maxItems: { 'zh-Hans': '最多 {n} 项', 'zh-Hant': '最多 {n} 項', en: 'at most {n} items' },
    atLeast: { 'zh-Hans': '不能小于 {n}', 'zh-Hant': '不能小於 {n}', en: 'must be at least {n}' },
    above: { 'zh-Hans': '须大于 {n}', 'zh-Hant': '須大於 {n}', en: 'must be more than {n}' },
    atMost: { 'zh-Hans': '不能大于 {n}', 'zh-Hant': '不能大於 {n}', en: 'must be at most {n}' },
    below: { 'zh-Hans': '须小于 {n}', 'zh-Hant': '須小於 {n}', en: 'must be less than {n}' },
    integer: { 'zh-Hans': '须为整数', 'zh-Hant': '須為整數', en: 'must be a whole number' },
    number: { 'zh-Hans': '须为数字', 'zh-Hant': '須為數字', en: 'must be a number' },
    text: { 'zh-Hans': '须为文字', 'zh-Hant': '須為文字', en: 'must be text' },
    boolean: { 'zh-Hans': '须为是或否', 'zh-Hant': '須為是或否', en: 'must be yes or no' },
    list: { 'zh-Hans': '须为列表', 'zh-Hant': '須為列表', en: 'must be a list' },
    oneOf: { 'zh-Hans': '须为以下之一：{values}', 'zh-Hant': '須為以下之一：{values}', en: 'must be one of: {values}' },
    url: { 'zh-Hans': '须为 http 或 https 链接', 'zh-Hant': '須為 http 或 https 鏈接', en: 'must be an http or https link' },
    datetime: { 'zh-Hans': '须为带时区的时间，例如 2026-11-24T09:10:00+08:00', 'zh-Hant': '須為帶時區的時間，例如 2026-11-24T09:10:00+08:00', en: 'must be a time with its UTC offset, e.g. 2026-11-24T09:10:00+08:00' },
    date: { 'zh-Hans': '须为日期，例如 2026-11-24', 'zh-Hant': '須為日期，例如 2026-11-24', en: 'must be a date such as 2026-11-24' },
    format: { 'zh-Hans': '格式不符', 'zh-Hant': '格式不符', en: 'is malformed' },
    unknownKeys: { 'zh-Hans': '含有未知字段：{keys}', 'zh-Hant': '含有未知字段：{keys}', en: 'has unknown fields: {keys}' },
    invalid: { 'zh-Hans': '不符合要求', 'zh-Hant': '不符合要求', en: 'is not valid' },
    notInFuture: { 'zh-Hans': '不能晚于现在', 'zh-Hant': '不能晚於現在', en: 'must not be in the future' },
    currentDraft: { 'zh-Hans': '须为待决事项所列的版本', 'zh-Hant': '須為待決事項所列的版本', en: 'must be the draftHash the pending decision names' },
    noQuotes: { 'zh-Hans': '不能含引号或反斜线', 'zh-Hant': '不能含引號或反斜線', en: 'must not contain quotes or backslashes' },
    pageToken: { 'zh-Hans': '须为同一列表上一页给出的翻页标记', 'zh-Hant': '須為同一列表上一頁給出的翻頁標記', en: 'must be a nextPageToken from a previous page of the same list' },
    item: { 'zh-Hans': '第 {n} 项', 'zh-Hant': '第 {n} 項', en: 'item {n}' },
    dutyPerson: { 'zh-Hans': '须为用户名单中可排值班且未停用的人员', 'zh-Hant': '須為用戶名單中可排值班且未停用的人員', en: 'must be a person in the users file who may be put on duty and is not disabled' },
    oncePerShift: { 'zh-Hans': '同一班次每人只能出现一次', 'zh-Hant': '同一班次每人只能出現一次', en: 'each person once per shift' },
  },
  evidenceType: {
    'image/png': { 'zh-Hans': 'PNG 图片', 'zh-Hant': 'PNG 圖片', en: 'PNG image' },
    'image/jpeg': { 'zh-Hans': 'JPEG 图片', 'zh-Hant': 'JPEG 圖片', en: 'JPEG image' },
    'image/gif': { 'zh-Hans': 'GIF 图片', 'zh-Hant': 'GIF 圖片', en: 'GIF image' },
    'image/webp': { 'zh-Hans': 'WebP 图片', 'zh-Hant': 'WebP 圖片', en: 'WebP image' },
    'application/pdf': { 'zh-Hans': 'PDF 文档', 'zh-Hant': 'PDF 文檔', en: 'PDF document' },
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { 'zh-Hans': 'Word 文档', 'zh-Hant': 'Word 文檔', en: 'Word document' },
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { 'zh-Hans': 'Excel 表格', 'zh-Hant': 'Excel 表格', en: 'Excel workbook' },
    'application/vnd.openxmlformats-officedocument.presentationml.presentation': { 'zh-Hans': 'PowerPoint 演示文稿', 'zh-Hant': 'PowerPoint 演示文稿', en: 'PowerPoint deck' },
    'video/mp4': { 'zh-Hans': 'MP4 视频', 'zh-Hant': 'MP4 視頻', en: 'MP4 video' },
    'video/quicktime': { 'zh-Hans': 'MOV 视频', 'zh-Hant': 'MOV 視頻', en: 'MOV video' },
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
