// A published release as it went out: the organisation's own statement, in its approved wording
// (SPEC §9: every public statement goes out in the organisation's name after approval).
import type { Release } from '../../domain/model/state';
import { fields, paragraph, type Doc } from './doc';
import { RELEASE_KIND_LABELS, TIME_NOTE, localTime, signer } from './labels';

export function releaseDoc(release: Release, publishedAt: string): Doc {
  const approval = release.reviews.filter((r) => r.stage === 'approval' && r.approve).at(-1);
  return {
    title: release.title,
    meta: [`第${release.no}号通稿（${RELEASE_KIND_LABELS[release.kind]}）`, `${localTime(publishedAt)}发布`, TIME_NOTE],
    blocks: [
      paragraph(release.body),
      fields([
        ['发布渠道', release.channels.join('、')],
        ['审定', approval ? `${signer(approval.by, approval.unsigned)}，${localTime(approval.at)}` : '—'],
      ]),
    ],
  };
}
