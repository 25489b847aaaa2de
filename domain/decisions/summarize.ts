// Step 7 decisions: the summary, approved by leadership (not its author), closes the incident.
// Returned, it goes back to its author with the reason, and its deadline is open again until the
// resubmission (under the tracking-and-returns rules; before them a return left the deadline met).
import { z } from 'zod';
import { returnDeadline } from '../incident/deadline-book';
import { draftHash, meet } from './changes';
import { Attachments } from '../model/schema';
import { attached, comment, draftHash as draftHashField, text } from './fields';
import { underTrackingRules } from './open';
import { defineDecision, invalid, say } from './spec';

export const summarySubmitted = defineDecision({
  fields: z.object({ lessons: text(8000), body: z.string().trim().max(20000).default(''), attachments: Attachments.optional() }),
  roles: ['handler'],
  meets: ['summary'],
  description: '提交处置总结与经验教训。{lessons, body?}',
  descriptionEn: "Submit the summary and the lessons learnt. {lessons, body?}",
  occasions: (s) => (s.steps.summarize.status === 'active' && (!s.summary || s.summary.decision === 'returned') ? [{}] : []),
  apply(s, p, ctx) {
    const content = { lessons: p.lessons, body: p.body, ...attached(p.attachments) };
    s.summary = { ...content, submittedBy: p.by, submittedAt: ctx.at, ...(ctx.bindDrafts ? { draftHash: draftHash(content) } : {}), ...ctx.mark };
    meet(ctx, s, 'summary');
    return say(s)('提交处置总结', 'Summary submitted');
  },
});

export const summaryDecided = defineDecision({
  fields: z.object({ approve: z.boolean(), comment, draftHash: draftHashField.optional() }),
  roles: ['approver'],
  description: '领导审批总结，通过即归档结案（提交人不得审批），须附所审版本的 draftHash。{approve, comment?, draftHash}',
  descriptionEn: "Leadership decides the summary; approved, the incident is archived and closed (not its submitter); names the draftHash of the version reviewed. {approve, comment?, draftHash}",
  occasions: (s) => (s.summary && !s.summary.decision ? [{ excludedUsers: [s.summary.submittedBy.id], draftHash: s.summary.draftHash }] : []),
  check: (s, p) => (underTrackingRules(s) && !p.approve && !p.comment ? invalid('comment', 'required to return', '退回须说明理由') : undefined),
  apply(s, p, ctx) {
    Object.assign(s.summary!, { decision: p.approve ? 'approved' : 'returned', decidedBy: p.by, decidedAt: ctx.at, comment: p.comment, ...(ctx.mark.unsigned ? { decisionUnsigned: true } : {}) });
    if (!p.approve && underTrackingRules(s) && returnDeadline(s, 'summary', ctx.nowMs)) ctx.result.deadlinesChanged = true;
    return p.approve ? say(s)('总结审批通过', 'Summary approved') : say(s)(`总结退回：${p.comment}`, `Summary returned: ${p.comment}`);
  },
});
