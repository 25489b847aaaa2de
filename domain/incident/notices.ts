// Which notices an incident owes (SPEC §5 "Notices"): from its state before and after a change,
// what people must hear now (registered, decisionNeeded, escalation, published, closed), and when
// the owner of each open deadline is reminded (dueSoon). Pure: the workflow sends each notice this
// returns as one activity under its key, so an event is told once however often the run replays.
import { type KeyOf, label, type Section } from '../labels';
import { scriptOfState, wording } from '../script';
import { markdownText } from '../markup';
import { DEFAULT_REMINDERS, PERSON_ROLES, type NoticeKind, type PolicySnapshot, type Role, type Severity } from '../model/schema';
import type { Deadline, IncidentState, PendingDecision } from '../model/state';
import { CATEGORY_LABELS, releaseRequired } from '../rules/categories';
import { CHANNEL_LABELS } from '../rules/channels';
import { addWorkingTime, formatLateness, formatLocal, formatLocalFull, workingDaysBefore, workingTimeBetween } from '../rules/deadlines';
import { RESPONSE_LEVEL_LABELS, responseLevel, SEVERITY_LABELS, severityRank } from '../rules/grading';
import { roleLabel } from '../rules/roles';

export interface OwedNotice {
  kind: NoticeKind;
  roles: Role[];
  /** one short line, plain text (the channels escape it) */
  title: string;
  /** Markdown, every text from outside escaped */
  markdown: string;
  /** unique per event within the incident: the activity's idempotency key is the workflow id and this */
  key: string;
  deadline?: { label: string; dueAt: string };
}

/** What of a state decides the notices a change owes. */
export interface NoticeBasis {
  registered: boolean;
  escalations: number;
  published: number[];
  closed: boolean;
  /** the decisions awaited, by occasion */
  awaited: string[];
}

const MINUTE = 60_000;
const DAY = 1440 * MINUTE;

/** Major and critical go to leadership and the superior authority at once (第一时间报告); the rest to the office. */
export function registeredRoles(severity: Severity): Role[] {
  return severityRank(severity) >= severityRank('major') ? ['approver', 'superior'] : ['handler'];
}

/** Who follows the incident's course (a rise, a publication, its end): the office, and those told of its grade. */
export function followerRoles(severity: Severity): Role[] {
  return [...new Set<Role>(['handler', ...registeredRoles(severity)])];
}

/** An alert is an incident only once a monitor has confirmed it: nobody is told of one still being assessed. */
const isRegistered = (s: IncidentState) => !s.origin || !!s.assessment?.confirmed;

/**
 * The decisions the incident waits for, as the pages list them (`expected`): of an alert, only its
 * 研判 until it is confirmed; a new release only while none exists and one is required; a returned
 * one is awaited by its number.
 */
export function awaitedDecisions(s: IncidentState): PendingDecision[] {
  return s.pendingDecisions.filter((p) => {
    if (!isRegistered(s)) return p.name === 'assessed';
    if (!p.expected) return false;
    if (p.name === 'releaseDrafted' && p.releaseNo === undefined) return s.releases.length === 0 && releaseRequired(s.severity, s.category);
    return true;
  });
}

const occasionKey = (p: PendingDecision) => `${p.name}#${p.releaseNo ?? ''}#${p.draftHash ?? ''}`;

/** `s.pendingDecisions` must be current. */
export function noticeBasis(s: IncidentState): NoticeBasis {
  return {
    registered: isRegistered(s),
    escalations: s.escalations.length,
    published: s.releases.filter((r) => r.status === 'published').map((r) => r.no),
    closed: !!s.closed,
    awaited: awaitedDecisions(s).map(occasionKey),
  };
}

/**
 * The notices a change owes: `before` is the basis before it (none: the incident has just begun),
 * `s` the state after, its pending decisions current. Numbers the decisionNeeded ones from
 * `s.seq.notice`, which it advances, so a decision awaited again later is told again.
 */
