// The Chinese words the documents use for the system's codes, and how they show times. Labels the
// domain rules already define (severity, category, verdict, action) are imported from there.
import type { ResponseKind, SENSITIVE_TOPICS } from '../../domain/model/schema';
import type { Release, ReleaseStatus, StepStatus, TimelineKind } from '../../domain/model/state';

export { CHANNEL_LABELS } from '../../domain/rules/channels';
export { STEP_LABELS } from '../../domain/rules/steps';

export const STEP_STATUS_LABELS: Record<StepStatus, string> = {
  pending: '未開始',
  active: '進行中',
  done: '已完成',
  skipped: '不適用',
};

export { ROLE_LABELS } from '../../domain/rules/roles';

export const SENSITIVE_TOPIC_LABELS: Record<(typeof SENSITIVE_TOPICS)[number], string> = {
  publicSafety: '公共安全',
  food: '食品',
  health: '衛生健康',
  naturalDisaster: '自然災害',
  productionQuality: '生產質量',
  safetySecrecy: '安全保密',
};

export const RESPONSE_LABELS: Record<ResponseKind, string> = {
  statement: '發表聲明',
  briefing: '新聞發布會',
  interview: '接受媒體採訪',
  netizenReply: '答復網民',
};

export const RELEASE_KIND_LABELS: Record<Release['kind'], string> = {
  facts: '快報事實',
  progress: '進展通報',
  final: '處置結果',
};

export const RELEASE_STATUS_LABELS: Record<ReleaseStatus, string> = {
  drafted: '待審改',
  reviewed: '待審定',
  approved: '已審定待發布',
  published: '已發布',
  returned: '退回修改',
};

export const TIMELINE_KIND_LABELS: Record<TimelineKind, string> = {
  started: '登記',
  step: '步驟',
  decision: '決定',
  rejected: '駁回',
  breach: '超時',
  late: '逾期辦結',
  document: '文書',
  published: '發布',
  notified: '通知',
  escalation: '調級',
  continued: '續接',
  closed: '結案',
};

const UTC8 = 8 * 60 * 60_000;

/**
 * `2026年11月24日 09:05` in Asia/Shanghai. Shanghai has had no daylight saving since 1991, so a
 * fixed +8 h is exact and needs no time-zone database on the worker.
 */
export function localTime(iso: string | undefined): string {
  if (!iso) return '—';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const d = new Date(ms + UTC8);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

/** 135 → `2小時15分鐘`, 1500 → `1天1小時`. */
export function duration(minutes: number): string {
  const m = Math.max(0, Math.round(minutes));
  const days = Math.floor(m / 1440);
  const hours = Math.floor((m % 1440) / 60);
  const mins = m % 60;
  const parts = [days && `${days}天`, hours && `${hours}小時`, mins && `${mins}分鐘`].filter(Boolean);
  return parts.length ? parts.join('') : '不足1分鐘';
}

export const TIME_NOTE = '時間均為北京時間（UTC+8）';

/** How the documents mark what a decision accepted unsigned (policy `accept-marked`) wrote. */
export const UNSIGNED_MARK = '（未簽名）';

/** The person who took a decision, marked when it was taken unsigned. */
export function signer(by: { name: string }, unsigned: true | undefined): string {
  return unsigned ? `${by.name}${UNSIGNED_MARK}` : by.name;
}
