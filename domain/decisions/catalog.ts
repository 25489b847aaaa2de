// Who may take which decision (SPEC §5, §8). Shared by the API (403 before signalling) and the
// workflow (which checks again, because signals can also come from the Temporal UI or CLI).
import type { DecisionName, Role } from '../model/schema';

export interface DecisionInfo {
  label: string;
  labelEn: string;
  roles: Role[];
  /** shown in the Temporal UI's list of handlers: what it does and what the payload holds */
  description: string;
  /** always open while the incident runs, so not listed as something the incident waits for */
  standing?: boolean;
}

const by = '; envelope {by:{id,name,roles}}';

export const DECISIONS: Record<DecisionName, DecisionInfo> = {
  assessed: {
    label: '研判',
    labelEn: 'Assess alert',
    roles: ['monitor'],
    description: `研判監測系統推送的信息：確認（須填類別，可定級）或排除（須說明理由）。{confirm, category?, severity?, title?, reason?}${by}`,
  },
  reportFiled: {
    label: '登記上報',
    labelEn: 'Record report upward',
    roles: ['handler', 'approver'],
    description: `上報上級，結束上報期限。{channel:"verbal"|"written", to}${by}`,
  },
  planDecided: {
    label: '審批處置方案',
    labelEn: 'Decide handling plan',
    roles: ['approver'],
    description: `領導審批處置方案（重大、特別重大）。{approve, plan?, comment?}${by}`,
  },
  findingsSubmitted: {
    label: '提交核查結論',
    labelEn: 'Submit findings',
    roles: ['handler'],
    description: `責任部門提交核查結論。{verdict:"confirmed"|"partial"|"unfounded", facts, evidence?:[url]}${by}`,
  },
  findingsReviewed: {
    label: '審核核查結論',
    labelEn: 'Review findings',
    roles: ['handler', 'approver'],
    description: `審核核查結論（提交人不得審核）。{accept, comment?}${by}`,
  },
  actionRecorded: {
    label: '登記處置措施',
    labelEn: 'Record action',
    roles: ['handler', 'approver'],
    standing: true,
    description: `登記處置措施；平台舉報、移送公安須由領導決定並說明理由。{kind, description, reason?}${by}`,
  },
  responseRecorded: {
    label: '登記回應引導',
    labelEn: 'Record public response',
    roles: ['handler', 'approver'],
    standing: true,
    description: `以單位名義的回應、發布會、採訪、答復網民。{kind, content, channel}${by}`,
  },
  releaseDrafted: {
    label: '起草通稿',
    labelEn: 'Draft release',
    roles: ['handler'],
    description: `起草或重擬通稿。{kind:"facts"|"progress"|"final", title, body, channels:[..], releaseNo?}${by}`,
  },
  releaseReviewed: {
    label: '辦公室審改',
    labelEn: 'Office review',
    roles: ['handler', 'approver'],
    description: `辦公室審改通稿（起草人不得審改）。{releaseNo, approve, comment?}${by}`,
  },
  releaseApproved: {
    label: '領導審定',
    labelEn: 'Leadership approval',
    roles: ['approver'],
    description: `領導審定通稿，通過即發布（起草人不得審定）。{releaseNo, approve, comment?}${by}`,
  },
  metricsUpdated: {
    label: '更新傳播數據',
    labelEn: 'Update metrics',
    roles: ['monitor', 'handler', 'intake'],
    standing: true,
    description: `更新瀏覽、評論、轉發、主流網站、主流媒體；升級時自動重新定級。{metrics:{views,comments,reposts,mainstreamSites,mainstreamMedia}}${by}`,
  },
  escalate: {
    label: '升級',
    labelEn: 'Escalate',
    roles: ['monitor', 'handler', 'approver'],
    standing: true,
    description: `手動升級到更高級別，收緊未到期限。{severity, reason}${by}`,
  },
  deescalate: {
    label: '降級',
    labelEn: 'De-escalate',
    roles: ['approver'],
    standing: true,
    description: `領導批准降級。{severity, reason}${by}`,
  },
  replyExtensionRequested: {
    label: '申請延期答復',
    labelEn: 'Request reply extension',
    roles: ['handler'],
    description: `申請將答復期限延至10個工作日（限一次）。{reason}${by}`,
  },
  replyExtensionDecided: {
    label: '審批延期答復',
    labelEn: 'Decide reply extension',
    roles: ['approver'],
    description: `審批延期答復申請。{approve, comment?}${by}`,
  },
  stabilised: {
    label: '確認平穩',
    labelEn: 'Mark stabilised',
    roles: ['approver'],
    description: `領導確認輿情已平息或平穩，結束跟蹤，開始總結。{reason}${by}`,
  },
  summarySubmitted: {
    label: '提交總結',
    labelEn: 'Submit summary',
    roles: ['handler'],
    description: `提交處置總結與經驗教訓。{lessons, body?}${by}`,
  },
  summaryDecided: {
    label: '審批總結',
    labelEn: 'Decide summary',
    roles: ['approver'],
    description: `領導審批總結，通過即歸檔結案（提交人不得審批）。{approve, comment?}${by}`,
  },
  signingKeyAdded: {
    label: '新增簽名金鑰',
    labelEn: 'Add signing key',
    roles: ['admin'],
    standing: true,
    description: `金鑰輪換：管理員以已簽名的決定為進行中的事件加入新公鑰。{keyId, publicKey(hex)}${by}`,
  },
  signingKeyRevoked: {
    label: '撤銷簽名金鑰',
    labelEn: 'Revoke signing key',
    roles: ['admin'],
    standing: true,
    description: `金鑰遺失或外洩：管理員以已簽名的決定撤銷一把金鑰，此後以它簽名的決定一律拒收（不得撤銷最後一把）。{keyId, reason}${by}`,
  },
  withdraw: {
    label: '撤銷',
    labelEn: 'Withdraw',
    roles: ['approver'],
    standing: true,
    description: `領導撤銷事件（重複、與本單位無關）。{reason}${by}`,
  },
};