export function owedNotices(before: NoticeBasis | undefined, s: IncidentState, policy: PolicySnapshot): OwedNotice[] {
  const after = noticeBasis(s);
  const out: OwedNotice[] = [];
  const registeredNow = after.registered && !before?.registered;
  if (registeredNow) out.push(registeredNotice(s, policy));
  // the registration already tells the grade a confirmed alert was given; an alert being assessed tells nobody
  else if (before && after.registered) for (let i = before.escalations; i < s.escalations.length; i++) if (rose(s, i)) out.push(escalationNotice(s, i, policy));
  for (const no of after.published) if (!before?.published.includes(no)) out.push(publishedNotice(s, no, policy));
  const told = new Set(before?.awaited ?? []);
  for (const p of awaitedDecisions(s)) if (!told.has(occasionKey(p))) out.push(decisionNotice(s, p, ++s.seq.notice));
  if (after.closed && !before?.closed && after.registered) out.push(closedNotice(s));
  return out.filter((n) => n.roles.length > 0);
}

const rose = (s: IncidentState, i: number) => severityRank(s.escalations[i]!.to) > severityRank(s.escalations[i]!.from);
const heading = (s: IncidentState) => `**${markdownText(s.incident.title)}**`;
const openReport = (s: IncidentState) => s.deadlines.find((d) => d.kind === 'report' && !d.metAt && !d.cancelled);
const dueLine = (s: IncidentState, d: Deadline, policy: PolicySnapshot) => {
  const due = formatLocalFull(Date.parse(d.dueAt), policy.calendar);
  return say(s)(`${d.label} 至 ${due}（责任：${roleLabel(d.responsible)}）`, `${d.label} due ${due} (answerable: ${roleLabel(d.responsible, 'en')})`);
};
/** the composer of the incident's notices: Simplified (converted later for Traditional) or English */
const say = (s: IncidentState) => wording(scriptOfState(s));
const en = <S extends Section>(section: S, key: KeyOf<S>) => label(section, key, 'en');
const deadlineOf = (d: Deadline | undefined) => (d ? { deadline: { label: d.label, dueAt: d.dueAt } } : {});

function registeredNotice(s: IncidentState, policy: PolicySnapshot): OwedNotice {
  const i = s.incident;
  const report = openReport(s);
  const summary = i.summary.length > 200 ? `${i.summary.slice(0, 200)}……` : i.summary;
  const w = say(s);
  const found = formatLocalFull(Date.parse(i.discoveredAt), policy.calendar);
  return {
    kind: 'registered',
    roles: registeredRoles(s.severity),
    title: w(`${SEVERITY_LABELS[s.severity]}舆情（${RESPONSE_LEVEL_LABELS[s.responseLevel]}）已登记`, `${en('severity', s.severity)} incident (${en('responseLevel', s.responseLevel)}) registered`),
    markdown: [
      heading(s),
      w(
        `${CATEGORY_LABELS[s.category]}，${CHANNEL_LABELS[i.channel]}，责任部门 ${markdownText(i.department)}，发现于 ${found}`,
        `${en('category', s.category)}, ${en('channel', i.channel)}, department responsible ${markdownText(i.department)}, discovered ${found}`,
      ),
      markdownText(summary),
      ...(report ? [dueLine(s, report, policy)] : []),
    ].join('\n\n'),
    key: 'registered',
    ...deadlineOf(report),
  };
}

