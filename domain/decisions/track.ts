// Step 6 decisions and the grade: metrics (regraded at once), escalation up and down, a bulletin at
// once, stabilisation.
import { z } from 'zod';
import { label } from '../labels';
import { Metrics, Severity } from '../model/schema';
import type { IncidentState } from '../model/state';
import { openDeadline } from '../incident/deadline-book';
import { grade, severityRank, SEVERITY_LABELS } from '../rules/grading';
import { changeSeverity, opened, REOPENED, REOPENED_EN } from './changes';
import { comment, reason } from './fields';
import { handling, underTrackingRules } from './open';
import { defineDecision, invalid, type Refusal, say } from './spec';

export const metricsUpdated = defineDecision({
  fields: z.object({ metrics: Metrics }),
  roles: ['monitor', 'handler', 'intake'],
  standing: true,
  description: '更新浏览、评论、转发、主流网站、主流媒体；升级时自动重新定级。{metrics:{views,comments,reposts,mainstreamSites,mainstreamMedia}}',
  descriptionEn: "Update views, comments, reposts, mainstream sites and media; a higher grade is applied automatically. {metrics:{views,comments,reposts,mainstreamSites,mainstreamMedia}}",
  occasions: (s) => (handling(s) ? [{}] : []),
  apply(s, p, ctx) {
    const graded = grade(p.metrics, s.incident.sensitive, ctx.policy.grading);
    s.metricsHistory.push({ at: ctx.at, metrics: p.metrics, severity: graded, by: p.by.name, ...ctx.mark });
    s.incident.metrics = p.metrics;
    const m = p.metrics;
    const w = say(s);
    const text = w(`传播数据：浏览 ${m.views}、评论 ${m.comments}、转发 ${m.reposts}、主流网站 ${m.mainstreamSites}`, `Metrics: ${m.views} views, ${m.comments} comments, ${m.reposts} reposts, ${m.mainstreamSites} mainstream sites`);
    if (severityRank(graded) <= severityRank(s.severity)) return text;
    const reopened = changeSeverity(s, graded, ctx, w('传播数据达到更高级别', 'metrics reached a higher grade'), 'metrics');
    return w(`${text}；自动升级为${SEVERITY_LABELS[graded]}${reopened ? REOPENED : ''}`, `${text}; raised automatically to ${label('severity', graded, 'en')}${reopened ? REOPENED_EN : ''}`);
  },
});

export const escalate = defineDecision({
  fields: z.object({ severity: Severity, reason }),
  roles: ['monitor', 'handler', 'approver'],
  standing: true,
  description: '手动升级到更高级别，收紧未到期限。{severity, reason}',
  descriptionEn: "Raise the grade by hand, tightening the open deadlines. {severity, reason}",
  occasions: (s) => (handling(s) && s.severity !== 'critical' ? [{}] : []),
  check: (s, p) => (severityRank(p.severity) <= severityRank(s.severity) ? invalid('severity', 'must be higher than the current severity', `升级须高于目前级别（${SEVERITY_LABELS[s.severity]}）`) : undefined),
  apply(s, p, ctx) {
    const from = s.severity;
    const reopened = changeSeverity(s, p.severity, ctx, p.reason, p.by);
    return say(s)(
      `升级：${SEVERITY_LABELS[from]} → ${SEVERITY_LABELS[p.severity]}（${p.reason}）${reopened ? REOPENED : ''}`,
      `Escalated: ${label('severity', from, 'en')} → ${label('severity', p.severity, 'en')} (${p.reason})${reopened ? REOPENED_EN : ''}`,
    );
  },
});

export const deescalate = defineDecision({
  fields: z.object({ severity: Severity, reason }),
  roles: ['approver'],
  standing: true,
  description: '领导批准降级。{severity, reason}',
  descriptionEn: "Leadership lowers the grade. {severity, reason}",
  occasions: (s) => (handling(s) && s.severity !== 'general' ? [{}] : []),
  check: (s, p) => (severityRank(p.severity) >= severityRank(s.severity) ? invalid('severity', 'must be lower than the current severity', `降级须低于目前级别（${SEVERITY_LABELS[s.severity]}）`) : undefined),
  apply(s, p, ctx) {
    const from = s.severity;
    // deadlines already running keep their terms: a lower grade does not relax a promise made
    changeSeverity(s, p.severity, ctx, p.reason, p.by);
    return say(s)(`降级：${SEVERITY_LABELS[from]} → ${SEVERITY_LABELS[p.severity]}（${p.reason}）`, `De-escalated: ${label('severity', from, 'en')} → ${label('severity', p.severity, 'en')} (${p.reason})`);
  },
});

const stillTracking = (s: IncidentState) => s.steps.track.status === 'active' && !s.stabilisedAt;

export const bulletinIssued = defineDecision({
  fields: z.object({ note: comment }),
  roles: ['handler', 'approver'],
  standing: true,
  description: '立即发出下一期《网络舆情通报》，此后的间隔由这一期起算。{note?}',
  descriptionEn: "Issue the next tracking bulletin now; later intervals count from it. {note?}",
  // one at a time: the workflow issues it and clears the request
  occasions: (s) => (underTrackingRules(s) && stillTracking(s) && !s.tracking?.requested ? [{}] : []),
  apply(s, p, ctx) {
    s.tracking!.requested = { by: p.by, at: ctx.at, note: p.note, ...ctx.mark };
    return say(s)(`第${s.seq.bulletin + 1}期${p.note ? `（${p.note}）` : ''}`, `No. ${s.seq.bulletin + 1}${p.note ? ` (${p.note})` : ''}`);
  },
});

/** Significant and above: a bulletin on the incident's course goes out at least once before tracking ends (篇二十/第一篇 拟制报送《网络舆情通报》). */
function firstBulletinOwed(s: IncidentState): boolean {
  return underTrackingRules(s) && severityRank(s.severity) >= severityRank('significant') && s.seq.bulletin === 0;
}

const firstBulletinOwedRefusal = (s: IncidentState): Refusal => ({
  code: 'not-pending',
  message: say(s)(
    `${SEVERITY_LABELS.significant}及以上的舆情须先发出第一期《${label('document', 'bulletin')}》，才能确认平稳`,
    `A ${label('severity', 'significant', 'en')} or graver incident is marked stabilised only after its first ${label('document', 'bulletin', 'en')}`,
  ),
});

export const stabilised = defineDecision({
  fields: z.object({ reason }),
  roles: ['approver'],
  description: '领导确认舆情已平息或平稳，结束跟踪，开始总结（较大及以上须已发出第一期通报）。{reason}',
  descriptionEn: "Leadership confirms the incident has calmed down: tracking ends, the summary starts (significant and above: after the first bulletin). {reason}",
  // once said, not again while tracking winds down (a bulletin in flight keeps the step active a moment)
  occasions: (s) => (s.steps.track.status === 'active' && !firstBulletinOwed(s) && !(underTrackingRules(s) && s.stabilisedAt) ? [{}] : []),
  // said before the pending check, so the approver hears why rather than only that it is not open
  check: (s) => (s.steps.track.status === 'active' && firstBulletinOwed(s) ? firstBulletinOwedRefusal(s) : undefined),
  apply(s, p, ctx) {
    s.stabilisedAt = ctx.at;
    opened(ctx, openDeadline(s, ctx.policy, 'summary', ctx.nowMs));
    return say(s)(`确认平稳：${p.reason}`, `Stabilised: ${p.reason}`);
  },
});
