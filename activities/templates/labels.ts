// The Chinese words the documents use for the system's codes, and how they show times. The words
// come from the one label table; these are its sections in the documents' script.
import { labelsOf } from '../../domain/labels';
import { DEFAULT_UTC_OFFSET_MINUTES } from '../../domain/rules/calendar';

export { CHANNEL_LABELS } from '../../domain/rules/channels';
export { STEP_LABELS } from '../../domain/rules/steps';
export { ROLE_LABELS } from '../../domain/rules/roles';

export const STEP_STATUS_LABELS = labelsOf('stepStatus');
export const SENSITIVE_TOPIC_LABELS = labelsOf('sensitiveTopic');
export const RESPONSE_LABELS = labelsOf('response');
export const RELEASE_KIND_LABELS = labelsOf('release');
export const RELEASE_STATUS_LABELS = labelsOf('releaseStatus');
export const RESPONSE_STATUS_LABELS = labelsOf('responseStatus');
export const REVIEW_STAGE_LABELS = labelsOf('reviewStage');
export const REPORT_CHANNEL_LABELS = labelsOf('reportChannel');
export const REPORT_KIND_LABELS = labelsOf('reportKind');
export const REPORT_DOCUMENT_LABELS = labelsOf('reportDocument');
export const RECIPIENT_LABELS = labelsOf('recipient');
export const TIMELINE_KIND_LABELS = labelsOf('timelineKind');

const OFFSET_MS = DEFAULT_UTC_OFFSET_MINUTES * 60_000;

/**
 * `2026年11月24日 09:05` at the calendar's offset (Asia/Shanghai). Shanghai has had no daylight
 * saving since 1991, so a fixed offset is exact and needs no time-zone database on the worker.
 */
export function localTime(iso: string | undefined): string {
  if (!iso) return '—';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const d = new Date(ms + OFFSET_MS);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

/**
 * `11月24日 09:05`, as a report's chronology writes a time: the year only when it is not `year`
 * (an incident that runs into the next year).
 */
export function dayTime(iso: string, year: number): string {
  const full = localTime(iso);
  return full.startsWith(`${year}年`) ? full.slice(`${year}年`.length) : full;
}

/** the year at the calendar's offset of an instant */
export const localYearOf = (iso: string) => new Date(Date.parse(iso) + OFFSET_MS).getUTCFullYear();

/** 135 → `2小时15分钟`, 1500 → `1天1小时`. */
export function duration(minutes: number): string {
  const m = Math.max(0, Math.round(minutes));
  const days = Math.floor(m / 1440);
  const hours = Math.floor((m % 1440) / 60);
  const mins = m % 60;
  const parts = [days && `${days}天`, hours && `${hours}小时`, mins && `${mins}分钟`].filter(Boolean);
  return parts.length ? parts.join('') : '不足1分钟';
}

export const TIME_NOTE = `时间均为北京时间（UTC+${DEFAULT_UTC_OFFSET_MINUTES / 60}）`;

/** How the documents mark what a decision accepted unsigned (policy `accept-marked`) wrote. */
export const UNSIGNED_MARK = '（未签名）';

/** The person who took a decision, marked when it was taken unsigned. */
export function signer(by: { name: string }, unsigned: true | undefined): string {
  return unsigned ? `${by.name}${UNSIGNED_MARK}` : by.name;
}
