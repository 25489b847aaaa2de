// The documents list every attached file with its SHA-256, and the archive keeps the files as
// stored (sealed), so the record outlives both the post and Temporal's retention.
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Attachment, UserRef } from '../../domain/model/schema';
import { activitiesOn, incidentState, users } from './fixtures';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  while (cleanups.length) await cleanups.pop()!();
});

const file = (digit: string, name: string, type: Attachment['type'], by: UserRef = users.dept): Attachment => ({ sha256: digit.repeat(64), size: 2_400_000, type, name, by, at: '2026-11-25T03:00:00.000Z' });
const shot = file('a', '帖文截图.png', 'image/png', users.monitor);
const report = file('b', '现场检查报告.pdf', 'application/pdf');

function withEvidence() {
  const base = incidentState({ documents: [] });
  return {
    ...base,
    incident: { ...base.incident, attachments: [shot] },
    findings: { ...base.findings!, attachments: [report] },
    // the same screenshot on an action as well: one file, listed where it is carried
    actions: base.actions.map((a, i) => (i === 0 ? { ...a, attachments: [shot] } : a)),
  };
}

describe('evidence in the documents and the archive', () => {
  it('《舆情处置情况汇报》 and 《舆情专报》 list each attached file with its hash, kind, size, record and who', async () => {
    const on = await activitiesOn();
    cleanups.push(on.cleanup);
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const state = withEvidence();
    const summary = await on.activities.renderDocument({ idempotencyKey: 's', kind: 'summary', state });
    const md = await readFile(join(on.dataDir, summary.paths.markdown), 'utf8');
    expect(md).toMatch(/^## [一二三四五六七八九十]+、附件（证据材料）$/m);
    expect(md).toContain(`| 1 | 帖文截图.png | PNG 图片 | 2.3 MB | ${shot.sha256} | 登记 | 林信息员 |`);
    expect(md).toContain(`| 2 | 现场检查报告.pdf | PDF 文档 | 2.3 MB | ${report.sha256} | 核查结论 | 王科长 |`);
    expect(md).toContain(`| 3 | 帖文截图.png | PNG 图片 | 2.3 MB | ${shot.sha256} | 处置措施 1 |`);
    expect(await readFile(join(on.dataDir, summary.paths.html), 'utf8')).toContain(`<td>${report.sha256}</td>`);
    const word = strFromU8(unzipSync(await readFile(join(on.dataDir, summary.paths.docx!)))['word/document.xml']!);
    expect(word).toContain(report.sha256);
    expect(word).toContain('附件（证据材料）');

    const special = await on.activities.renderDocument({ idempotencyKey: 'p', kind: 'special', state });
    expect(await readFile(join(on.dataDir, special.paths.markdown), 'utf8')).toContain(shot.sha256);
    // without files, no such section
    const plain = await on.activities.renderDocument({ idempotencyKey: 'q', kind: 'summary', state: incidentState({ documents: [] }) });
    expect(await readFile(join(on.dataDir, plain.paths.markdown), 'utf8')).not.toContain('附件（证据材料）');
  });

  it('the archive copies each file once, as stored, and leaves out one this server lacks', async () => {
    const on = await activitiesOn();
    cleanups.push(on.cleanup);
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    await mkdir(join(on.dataDir, 'evidence'), { recursive: true });
    const sealed = Buffer.from('YQE1 sealed bytes stand-in');
    await writeFile(join(on.dataDir, 'evidence', shot.sha256), sealed);
    const { path } = await on.activities.archiveIncident({ workflowId: withEvidence().workflowId, state: withEvidence() });
    const dir = join(on.dataDir, path);
    expect(await readdir(join(dir, 'evidence'))).toEqual([shot.sha256]);
    expect((await readFile(join(dir, 'evidence', shot.sha256))).equals(sealed)).toBe(true);
    expect(await readFile(join(dir, 'index.html'), 'utf8')).toContain('evidence/');
  });
});
