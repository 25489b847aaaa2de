// Step 2 decisions: the department's findings, and their review by someone else.
import { z } from 'zod';
import { Attachments, VERDICTS } from '../model/schema';
import { VERDICT_LABELS } from '../rules/categories';
import { draftHash, meet } from './changes';
import { attached, comment, draftHash as draftHashField, text, webUrl } from './fields';
import { defineDecision, say } from './spec';
import { label } from '../labels';

export const findingsSubmitted = defineDecision({
  fields: z.object({ verdict: z.enum(VERDICTS), facts: text(8000), evidence: z.array(webUrl).max(20).default([]), attachments: Attachments.optional() }),
  roles: ['handler'],
  meets: ['verification'],
  description: '责任部门提交核查结论。{verdict:"confirmed"|"partial"|"unfounded", facts, evidence?:[url]}',
  descriptionEn: "The department responsible submits its findings. {verdict:\"confirmed\"|\"partial\"|\"unfounded\", facts, evidence?:[url]}",
  occasions: (s) => (s.steps.verify.status === 'active' && (!s.findings || s.findings.accepted === false) ? [{}] : []),
  apply(s, p, ctx) {
    const content = { verdict: p.verdict, facts: p.facts, evidence: p.evidence, ...attached(p.attachments) };
    s.findings = { ...content, submittedBy: p.by, submittedAt: ctx.at, ...(ctx.bindDrafts ? { draftHash: draftHash(content) } : {}), ...ctx.mark };
    meet(ctx, s, 'verification');
    return say(s)(`核查结论：${VERDICT_LABELS[p.verdict]}`, `Findings: ${label('verdict', p.verdict, 'en')}`);
  },
});

export const findingsReviewed = defineDecision({
  fields: z.object({ accept: z.boolean(), comment, draftHash: draftHashField.optional() }),
  roles: ['handler', 'approver'],
  description: '审核核查结论（提交人不得审核），须附待审版本的 draftHash。{accept, comment?, draftHash}',
  descriptionEn: "Review the findings (not their submitter); names the draftHash of the version reviewed. {accept, comment?, draftHash}",
  occasions: (s) => (s.findings && s.findings.accepted === undefined ? [{ excludedUsers: [s.findings.submittedBy.id], draftHash: s.findings.draftHash }] : []),
  apply(s, p, ctx) {
    Object.assign(s.findings!, { accepted: p.accept, reviewedBy: p.by, reviewedAt: ctx.at, comment: p.comment, ...(ctx.mark.unsigned ? { reviewUnsigned: true } : {}) });
    return p.accept ? say(s)('核查结论审核通过', 'Findings accepted') : say(s)(`核查结论退回：${p.comment}`, `Findings returned: ${p.comment}`);
  },
});
