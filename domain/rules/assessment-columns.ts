// The 考核 tables' columns, one home for the monthly report's 考核情况 and the .xlsx download: a
// department's or a person's incidents handled, deadlines by outcome, on-time rate overall and per
// deadline kind.
import { rateText, type Assessment, type Figures, type PersonFigures } from './assessment';
import { ROLE_LABELS } from './roles';

const FIGURE_HEAD = ['办理舆情（件）', '期限（项）', '按时', '迟报', '漏报', '未到期', '按时率'];
export const DEPARTMENT_HEAD = ['部门', ...FIGURE_HEAD, '分期限按时率'];
export const PERSON_HEAD = ['责任人', '部门', '角色', ...FIGURE_HEAD, '分期限按时率'];
export const DEADLINE_HEAD = ['舆情', '事件部门', '期限', '责任方', '责任人', '考核部门', '截止时间', '完成时间', '超时时间', '逾期（分钟）', '结果'];
export const OUTCOME_TEXT = { onTime: '按时', late: '迟报', missed: '漏报', open: '未到期' } as const;

const figureValues = (f: Figures) => [f.incidents, f.deadlines, f.onTime, f.late, f.missed, f.open];

/** `报告 67%；书面报告 0%`: each kind's rate among its settled deadlines. */
export const kindRates = (f: Figures): string => f.byKind.map((k) => `${k.label} ${rateText(k.onTimeRate)}`).join('；') || '—';

export const personName = (p: PersonFigures): string => p.name ?? '（未指定责任人）';

export function departmentRow(d: Assessment['departments'][number]): (string | number)[] {
  return [d.department, ...figureValues(d), rateText(d.onTimeRate), kindRates(d)];
}

export function personRow(p: PersonFigures): (string | number)[] {
  return [personName(p), p.department, ROLE_LABELS[p.role], ...figureValues(p), rateText(p.onTimeRate), kindRates(p)];
}
