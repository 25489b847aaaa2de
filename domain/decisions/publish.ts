// Step 5 decisions: drafted by the department, reviewed by the office (审改), approved by
// leadership (审定); a returned draft goes back to its drafter. Each review names the draft it saw.
import { z } from 'zod';
import { Attachments, RELEASE_KINDS } from '../model/schema';
import type { IncidentState, Release } from '../model/state';
import { draftHash, handlingCleared } from './changes';
import { attached, comment, draftHash as draftHashField, releaseNo, text } from './fields';
import { handling } from './open';
import { defineDecision, type Occasion, say } from './spec';

const publishing = (s: IncidentState) => handling(s) && s.steps.publish.status !== 'pending' && s.steps.publish.status !== 'skipped' && handlingCleared(s);
const inFlight = (s: IncidentState) => s.releases.filter((r) => r.status !== 'published');
/** what publishing a release meets (steps/publish.ts `publishApproved`) */
const PUBLICATION_DEADLINES = ['authoritativeRelease', 'initialResponse'] as const;
const sameRelease = (o: Occasion, p: { releaseNo?: number }) => o.releaseNo === p.releaseNo;

function reviewOccasions(s: IncidentState, status: Release['status']): Occasion[] {
  return publishing(s) ? inFlight(s).filter((r) => r.status === status).map((r) => ({ releaseNo: r.no, excludedUsers: [r.draftedBy.id], draftHash: r.draftHash })) : [];
}

function review(s: IncidentState, stage: 'review' | 'approval', p: { releaseNo: number; approve: boolean; comment: string; by: Release['draftedBy'] }, ctx: { at: string; mark: { unsigned?: true } }) {
  const r = s.releases.find((x) => x.no === p.releaseNo)!;
  r.reviews.push({ stage, by: p.by, at: ctx.at, approve: p.approve, comment: p.comment, ...(r.draftHash ? { draftHash: r.draftHash } : {}), ...ctx.mark });
  r.status = p.approve ? (stage === 'review' ? 'reviewed' : 'approved') : 'returned';
  return r;
}

export const releaseDrafted = defineDecision({
  fields: z.object({
    kind: z.enum(RELEASE_KINDS),
    title: text(200),
    body: text(20000),
    channels: z.array(text(100)).min(1).max(10),
    /** re-drafting a returned release keeps its number */
    releaseNo: releaseNo.optional(),
    attachments: Attachments.optional(),
  }),
  roles: ['handler'],
  advances: PUBLICATION_DEADLINES,
  description: '起草或重拟通稿。{kind:"facts"|"progress"|"final", title, body, channels:[..], releaseNo?}',
  descriptionEn: "Draft or redraft a statement. {kind:\"facts\"|\"progress\"|\"final\", title, body, channels:[..], releaseNo?}",
  occasions(s) {
    if (!publishing(s)) return [];
    const open: Occasion[] = inFlight(s).some((r) => r.status !== 'returned') ? [] : [{}];
    return [...open, ...inFlight(s).filter((r) => r.status === 'returned').map((r) => ({ releaseNo: r.no }))];
  },
  // drafting a new release carries no number; re-drafting a returned one must name it
  addresses: sameRelease,
  apply(s, p, ctx) {
    const existing = p.releaseNo === undefined ? undefined : s.releases.find((r) => r.no === p.releaseNo);
    const no = existing?.no ?? s.releases.length + 1;
    const content = { no, kind: p.kind, title: p.title, body: p.body, channels: p.channels, ...attached(p.attachments) };
    const fields = { ...content, status: 'drafted' as const, draftedBy: p.by, draftedAt: ctx.at, ...(ctx.bindDrafts ? { draftHash: draftHash(content) } : {}), unsigned: ctx.mark.unsigned };
    // the returned version's text stays beside the new one, so its reviewers see what changed
    const previous = existing && s.officeDrafts ? { previous: { kind: existing.kind, title: existing.title, body: existing.body, channels: existing.channels } } : {};
    // a new version carries its own files (the page offers the returned version's again)
    if (existing) delete existing.attachments;
    if (existing) Object.assign(existing, fields, previous);
    else s.releases.push({ reviews: [], ...fields });
    return say(s)(`${existing ? '重拟' : '起草'}第${no}号通稿《${p.title}》`, `${existing ? 'Redrafted' : 'Drafted'} statement #${no} "${p.title}"`);
  },
});

const reviewFields = z.object({ releaseNo, approve: z.boolean(), comment, draftHash: draftHashField.optional() });

export const releaseReviewed = defineDecision({
  fields: reviewFields,
  roles: ['handler', 'approver'],
  advances: PUBLICATION_DEADLINES,
  description: '办公室审改通稿（起草人不得审改），须附所审版本的 draftHash。{releaseNo, approve, comment?, draftHash}',
  descriptionEn: "The office reviews a statement (not its drafter); names the draftHash of the version reviewed. {releaseNo, approve, comment?, draftHash}",
  occasions: (s) => reviewOccasions(s, 'drafted'),
  addresses: sameRelease,
  apply(s, p, ctx) {
    const r = review(s, 'review', p, ctx);
    return say(s)(`第${r.no}号通稿 办公室审改${p.approve ? '通过' : `退回：${p.comment}`}`, `Statement #${r.no}: office review ${p.approve ? 'passed' : `returned: ${p.comment}`}`);
  },
});

export const releaseApproved = defineDecision({
  fields: reviewFields,
  roles: ['approver'],
  // the approved release is published at once, and its publication meets both
  meets: PUBLICATION_DEADLINES,
  description: '领导审定通稿，通过即发布（起草人不得审定），须附所审版本的 draftHash。{releaseNo, approve, comment?, draftHash}',
  descriptionEn: "Leadership approves a statement, which is then published (not its drafter); names the draftHash of the version reviewed. {releaseNo, approve, comment?, draftHash}",
  occasions: (s) => reviewOccasions(s, 'reviewed'),
  addresses: sameRelease,
  apply(s, p, ctx) {
    const r = review(s, 'approval', p, ctx);
    return say(s)(`第${r.no}号通稿 领导审定${p.approve ? '通过' : `退回：${p.comment}`}`, `Statement #${r.no}: leadership ${p.approve ? 'approved' : `returned it: ${p.comment}`}`);
  },
});
