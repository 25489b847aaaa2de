// 24-hour online duty (24小时网上舆情值班, 篇五): on while a major or critical incident is not yet
// stable, off once it is stabilised, closed or graded below major. Pure: the workflow switches it
// with these, marks the notices sent meanwhile, and words the warning about hours nobody covers.
import type { OwedNotice } from '../incident/notices';
import { markdownText } from '../markup';
import type { Severity } from '../model/schema';
import type { IncidentState } from '../model/state';
import { severityRank } from '../rules/grading';
import { DEFAULT_LANG, type Lang } from '../labels';
import { scriptOfState, wording, type Script } from '../script';

export type Duty24h = NonNullable<IncidentState['duty24h']>;

export const DUTY_LINE = '**24小时网上舆情值班中**';
const DUTY_LINE_EN = '**24-hour online duty on**';

const HOUR = 3_600_000;
const MINUTE = 60_000;

/** Whether the incident needs the duty now. */
export function needsDuty24h(s: Pick<IncidentState, 'severity' | 'stabilisedAt' | 'closed'>): boolean {
  return severityRank(s.severity) >= severityRank('major' satisfies Severity) && !s.stabilisedAt && !s.closed;
}

export const dutyOn = (s: Pick<IncidentState, 'duty24h'>): boolean => !!s.duty24h && !s.duty24h.until;

/**
 * The switch a state owes, if any: `on` starts a new window (also after an earlier one ended and
 * the incident rose again), `off` ends the open one. Changes nothing itself.
 */
export function dutySwitch(s: Pick<IncidentState, 'severity' | 'stabilisedAt' | 'closed' | 'duty24h'>): 'on' | 'off' | undefined {
  const needed = needsDuty24h(s);
  if (needed && !dutyOn(s)) return 'on';
  if (!needed && dutyOn(s)) return 'off';
  return undefined;
}

/** Why the duty ended, for the timeline. */
export function offReason(s: Pick<IncidentState, 'stabilisedAt' | 'closed'>, lang: Lang = DEFAULT_LANG): string {
  const w = wording(lang);
  if (s.closed) return w('事件已结束', 'the incident has ended');
  if (s.stabilisedAt) return w('舆情已平稳', 'it is stable');
  return w('已降至重大以下', 'graded below major');
}

/** The hours a day's warning names, as local ranges: `12-03 09:00–12:00、14:00–15:00`, `12-02 22:00–12-03 06:00`. */
export function hourRanges(hours: readonly number[], utcOffsetMinutes: number, lang: Lang = DEFAULT_LANG): string {
  const local = (ms: number) => new Date(ms + utcOffsetMinutes * MINUTE).toISOString();
  const ranges: [number, number][] = [];
  for (const h of [...hours].sort((a, b) => a - b)) {
    const last = ranges.at(-1);
    if (last && last[1] === h) last[1] = h + HOUR;
    else ranges.push([h, h + HOUR]);
  }
  let day = '';
  return ranges
    .map(([from, to]) => {
      const f = local(from);
      const date = f.slice(5, 10);
      const head = date === day ? '' : `${date} `;
      const end = local(to - 1);
      const endDate = end.slice(5, 10);
      day = endDate;
      // an end at midnight reads 24:00 of the day it ends, not 00:00 of the next
      const endText = local(to).slice(11, 16) === '00:00' ? '24:00' : local(to).slice(11, 16);
      return `${head}${f.slice(11, 16)}–${endDate === date ? '' : `${endDate} `}${endText}`;
    })
    .join(wording(lang)('、', ', '));
}

/** A notice sent while the duty is on says so, last. */
export function withDutyLine(n: OwedNotice, script: Script = DEFAULT_LANG): OwedNotice {
  return { ...n, markdown: `${n.markdown}\n\n${wording(script)(DUTY_LINE, DUTY_LINE_EN)}` };
}

/** The warning to the office that hours of the next day have nobody on the roster; `key` unique per check. */
export function dutyGapNotice(s: IncidentState, hours: readonly number[], utcOffsetMinutes: number, checkedAt: string): OwedNotice {
  const w = wording(scriptOfState(s));
  const lang = scriptOfState(s) === 'en' ? 'en' : DEFAULT_LANG;
  const beijing = utcOffsetMinutes === 480;
  return {
    kind: 'dutyGap',
    roles: ['handler'],
    title: w('24小时值班：未来24小时有时段无人值班', '24-hour duty: hours in the next 24 with nobody on duty'),
    markdown: [
      `**${markdownText(s.incident.title)}**`,
      w(`值班表未安排值班人员的时段${beijing ? '（北京时间）' : ''}：`, `Hours the roster leaves uncovered${beijing ? ' (Beijing time)' : ''}: `) + hourRanges(hours, utcOffsetMinutes, lang),
      w('请办公室补排值班', 'The office should fill them'),
    ].join('\n\n'),
    key: `dutyGap:${checkedAt}`,
  };
}
