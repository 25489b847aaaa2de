// The formal reply to the netizen may be extended once, to 10 working days, with a stated reason (SPEC §4).
import { z } from 'zod';
import { extendReply } from '../incident/deadline-book';
import { opened } from './changes';
import { comment, reason } from './fields';
import { defineDecision, say } from './spec';

export const replyExtensionRequested = defineDecision({
  fields: z.object({ reason }),
  roles: ['handler'],
  // open while the reply runs, asked for only when the answer takes longer: nobody waits for it
  standing: true,
  description: '申请将答复期限延至10个工作日（限一次）。{reason}',
  descriptionEn: "Ask to extend the reply deadline to 10 working days (once only). {reason}",
  occasions(s) {
    const reply = s.deadlines.find((d) => d.kind === 'netizenReply' && !d.cancelled);
    return reply && !reply.metAt && !s.replyExtension ? [{}] : [];
  },
  apply(s, p, ctx) {
    s.replyExtension = { reason: p.reason, requestedBy: p.by, requestedAt: ctx.at, ...ctx.mark };
    return say(s)(`申请延期答复：${p.reason}`, `Reply extension requested: ${p.reason}`);
  },
});

export const replyExtensionDecided = defineDecision({
  fields: z.object({ approve: z.boolean(), comment }),
  roles: ['approver'],
  description: '审批延期答复申请。{approve, comment?}',
  descriptionEn: "Decide a request to extend the reply. {approve, comment?}",
  occasions: (s) => (s.replyExtension && !s.replyExtension.decision ? [{ excludedUsers: [s.replyExtension.requestedBy.id] }] : []),
  apply(s, p, ctx) {
    const ext = s.replyExtension!;
    ext.decision = p.approve ? 'approved' : 'rejected';
    ext.decidedBy = p.by;
    if (ctx.mark.unsigned) ext.decisionUnsigned = true;
    if (p.approve) opened(ctx, extendReply(s, ctx.policy));
    return p.approve ? say(s)('批准延期答复至10个工作日', 'Reply extended to 10 working days') : say(s)(`不批准延期答复：${p.comment}`, `Reply extension refused: ${p.comment}`);
  },
});