function escalationNotice(s: IncidentState, i: number, policy: PolicySnapshot): OwedNotice {
  const e = s.escalations[i]!;
  const w = say(s);
  const by = e.by === 'metrics' ? w('按传播数据自动定级', 'graded automatically on the metrics') : markdownText(e.by.name);
  const reopened = s.majorSince === e.at;
  const report = reopened ? openReport(s) : undefined;
  return {
    kind: 'escalation',
    roles: followerRoles(e.to),
    title: w(`${SEVERITY_LABELS[e.from]}升为${SEVERITY_LABELS[e.to]}`, `${en('severity', e.from)} raised to ${en('severity', e.to)}`),
    markdown: [
      heading(s),
      w(
        `升为${SEVERITY_LABELS[e.to]}（${RESPONSE_LEVEL_LABELS[responseLevel(e.to)]}）：${markdownText(e.reason)}（${by}）`,
        `Raised to ${en('severity', e.to)} (${en('responseLevel', responseLevel(e.to))}): ${markdownText(e.reason)} (${by})`,
      ),
      ...(reopened ? [w('按重大舆情流程重新上报并审批处置方案', 'To be reported again and its handling plan approved again, as for a major incident')] : []),
      ...(report ? [dueLine(s, report, policy)] : []),
    ].join('\n\n'),
    key: `escalation:${i}`,
    ...deadlineOf(report),
  };
}

function publishedNotice(s: IncidentState, no: number, policy: PolicySnapshot): OwedNotice {
  const r = s.releases.find((x) => x.no === no)!;
  const w = say(s);
  const when = r.publishedAt ? formatLocalFull(Date.parse(r.publishedAt), policy.calendar) : undefined;
  const channels = r.channels.map(markdownText);
  return {
    kind: 'published',
    roles: followerRoles(s.severity),
    title: w(`第${no}号通稿《${r.title}》已发布`, `Statement #${no} "${r.title}" published`),
    markdown: [
      heading(s),
      w(
        `第${no}号通稿《${markdownText(r.title)}》（${label('release', r.kind)}）${when ? `于 ${when} ` : ''}发布：${channels.join('、')}`,
        `Statement #${no} "${markdownText(r.title)}" (${en('release', r.kind)}) published${when ? ` at ${when}` : ''} on ${channels.join(', ')}`,
      ),
    ].join('\n\n'),
    key: `published:${no}`,
  };
}

