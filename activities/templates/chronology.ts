// 处置经过 as a report tells it: the moments that changed the incident's course, one line each,
// read from what the state recorded of each (reports, approvals, publications), not from the
// timeline, which also logs every step's start and end, notices and refused decisions. Whoever
// decided unsigned is marked so here as everywhere (signer).
import { recipientsText } from '../../domain/decisions/report-recipients';
import { SEVERITIES } from '../../domain/model/schema';
import type { IncidentState } from '../../domain/model/state';
import { SEVERITY_LABELS } from '../../domain/rules/grading';
import { label } from '../../domain/labels';
import { VERDICT_LABELS } from '../../domain/rules/categories';
import { REPORT_CHANNEL_LABELS, REPORT_DOCUMENT_LABELS, REPORT_KIND_LABELS, RESPONSE_LABELS, UNSIGNED_MARK, dayTime, localYearOf, signer } from './labels';

/** what a long incident keeps when its lines would not fit on a page */
export const CHRONOLOGY_LINES = 15;

interface Event {
  at: string;
  text: string;
  /** dropped first, latest first, when there are more than CHRONOLOGY_LINES: further reports and responses */
  minor?: true;
  what?: '报送' | '回应';
}

const latest = <T>(items: T[], test: (item: T) => boolean): T | undefined => [...items].reverse().find(test);
function decidedBy(state: IncidentState, decision: string): string | undefined {
  const e = latest(state.timeline, (x) => x.decision === decision);
  return e?.by && `${e.by}${e.signed === false ? UNSIGNED_MARK : ''}`;
}

function registration(state: IncidentState): Event[] {
  const started = state.timeline.find((e) => e.kind === 'started');
  const first = state.escalations[0]?.from ?? state.severity;
  const events: Event[] = [
    { at: started?.at ?? state.incident.discoveredAt, text: `${started?.by ?? state.reporter.name}登记舆情，初定为${SEVERITY_LABELS[first]}舆情` },
  ];
  const a = state.assessment;
  if (a) events.push({ at: a.at, text: a.confirmed ? `${signer(a.by, a.unsigned)}研判确认，进入处置` : `${signer(a.by, a.unsigned)}研判认为不构成舆情${a.reason ? `：${a.reason}` : ''}` });
  return events;
}

function reports(state: IncidentState): Event[] {
  return state.reports.map((r, n) => {
    const how = r.kind === 'writtenFollowUp' ? '' : REPORT_CHANNEL_LABELS[r.channel];
    const document = r.document && r.document !== 'none' ? `，附${REPORT_DOCUMENT_LABELS[r.document]}${r.bulletinNo ? `第${r.bulletinNo}期` : ''}` : '';
    return {
      at: r.at,
      text: `${signer(r.by, r.unsigned)}${how}向${recipientsText(r)}${r.kind ? REPORT_KIND_LABELS[r.kind] : '报告'}${document}${r.late ? '（迟报）' : ''}`,
      ...(n > 0 ? { minor: true as const, what: '报送' as const } : {}),
    };
  });
}

function approvals(state: IncidentState): Event[] {
  const events: Event[] = (state.forwards ?? []).map((f) => ({ at: f.at, text: `${signer(f.by, f.unsigned)}将舆情转达${f.department}` }));
  const p = state.plan;
  if (p?.decisions?.length) {
    for (const d of p.decisions.filter((d) => d.approve)) events.push({ at: d.at, text: `${signer(d.by, d.unsigned)}批准处置方案` });
  } else if (p?.decision === 'approved' && p.approvedAt) {
    events.push({ at: p.approvedAt, text: `${p.approvedBy ? signer(p.approvedBy, p.unsigned) : '领导'}批准处置方案` });
  }
  const f = state.findings;
  if (f?.accepted && f.reviewedAt) events.push({ at: f.reviewedAt, text: `${f.reviewedBy ? signer(f.reviewedBy, f.reviewUnsigned) : ''}采纳${signer(f.submittedBy, f.unsigned)}提交的核查结论（${VERDICT_LABELS[f.verdict]}）` });
  return events;
}

function statements(state: IncidentState): Event[] {
  const releases: Event[] = state.releases
    .filter((r) => r.status === 'published' && r.publishedAt)
    .map((r) => ({ at: r.publishedAt!, text: `第${r.no}号通稿《${r.title}》发布于${r.channels.join('、')}` }));
  const responses: Event[] = state.responses.flatMap((r): Event[] => {
    const what = `${RESPONSE_LABELS[r.kind]}（${r.channel}）`;
    // a response from before leadership approved them counts as given when recorded
    if (!r.status) return [{ at: r.at, text: `${signer(r.by, r.unsigned)}${what}`, minor: true, what: '回应' }];
    const approval = latest(r.decisions ?? [], (d) => d.approve);
    return r.status === 'approved' && r.approvedAt ? [{ at: r.approvedAt, text: `${approval ? signer(approval.by, approval.unsigned) : ''}审定${what}`, minor: true, what: '回应' }] : [];
  });
  return [...releases, ...responses];
}

function course(state: IncidentState): Event[] {
  const events: Event[] = state.escalations.map((e) => ({
    at: e.at,
    text: `${e.reason}，由${SEVERITY_LABELS[e.from]}舆情${SEVERITIES.indexOf(e.to) > SEVERITIES.indexOf(e.from) ? '升' : '降'}为${SEVERITY_LABELS[e.to]}舆情${e.by === 'metrics' ? '（按传播数据自动定级）' : `（${signer(e.by, e.unsigned)}决定）`}`,
  }));
  if (state.stabilisedAt) events.push({ at: state.stabilisedAt, text: `${decidedBy(state, 'stabilised') ?? '领导'}确认舆情平稳` });
  const s = state.summary;
  if (s?.decision === 'approved' && s.decidedAt) events.push({ at: s.decidedAt, text: `${s.decidedBy ? signer(s.decidedBy, s.decisionUnsigned) : ''}批准处置总结` });
  const c = state.closed;
  if (c) events.push({ at: c.at, text: `结案${c.outcome === 'completed' ? '' : `（${label('incidentStatus', c.outcome)}）`}${c.unsigned ? UNSIGNED_MARK : ''}${c.reason ? `：${c.reason}` : ''}` });
  return events;
}

/** The lines, oldest first, each `11月24日 09:50 ……。`; at most CHRONOLOGY_LINES, the rest counted in a last line. */
export function chronology(state: IncidentState): string[] {
  const events = [...registration(state), ...reports(state), ...approvals(state), ...statements(state), ...course(state)]
    .map((e, i) => ({ ...e, i }))
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.i - b.i);
  const dropped: Event[] = [];
  if (events.length > CHRONOLOGY_LINES) {
    // the latest minor ones go first, until there is room for the line that counts them
    for (let i = events.length - 1; i >= 0 && events.length > CHRONOLOGY_LINES - 1; i--) if (events[i]?.minor) dropped.push(...events.splice(i, 1));
  }
  const year = localYearOf(state.incident.discoveredAt);
  const lines = events.map((e) => `${dayTime(e.at, year)} ${e.text}。`);
  if (!dropped.length) return lines;
  const count = (what: string) => dropped.filter((e) => e.what === what).length;
  const rest = [count('报送') && `报送${count('报送')}次`, count('回应') && `回应${count('回应')}条`].filter(Boolean).join('、');
  return [...lines, `此外另有${rest}，见“主要做法”与“对外发布内容”。`];
}
