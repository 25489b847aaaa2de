// What an accepted decision does to the incident's state (SPEC §5). Called only after
// checkDecision passed; no Temporal import, so it is unit-testable and replay-safe.
import type { DecisionName, DecisionPayload, PolicySnapshot, Severity } from '../model/schema';
import type { Deadline, IncidentState, TimelineEntry } from '../model/state';
import { extendReply, meetDeadline, openDeadline, tightenDeadlines } from '../incident/deadline-book';
import { openCategoryDeadlines } from '../incident/initial-state';
import { ACTION_LABELS, CATEGORY_LABELS, VERDICT_LABELS } from '../rules/categories';
import { DECISIONS } from './catalog';
import { grade, responseLevel, severityRank, SEVERITY_LABELS } from '../rules/grading';
import { needsWrittenReport } from './pending';

export interface Applied {
  /** deadlines opened, met or moved: the watcher must look again */
  deadlinesChanged: boolean;
  severityChange?: { from: Severity; to: Severity };
  /** deadlines met after they had been breached */
  late: Deadline[];
}

type Handler<N extends DecisionName> = (s: IncidentState, p: DecisionPayload<N>, ctx: Ctx) => string;

interface Ctx {
  policy: PolicySnapshot;
  nowMs: number;
  at: string;
  result: Applied;
}

function meet(ctx: Ctx, s: IncidentState, kind: Deadline['kind']) {
  const before = s.deadlines.filter((d) => d.metAt).length;
  const late = meetDeadline(s, kind, ctx.nowMs);
  if (late) ctx.result.late.push(late);
  if (s.deadlines.filter((d) => d.metAt).length !== before) ctx.result.deadlinesChanged = true;
}

/** Sets a new severity and moves the deadlines accordingly; shared by manual and metric escalation. */
export function changeSeverity(s: IncidentState, to: Severity, ctx: Ctx, reason: string, by: IncidentState['escalations'][number]['by']) {
  const from = s.severity;
  s.severity = to;
  s.responseLevel = responseLevel(to);
  s.escalations.push({ from, to, reason, by, at: ctx.at });
  ctx.result.severityChange = { from, to };
  if (severityRank(to) > severityRank(from)) {
    if (tightenDeadlines(s, ctx.policy).length) ctx.result.deadlinesChanged = true;
    // deadlines the lower grade did not have start now, counted from their usual start
    if (!s.releases.some((r) => r.status === 'published')) {
      if (openDeadline(s, ctx.policy, 'authoritativeRelease', Date.parse(s.incident.discoveredAt))) ctx.result.deadlinesChanged = true;
    }
    const verbal = s.reports.find((r) => r.channel === 'verbal');
    if (verbal && needsWrittenReport(s) && openDeadline(s, ctx.policy, 'writtenReport', Date.parse(verbal.at))) {
      ctx.result.deadlinesChanged = true;
    }
  }
}