function decisionNotice(s: IncidentState, p: PendingDecision, n: number): OwedNotice {
  // notices go to people: a monitoring system's account is told nothing
  const roles = p.roles.filter((r) => (PERSON_ROLES as readonly Role[]).includes(r));
  const w = say(s);
  const what = w(`${p.label}${p.releaseNo ? `（第${p.releaseNo}号通稿）` : ''}`, `${p.label}${p.releaseNo ? ` (statement #${p.releaseNo})` : ''}`);
  return {
    kind: 'decisionNeeded',
    roles,
    title: w(`待${what}`, `Awaiting: ${what}`),
    markdown: [
      heading(s),
      w(`待${roles.map((r) => roleLabel(r)).join('或')}决定：${what}`, `For the ${roles.map((r) => roleLabel(r, 'en')).join(' or ')} to decide: ${what}`),
      // roles are what the channels know, so the submitter's own colleagues hear of it too
      ...(p.excludedUsers.length ? [w('提交人本人不得决定（四眼原则）', 'Not by whoever submitted it (four eyes)')] : []),
    ].join('\n\n'),
    key: `decisionNeeded:${p.name}${p.releaseNo ? `#${p.releaseNo}` : ''}:${n}`,
  };
}

function closedNotice(s: IncidentState): OwedNotice {
  const c = s.closed!;
  const w = say(s);
  const outcome = w(label('incidentStatus', c.outcome), en('incidentStatus', c.outcome));
  const colon = w('：', ': ');
  const missed = s.deadlines.filter((d) => d.breachedAt).map((d) => d.label);
  const breaches = s.breachCount ? w(`；期间超期 ${s.breachCount} 次：${missed.join('、')}`, `; missed ${s.breachCount} times meanwhile: ${missed.join(', ')}`) : '';
  return {
    kind: 'closed',
    roles: followerRoles(s.severity),
    title: c.outcome === 'completed' ? w('处置完毕，总结已批准，结案归档', 'Handled, summary approved, closed and archived') : `${outcome}${c.reason ? `${colon}${c.reason}` : ''}`,
    markdown: [heading(s), `${outcome}${c.reason ? `${colon}${markdownText(c.reason)}` : ''}${breaches}`].join('\n\n'),
    key: 'closed',
  };
}

// ---- dueSoon -------------------------------------------------------------------------------------

const open = (d: Deadline) => !d.metAt && !d.cancelled && !d.breachedAt;

/** Whether the deadline counts working time (its policy term at the current grade, or at any grade that has it). */
function countsWorkingTime(d: Deadline, s: IncidentState, policy: PolicySnapshot): boolean {
  const kind = d.kind === 'netizenReply' && s.replyExtension?.decision === 'approved' ? 'netizenReplyExtended' : d.kind;
  const terms = policy.deadlines[kind];
  const term = terms && (terms[s.severity] ?? Object.values(terms).find((t) => t !== null));
  return term?.unit === 'workingHours' || term?.unit === 'workingDays' || term?.unit === 'workingDayClose';
}

/**
 * When the owner of a deadline is reminded: one shorter than a day once `shortFraction` of it has
 * passed (of its working time, when it counts working time, so a reminder does not come at night);
 * one of a day or more at the same time of day `workingDaysBefore` working days before it is due,
 * or at the fraction when that is not after its start.
 */
export function reminderAt(d: Deadline, s: IncidentState, policy: PolicySnapshot): number | undefined {
  const start = Date.parse(d.startedAt);
  const due = Date.parse(d.dueAt);
  const span = due - start;
  if (!(span > 0)) return undefined;
  const { shortFraction, workingDaysBefore: days } = policy.reminders ?? DEFAULT_REMINDERS;
  const cal = policy.calendar;
  const working = countsWorkingTime(d, s, policy) ? workingTimeBetween(start, due, cal) : 0;
  const partway = working > 0 ? addWorkingTime(start, Math.round(working * shortFraction), cal) : start + Math.round(span * shortFraction);
  if (span < DAY) return partway;
  const before = workingDaysBefore(due, days, cal);
  return before > start ? before : partway;
}

/** The next reminder owed: an open deadline not yet reminded of its current due time, earliest first. */
export function nextReminder(s: IncidentState, policy: PolicySnapshot): { deadline: Deadline; atMs: number } | undefined {
  let next: { deadline: Deadline; atMs: number } | undefined;
  for (const d of s.deadlines) {
    if (!open(d) || d.remindedFor === d.dueAt) continue;
    const atMs = reminderAt(d, s, policy);
    if (atMs !== undefined && atMs < Date.parse(d.dueAt) && (!next || atMs < next.atMs)) next = { deadline: d, atMs };
  }
  return next;
}

/** What the reminders depend on, cheap to compare: a new value means the next reminder must be found again. */
export function reminderPlan(s: IncidentState): string {
  return `${s.severity}|${s.replyExtension?.decision ?? ''}|${s.deadlines.filter(open).map((d) => `${d.kind}@${d.dueAt}@${d.remindedFor ?? ''}`).join(',')}`;
}

export function dueSoonNotice(d: Deadline, s: IncidentState, policy: PolicySnapshot, nowMs: number): OwedNotice {
  const due = Date.parse(d.dueAt);
  const w = say(s);
  const at = formatLocalFull(due, policy.calendar);
  return {
    kind: 'dueSoon',
    roles: [d.responsible],
    title: w(`${d.label}将于 ${formatLocal(due, policy.calendar)} 到期`, `${d.label} due ${at}`),
    markdown: [
      heading(s),
      w(
        `${d.label}将于 ${at} 到期（剩 ${formatLateness((due - nowMs) / MINUTE)}），尚未完成（责任：${roleLabel(d.responsible)}）`,
        `${d.label} is due ${at} (${formatLateness((due - nowMs) / MINUTE, 'en')} left) and not done yet (answerable: ${roleLabel(d.responsible, 'en')})`,
      ),
    ].join('\n\n'),
    key: `dueSoon:${d.kind}@${d.dueAt}`,
    deadline: { label: d.label, dueAt: d.dueAt },
  };
}
