// Steps 3 and 4: coordination actions and the organisation's public responses, open while it handles.
// A response is drafted and counts once leadership approves it (审定, 篇五); in histories from before,
// it counted as soon as it was recorded.
import { z } from 'zod';
import { ACTION_KINDS, Attachments, type DeadlineKind, RESPONSE_KINDS } from '../model/schema';
import type { IncidentState, ResponseContent, ResponseRecord } from '../model/state';
import { ACTION_LABELS, LEADERSHIP_ACTIONS } from '../rules/categories';
import { roleLabel } from '../rules/roles';
import { draftHash, handlingCleared, meet } from './changes';
import { attached, comment, draftHash as draftHashField, responseNo, text } from './fields';
import { type ApplyContext, defineDecision, invalid, type Occasion, say } from './spec';
import { label } from '../labels';
import { handling, recordingActions } from './open';

/** A reply to the netizen given: the 答复 is met, and the inquiry's 当日 opinion is no longer needed (篇二十/第六篇). */
function answered(ctx: ApplyContext, s: IncidentState): void {
  meet(ctx, s, 'inquiryOpinion');
  meet(ctx, s, 'netizenReply');
}

/** what an approved response meets; a reply to netizens the formal reply and the 当日 opinion as well */
const RESPONSE_DEADLINES: DeadlineKind[] = ['initialResponse', 'netizenReply', 'inquiryOpinion'];

export const actionRecorded = defineDecision({
  fields: z.object({ kind: z.enum(ACTION_KINDS), description: text(4000), reason: comment, attachments: Attachments.optional() }),
  roles: ['handler', 'approver'],
  // when the action is the reply itself
  // the 答复 itself is met by an approved reply (in runs from before, by a reply recorded here too)
  meets: ['inquiryOpinion'],
  standing: true,
  description: '登记处置措施（总结期间仍可登记，如问责）；平台举报、移送公安须由领导决定并说明理由。{kind, description, reason?}',
  descriptionEn: "Record an action taken (also while summarizing, e.g. accountability); reporting to a platform or referring to the police is for leadership, with a reason. {kind, description, reason?}",
  occasions: (s) => (recordingActions(s) && s.steps.coordinate.status !== 'pending' && handlingCleared(s) ? [{}] : []),
  check(_s, p, by) {
    if (!LEADERSHIP_ACTIONS.includes(p.kind)) return undefined;
    if (!by.roles.includes('approver')) return { code: 'forbidden', message: say(_s)(`平台举报、移送公安须由${roleLabel('approver')}决定`, `reporting to a platform or referring to the police is for ${roleLabel('approver', 'en')} to decide`) };
    if (!p.reason) return invalid('reason', 'required for this kind', '平台举报、移送公安须说明理由');
    return undefined;
  },
  apply(s, p, ctx) {
    s.actions.push({ kind: p.kind, description: p.description, reason: p.reason, by: p.by, at: ctx.at, ...attached(p.attachments), ...ctx.mark });
    // an inquiry's first recorded measure, a reply or the handling decided, is its 当日 opinion
    meet(ctx, s, 'inquiryOpinion');
    // the 答复 counts once leadership approved it as a response (histories from before: when recorded here)
    if (p.kind === 'reply' && !s.officeDrafts) meet(ctx, s, 'netizenReply');
    return say(s)(`${ACTION_LABELS[p.kind]}：${p.description}`, `${label('action', p.kind, 'en')}: ${p.description}`);
  },
});

/** Whether a response counts: approved by leadership, or from a history in which it counted at once. */
export const responseCounts = (r: ResponseRecord) => r.status === undefined || r.status === 'approved';

const sameResponse = (o: Occasion, p: { responseNo?: number }) => o.responseNo === p.responseNo;
const responseContent = (r: ResponseContent): ResponseContent => ({ kind: r.kind, content: r.content, channel: r.channel });

