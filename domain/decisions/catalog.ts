// How each decision is named to people, in the pages, the timeline and the Temporal UI.
import type { DecisionName } from './index';

export const DECISION_LABELS: Record<DecisionName, { label: string; labelEn: string }> = {
  assessed: { label: '研判', labelEn: 'Assess alert' },
  reportFiled: { label: '登記上報', labelEn: 'Record report upward' },
  planDecided: { label: '審批處置方案', labelEn: 'Decide handling plan' },
  findingsSubmitted: { label: '提交核查結論', labelEn: 'Submit findings' },
  findingsReviewed: { label: '審核核查結論', labelEn: 'Review findings' },
  actionRecorded: { label: '登記處置措施', labelEn: 'Record action' },
  responseRecorded: { label: '登記回應引導', labelEn: 'Record public response' },
  releaseDrafted: { label: '起草通稿', labelEn: 'Draft release' },
  releaseReviewed: { label: '辦公室審改', labelEn: 'Office review' },
  releaseApproved: { label: '領導審定', labelEn: 'Leadership approval' },
  metricsUpdated: { label: '更新傳播數據', labelEn: 'Update metrics' },
  escalate: { label: '升級', labelEn: 'Escalate' },
  deescalate: { label: '降級', labelEn: 'De-escalate' },
  replyExtensionRequested: { label: '申請延期答復', labelEn: 'Request reply extension' },
  replyExtensionDecided: { label: '審批延期答復', labelEn: 'Decide reply extension' },
  stabilised: { label: '確認平穩', labelEn: 'Mark stabilised' },
  summarySubmitted: { label: '提交總結', labelEn: 'Submit summary' },
  summaryDecided: { label: '審批總結', labelEn: 'Decide summary' },
  signingKeyAdded: { label: '新增簽名金鑰', labelEn: 'Add signing key' },
  signingKeyRevoked: { label: '撤銷簽名金鑰', labelEn: 'Revoke signing key' },
  withdraw: { label: '撤銷', labelEn: 'Withdraw' },
};
