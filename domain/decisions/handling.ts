// Steps 3 and 4: coordination actions and the organisation's public responses, open while it handles.
import { z } from 'zod';
import { ACTION_KINDS, RESPONSE_KINDS } from '../model/schema';
import { ACTION_LABELS, LEADERSHIP_ACTIONS } from '../rules/categories';
import { handlingCleared, meet } from './changes';
import { comment, text } from './fields';
import { defineDecision, invalid } from './spec';
import { handling } from './open';

export const actionRecorded = defineDecision({
  fields: z.object({ kind: z.enum(ACTION_KINDS), description: text(4000), reason: comment }),
  roles: ['handler', 'approver'],
  standing: true,
  description: '登記處置措施；平台舉報、移送公安須由領導決定並說明理由。{kind, description, reason?}',
  occasions: (s) => (handling(s) && s.steps.coordinate.status !== 'pending' && handlingCleared(s) ? [{}] : []),
  check(_s, p, by) {
    if (!LEADERSHIP_ACTIONS.includes(p.kind)) return undefined;
    if (!by.roles.includes('approver')) return { code: 'forbidden', message: '平台舉報、移送公安須由領導（approver）決定' };
    if (!p.reason) return invalid('reason', 'required for this kind', '平台舉報、移送公安須說明理由');
    return undefined;
  },
  apply(s, p, ctx) {
    s.actions.push({ kind: p.kind, description: p.description, reason: p.reason, by: p.by, at: ctx.at, ...ctx.mark });
    // an inquiry's first recorded measure, a reply or the handling decided, is its 當日 opinion
    meet(ctx, s, 'inquiryOpinion');
    if (p.kind === 'reply') meet(ctx, s, 'netizenReply');
    return `${ACTION_LABELS[p.kind]}：${p.description}`;
  },
});

export const responseRecorded = defineDecision({
  fields: z.object({ kind: z.enum(RESPONSE_KINDS), content: text(4000), channel: text(200) }),
  roles: ['handler', 'approver'],
  standing: true,
  description: '以單位名義的回應、發布會、採訪、答復網民。{kind, content, channel}',
  occasions: (s) => (handling(s) ? [{}] : []),
  apply(s, p, ctx) {
    s.responses.push({ kind: p.kind, content: p.content, channel: p.channel, by: p.by, at: ctx.at, ...ctx.mark });
    meet(ctx, s, 'initialResponse');
    if (p.kind === 'netizenReply') {
      // answered at once: the 當日 opinion is no longer needed (篇二十/第六篇)
      meet(ctx, s, 'inquiryOpinion');
      meet(ctx, s, 'netizenReply');
    }
    return `回應（${p.channel}）：${p.content}`;
  },
});
