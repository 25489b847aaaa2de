// The handling plan of major and critical incidents (SPEC §2 step 1, §5): the office drafts it
// (measures, 口径, who does what, publication plan), leadership approves it or returns it to the
// drafter with a reason. Histories from before the office drafted it: leadership wrote and approved
// the plan in one decision, which still applies to them.
import { z } from 'zod';
import type { HandlingPlan, IncidentState, PlanContent } from '../model/state';
import { draftHash, needsPlanApproval, planApproved } from './changes';
import { comment, draftHash as draftHashField, text } from './fields';
import { defineDecision, invalid, type Occasion, say } from './spec';

/** the plan is owed now: at major or critical, in step 1 or since a rise re-opened the major process */
const planOwed = (s: IncidentState) => needsPlanApproval(s) && !planApproved(s) && (s.steps.monitor.status === 'active' || !!s.majorSince);

/** a drafted plan leadership has not decided on yet, and no rise has outgrown */
const awaitingDecision = (p: HandlingPlan | undefined): p is HandlingPlan & { draftedBy: NonNullable<HandlingPlan['draftedBy']> } =>
  !!p?.draftedBy && p.decision === undefined && !p.outgrown;

const planContent = (p: HandlingPlan): PlanContent => ({
  measures: p.measures ?? '',
  messageLine: p.messageLine ?? '',
  assignments: p.assignments ?? [],
  publicationPlan: p.publicationPlan ?? '',
});

export const planDrafted = defineDecision({
  fields: z.object({
    measures: text(4000),
    messageLine: text(2000),
    assignments: z.array(z.object({ who: text(100), task: text(500) })).min(1).max(30),
    publicationPlan: text(2000),
  }),
  roles: ['handler'],
  description: '办公室拟定或重拟处置方案：处置措施、回应口径、分工、发布计划，报领导审批。{measures, messageLine, assignments:[{who, task}], publicationPlan}',
  descriptionEn: "The office drafts or redrafts the handling plan (measures, message line, assignments, publication plan) for leadership to decide. {measures, messageLine, assignments:[{who, task}], publicationPlan}",
  // one plan at a time: drafted when owed and none awaits leadership, re-drafted when returned or outgrown
  occasions: (s) => (s.officeDrafts && planOwed(s) && !awaitingDecision(s.plan) ? [{}] : []),
  apply(s, p, ctx) {
    const before = s.plan;
    const content: PlanContent = { measures: p.measures, messageLine: p.messageLine, assignments: p.assignments, publicationPlan: p.publicationPlan };
    const revision = (before?.revision ?? 0) + 1;
    const returned = before?.draftedBy && before.decision === 'rejected' ? { previous: planContent(before) } : {};
    s.plan = {
      text: '',
      ...content,
      revision,
      draftedBy: p.by,
      draftedAt: ctx.at,
      ...(ctx.bindDrafts ? { draftHash: draftHash({ revision, ...content }) } : {}),
      ...returned,
      decisions: before?.decisions ?? [],
      ...ctx.mark,
    };
    return say(s)(`${revision > 1 ? '重拟' : '拟定'}处置方案（第${revision}稿）`, `${revision > 1 ? 'Redrafted' : 'Drafted'} the handling plan (draft ${revision})`);
  },
});

export const planDecided = defineDecision({
  // `plan` is kept for histories in which leadership wrote the plan itself (the pages hide it)
  fields: z.object({ approve: z.boolean(), plan: z.string().trim().max(4000).default('').meta({ deprecated: true }), comment, draftHash: draftHashField.optional() }),
  roles: ['approver'],
  description: '领导审批办公室拟定的处置方案（重大、特别重大）：通过，或说明理由退回拟稿人（拟稿人不得审批），须附所审版本的 draftHash。{approve, comment?, draftHash}',
  descriptionEn: "Leadership decides the office's handling plan (major, critical): approve it, or return it to its drafter with a reason (not the drafter); names the draftHash of the version reviewed. {approve, comment?, draftHash}",
  occasions(s): Occasion[] {
    if (!s.officeDrafts) return planOwed(s) ? [{}] : [];
    return planOwed(s) && awaitingDecision(s.plan) ? [{ excludedUsers: [s.plan.draftedBy.id], draftHash: s.plan.draftHash }] : [];
  },
  check(s, p) {
    if (!s.officeDrafts) return undefined;
    if (p.plan) return invalid('plan', 'drafted by the office', '处置方案由办公室拟定（planDrafted），领导只作审批');
    if (!p.approve && !p.comment) return invalid('comment', 'required to return', '退回处置方案须说明理由');
    return undefined;
  },
  apply(s, p, ctx) {
    if (!s.officeDrafts) {
      s.plan = { text: p.plan || s.plan?.text || '', decision: p.approve ? 'approved' : 'rejected', comment: p.comment, approvedBy: p.by, approvedAt: ctx.at, ...ctx.mark };
      return p.approve ? say(s)('批准处置方案', 'Handling plan approved') : say(s)(`退回处置方案：${p.comment}`, `Handling plan returned: ${p.comment}`);
    }
    const plan = s.plan!;
    (plan.decisions ??= []).push({ approve: p.approve, comment: p.comment, by: p.by, at: ctx.at, ...(plan.draftHash ? { draftHash: plan.draftHash } : {}), ...ctx.mark });
    // the plan's own mark stays the drafter's; the decision's mark is on its record
    Object.assign(plan, { decision: p.approve ? 'approved' : 'rejected', comment: p.comment, approvedBy: p.by, approvedAt: ctx.at });
    return p.approve
      ? say(s)(`批准处置方案（第${plan.revision}稿）`, `Handling plan approved (draft ${plan.revision})`)
      : say(s)(`退回处置方案（第${plan.revision}稿）：${p.comment}`, `Handling plan returned (draft ${plan.revision}): ${p.comment}`);
  },
});