export const responseRecorded = defineDecision({
  fields: z.object({ kind: z.enum(RESPONSE_KINDS), content: text(4000), channel: text(200), responseNo: responseNo.optional() }),
  roles: ['handler', 'approver'],
  // a stage towards them: the approval meets them (in histories from before it, the response itself did)
  advances: RESPONSE_DEADLINES,
  standing: true,
  description: '起草以单位名义的回应、发布会、采访、答复网民，经领导审定后方才计入；重拟退回的回应须注明 responseNo。{kind, content, channel, responseNo?}',
  descriptionEn: "Draft a response in the organisation's name (statement, briefing, interview, reply to netizens); it counts once leadership approves it. A returned response is redrafted under its responseNo. {kind, content, channel, responseNo?}",
  occasions(s) {
    if (!handling(s)) return [];
    const returned = s.officeDrafts ? s.responses.filter((r) => r.status === 'returned').map((r) => ({ responseNo: r.no })) : [];
    // while a draft waits for leadership, a further one is open but not what anyone waits for
    const awaitingApproval = s.responses.some((r) => r.status === 'drafted');
    return [awaitingApproval ? { standing: true as const } : {}, ...returned];
  },
  // a new response carries no number; re-drafting a returned one names it
  addresses: sameResponse,
  apply(s, p, ctx) {
    const content = { kind: p.kind, content: p.content, channel: p.channel };
    if (!s.officeDrafts) {
      s.responses.push({ ...content, by: p.by, at: ctx.at, ...ctx.mark });
      meet(ctx, s, 'initialResponse');
      if (p.kind === 'netizenReply') answered(ctx, s);
      return say(s)(`回应（${p.channel}）：${p.content}`, `Response (${p.channel}): ${p.content}`);
    }
    const existing = p.responseNo === undefined ? undefined : s.responses.find((r) => r.no === p.responseNo);
    const no = existing?.no ?? s.responses.length + 1;
    const draft = { ...content, no, status: 'drafted' as const, by: p.by, at: ctx.at, draftHash: draftHash({ no, ...content }), unsigned: ctx.mark.unsigned };
    if (existing) Object.assign(existing, draft, { previous: responseContent(existing) });
    else s.responses.push({ ...draft, decisions: [] });
    return say(s)(`${existing ? '重拟' : '起草'}第${no}号回应（${p.channel}），待领导审定：${p.content}`, `${existing ? 'Redrafted' : 'Drafted'} response #${no} (${p.channel}), awaiting leadership approval: ${p.content}`);
  },
});

export const responseApproved = defineDecision({
  fields: z.object({ responseNo, approve: z.boolean(), comment, draftHash: draftHashField.optional() }),
  roles: ['approver'],
  meets: RESPONSE_DEADLINES,
  description: '领导审定回应：通过即计入初步回应、答复期限；退回须说明理由（起草人不得审定），须附所审版本的 draftHash。{responseNo, approve, comment?, draftHash}',
  descriptionEn: "Leadership approves a response, which then meets the initial-response and reply deadlines, or returns it with a reason (not its drafter); names the draftHash of the version reviewed. {responseNo, approve, comment?, draftHash}",
  occasions: (s) =>
    s.officeDrafts && handling(s) ? s.responses.filter((r) => r.status === 'drafted').map((r) => ({ responseNo: r.no, excludedUsers: [r.by.id], draftHash: r.draftHash })) : [],
  addresses: sameResponse,
  check(_s, p) {
    return !p.approve && !p.comment ? invalid('comment', 'required to return', '退回回应须说明理由') : undefined;
  },
  apply(s, p, ctx) {
    const r = s.responses.find((x) => x.no === p.responseNo)!;
    (r.decisions ??= []).push({ approve: p.approve, comment: p.comment, by: p.by, at: ctx.at, ...(r.draftHash ? { draftHash: r.draftHash } : {}), ...ctx.mark });
    if (!p.approve) {
      r.status = 'returned';
      return say(s)(`第${r.no}号回应退回：${p.comment}`, `Response #${r.no} returned: ${p.comment}`);
    }
    r.status = 'approved';
    r.approvedAt = ctx.at;
    // a response meets its deadline when leadership approves it, not when it is drafted (SPEC §4)
    meet(ctx, s, 'initialResponse');
    if (r.kind === 'netizenReply') answered(ctx, s);
    return say(s)(`审定第${r.no}号回应（${r.channel}）`, `Response #${r.no} approved (${r.channel})`);
  },
});
