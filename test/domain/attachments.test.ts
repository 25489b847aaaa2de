// Attachments on the records a decision writes: kept where they were attached, part of the version a
// review decides on, listed once per record; and records without any stay exactly as they were,
// so histories from before attachments replay into the same state.
import { describe, expect, it } from 'vitest';
import { attachedBytes, incidentAttachments } from '../../domain/incident/attachments';
import type { Attachment } from '../../domain/model/schema';
import { pendingDecisions } from '../../domain/decisions/pending';
import { people } from '../workflows/fixtures';
import { checkDecision, decide, NOW, stateFor } from './decide';

const file = (digit: string, name: string, type: Attachment['type'] = 'image/png'): Attachment => ({ sha256: digit.repeat(64), size: 1000, type, name, by: people.handler, at: new Date(NOW).toISOString() });
const photo = file('a', '现场照片.png');
const report = file('b', '检查报告.pdf', 'application/pdf');

describe('attachments on records', () => {
  it('keep each file on the record it was attached to, and count a file carried twice once', () => {
    const { s, input } = stateFor('general', 'inquiry', { fields: { attachments: [photo] } });
    s.steps.verify.status = 'active';
    s.steps.coordinate.status = 'active';
    s.pendingDecisions = pendingDecisions(s);
    decide(s, input, 'findingsSubmitted', people.handler, { verdict: 'confirmed', facts: '属实', attachments: [report] });
    decide(s, input, 'actionRecorded', people.handler, { kind: 'other', description: '整改', attachments: [photo] });
    decide(s, input, 'actionRecorded', people.handler, { kind: 'other', description: '回访' });
    expect(incidentAttachments(s).map((f) => [f.record, f.where, f.attachment.name])).toEqual([
      ['registration', '登记', '现场照片.png'],
      ['findings', '核查结论', '检查报告.pdf'],
      ['action', '处置措施 1', '现场照片.png'],
    ]);
    expect(attachedBytes(s)).toBe(2000);
    expect(s.actions[1]).not.toHaveProperty('attachments');
  });

  it('are part of the draft a review decides on; a record without any hashes as before', () => {
    const { s, input } = stateFor('major', 'hype');
    s.steps.publish.status = 'active';
    decide(s, input, 'releaseDrafted', people.handler, { kind: 'facts', title: '通报', body: '内容', channels: ['官网'] });
    const bare = s.releases[0]!.draftHash;
    expect(s.releases[0]).not.toHaveProperty('attachments');
    decide(s, input, 'releaseReviewed', people.office, { releaseNo: 1, approve: false, comment: '补照片' });
    decide(s, input, 'releaseDrafted', people.handler, { releaseNo: 1, kind: 'facts', title: '通报', body: '内容', channels: ['官网'], attachments: [photo] });
    expect(s.releases[0]?.attachments).toEqual([photo]);
    expect(s.releases[0]?.draftHash).not.toBe(bare);
    // a new version carries only the files it names
    decide(s, input, 'releaseReviewed', people.office, { releaseNo: 1, approve: false, comment: '换一张' });
    decide(s, input, 'releaseDrafted', people.handler, { releaseNo: 1, kind: 'facts', title: '通报', body: '内容', channels: ['官网'] });
    expect(s.releases[0]).not.toHaveProperty('attachments');
    expect(s.releases[0]?.draftHash).toBe(bare);
  });

  it('refuses a reference that is not one: a bad hash, a name with a folder, more than 20 files', () => {
    const { s } = stateFor();
    s.steps.verify.status = 'active';
    s.pendingDecisions = pendingDecisions(s);
    const submit = (attachments: unknown) => checkDecision(s, 'findingsSubmitted', people.handler, { verdict: 'confirmed', facts: '属实', attachments });
    expect(submit([{ ...report, sha256: 'nothex' }])).toMatchObject({ ok: false, issues: [{ field: 'attachments.0.sha256' }] });
    expect(submit([{ ...report, name: '../../etc/passwd.pdf' }])).toMatchObject({ ok: false, issues: [{ field: 'attachments.0.name' }] });
    expect(submit(Array.from({ length: 21 }, () => report))).toMatchObject({ ok: false, issues: [{ field: 'attachments' }] });
    expect(submit([report]).ok).toBe(true);
  });
});