const handlers: { [N in DecisionName]: Handler<N> } = {
  assessed(s, p, ctx) {
    s.assessment = { confirmed: p.confirm, by: p.by, at: ctx.at, ...(p.reason ? { reason: p.reason } : {}) };
    if (!p.confirm) {
      s.closed = { at: ctx.at, outcome: 'dismissed', reason: p.reason };
      for (const d of s.deadlines) if (!d.metAt) d.cancelled = true;
      ctx.result.deadlinesChanged = true;
      return `排除：${p.reason}`;
    }
    s.category = s.incident.category = p.category!;
    if (p.title) s.incident.title = p.title;
    openCategoryDeadlines(s, ctx.policy);
    ctx.result.deadlinesChanged = true;
    if (p.severity && severityRank(p.severity) > severityRank(s.severity)) changeSeverity(s, p.severity, ctx, '研判定級', p.by);
    return `確認為${CATEGORY_LABELS[s.category]}，${SEVERITY_LABELS[s.severity]}`;
  },
  reportFiled(s, p, ctx) {
    const late = s.deadlines.some((d) => d.kind === 'report' && d.breachedAt && !d.metAt);
    s.reports.push({ channel: p.channel, to: p.to, by: p.by, at: ctx.at, late });
    meet(ctx, s, 'report');
    if (p.channel === 'written') meet(ctx, s, 'writtenReport');
    else if (needsWrittenReport(s) && openDeadline(s, ctx.policy, 'writtenReport', ctx.nowMs)) ctx.result.deadlinesChanged = true;
    return `${p.channel === 'verbal' ? '口頭' : '書面'}上報 ${p.to}`;
  },
  planDecided(s, p, ctx) {
    s.plan = { text: p.plan || s.plan?.text || '', decision: p.approve ? 'approved' : 'rejected', comment: p.comment, approvedBy: p.by, approvedAt: ctx.at };
    return p.approve ? '批准處置方案' : `退回處置方案：${p.comment}`;
  },
  findingsSubmitted(s, p, ctx) {
    s.findings = { verdict: p.verdict, facts: p.facts, evidence: p.evidence, submittedBy: p.by, submittedAt: ctx.at };
    meet(ctx, s, 'verification');
    return `核查結論：${VERDICT_LABELS[p.verdict]}`;
  },
  findingsReviewed(s, p, ctx) {
    const f = s.findings!;
    Object.assign(f, { accepted: p.accept, reviewedBy: p.by, reviewedAt: ctx.at, comment: p.comment });
    return p.accept ? '核查結論審核通過' : `核查結論退回：${p.comment}`;
  },
  actionRecorded(s, p, ctx) {
    s.actions.push({ kind: p.kind, description: p.description, reason: p.reason, by: p.by, at: ctx.at });
    if (p.kind === 'reply') meet(ctx, s, 'netizenReply');
    return `${ACTION_LABELS[p.kind]}：${p.description}`;
  },
  responseRecorded(s, p, ctx) {
    s.responses.push({ kind: p.kind, content: p.content, channel: p.channel, by: p.by, at: ctx.at });
    meet(ctx, s, 'initialResponse');
    if (p.kind === 'netizenReply') meet(ctx, s, 'netizenReply');
    return `回應（${p.channel}）：${p.content}`;
  },
  releaseDrafted(s, p, ctx) {
    const fields = { kind: p.kind, title: p.title, body: p.body, channels: p.channels, status: 'drafted' as const, draftedBy: p.by, draftedAt: ctx.at };
    const existing = p.releaseNo === undefined ? undefined : s.releases.find((r) => r.no === p.releaseNo);
    if (existing) Object.assign(existing, fields);
    else s.releases.push({ no: s.releases.length + 1, reviews: [], ...fields });
    return `${existing ? '重擬' : '起草'}第${existing?.no ?? s.releases.length}號通稿《${p.title}》`;
  },
  releaseReviewed(s, p, ctx) {
    const r = s.releases.find((x) => x.no === p.releaseNo)!;
    r.reviews.push({ stage: 'review', by: p.by, at: ctx.at, approve: p.approve, comment: p.comment });
    r.status = p.approve ? 'reviewed' : 'returned';
    return `第${r.no}號通稿 辦公室審改${p.approve ? '通過' : `退回：${p.comment}`}`;
  },
  releaseApproved(s, p, ctx) {
    const r = s.releases.find((x) => x.no === p.releaseNo)!;
    r.reviews.push({ stage: 'approval', by: p.by, at: ctx.at, approve: p.approve, comment: p.comment });
    r.status = p.approve ? 'approved' : 'returned';
    return `第${r.no}號通稿 領導審定${p.approve ? '通過' : `退回：${p.comment}`}`;
  },
  metricsUpdated(s, p, ctx) {
    const graded = grade(p.metrics, s.incident.sensitive, ctx.policy.grading);
    s.metricsHistory.push({ at: ctx.at, metrics: p.metrics, severity: graded, by: p.by.name });
    s.incident.metrics = p.metrics;
    const m = p.metrics;
    const text = `傳播數據：瀏覽 ${m.views}、評論 ${m.comments}、轉發 ${m.reposts}、主流網站 ${m.mainstreamSites}`;
    if (severityRank(graded) <= severityRank(s.severity)) return text;
    changeSeverity(s, graded, ctx, '傳播數據達到更高級別', 'metrics');
    return `${text}；自動升級為${SEVERITY_LABELS[graded]}`;
  },
  escalate(s, p, ctx) {
    const from = s.severity;
    changeSeverity(s, p.severity, ctx, p.reason, p.by);
    return `升級：${SEVERITY_LABELS[from]} → ${SEVERITY_LABELS[p.severity]}（${p.reason}）`;
  },
  deescalate(s, p, ctx) {
    const from = s.severity;
    // deadlines already running keep their terms: a lower grade does not relax a promise made
    changeSeverity(s, p.severity, ctx, p.reason, p.by);
    return `降級：${SEVERITY_LABELS[from]} → ${SEVERITY_LABELS[p.severity]}（${p.reason}）`;
  },
  replyExtensionRequested(s, p, ctx) {
    s.replyExtension = { reason: p.reason, requestedBy: p.by, requestedAt: ctx.at };
    return `申請延期答復：${p.reason}`;
  },
  replyExtensionDecided(s, p, ctx) {
    const ext = s.replyExtension!;
    ext.decision = p.approve ? 'approved' : 'rejected';
    ext.decidedBy = p.by;
    if (p.approve && extendReply(s, ctx.policy)) ctx.result.deadlinesChanged = true;
    return p.approve ? '批准延期答復至10個工作日' : `不批准延期答復：${p.comment}`;
  },
  stabilised(s, p, ctx) {
    s.stabilisedAt = ctx.at;
    if (openDeadline(s, ctx.policy, 'summary', ctx.nowMs)) ctx.result.deadlinesChanged = true;
    return `確認平穩：${p.reason}`;
  },
  summarySubmitted(s, p, ctx) {
    s.summary = { lessons: p.lessons, body: p.body, submittedBy: p.by, submittedAt: ctx.at };
    meet(ctx, s, 'summary');
    return '提交處置總結';
  },
  summaryDecided(s, p, ctx) {
    const summary = s.summary!;
    Object.assign(summary, { decision: p.approve ? 'approved' : 'returned', decidedBy: p.by, comment: p.comment });
    return p.approve ? '總結審批通過' : `總結退回：${p.comment}`;
  },
  signingKeyAdded(s, p) {
    s.signing.addedKeys.push({ keyId: p.keyId, publicKey: p.publicKey });
    s.signing.keyIds.push(p.keyId);
    return p.keyId;
  },
  signingKeyRevoked(s, p) {
    s.signing.keyIds = s.signing.keyIds.filter((id) => id !== p.keyId);
    s.signing.revokedKeyIds = [...(s.signing.revokedKeyIds ?? []), p.keyId];
    return `${p.keyId}：${p.reason}`;
  },
  withdraw(s, p, ctx) {
    s.closed = { at: ctx.at, outcome: 'withdrawn', reason: p.reason };
    for (const d of s.deadlines) if (!d.metAt) d.cancelled = true;
    ctx.result.deadlinesChanged = true;
    return `撤銷：${p.reason}`;
  },
};

export function applyDecision<N extends DecisionName>(
  s: IncidentState,
  policy: PolicySnapshot,
  name: N,
  payload: DecisionPayload<N>,
  nowMs: number,
  signed: boolean,
): Applied {
  const ctx: Ctx = { policy, nowMs, at: new Date(nowMs).toISOString(), result: { deadlinesChanged: false, late: [] } };
  const text = (handlers[name] as Handler<N>)(s, payload, ctx);
  const mark = signed ? '' : '（未簽名，直接發送至 Temporal）';
  const entry: TimelineEntry = { at: ctx.at, kind: 'decision', decision: name, by: payload.by.name, signed, text: `${DECISIONS[name].label}｜${text}${mark}` };
  s.timeline.push(entry);
  return ctx.result;
}
