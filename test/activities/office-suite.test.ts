// The Word file opened by a real office suite: LibreOffice (headless) reads the .docx the render
// activity wrote and lays it out to PDF, which poppler then checks: A4 pages, the 版头, 发文字号,
// title, 主送, 版记 and page numbers where the suite put them, and the 22 lines of the body grid
// (at most 22 body lines on a full page). Page 1 is kept as a PNG in test/artifacts/. Neither Word
// nor WPS runs on this machine; LibreOffice is the office suite that does.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { localYear } from '../../activities/document-numbers';
import { ARTIFACTS } from '../browser/chromium';
import { COUNTY_BUREAU, incidentState, useActivitiesOfOrganisation } from './fixtures';


const organisation = useActivitiesOfOrganisation(COUNTY_BUREAU);
const run = (tool: string, ...args: string[]) => execFileSync(tool, args, { encoding: 'utf8', timeout: 120_000 });

describe('the Word file in an office suite', () => {
  it('opens in LibreOffice and lays out as an official document on A4', async () => {
    const ref = await organisation().activities.renderDocument({ idempotencyKey: 'office-summary-1', kind: 'summary', state: incidentState({ script: 'zh-Hans' }) });
    const year = localYear(new Date(ref.createdAt));
    const docx = join(organisation().dataDir, ref.paths.docx as string);
    const out = mkdtempSync(join(tmpdir(), 'yuqing-soffice-'));
    // a profile of its own, so a desktop LibreOffice (or a second test) never shares its lock
    run('soffice', `-env:UserInstallation=file://${out}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', out, docx);
    const pdf = join(out, basename(docx).replace(/\.docx$/, '.pdf'));

    const info = run('pdfinfo', '-f', '1', '-l', '99', pdf);
    const sizes = [...info.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/g)].map(([, w, h]) => [Number(w), Number(h)]);
    expect(sizes.length).toBeGreaterThan(0);
    for (const [w, h] of sizes) {
      expect(w).toBeCloseTo(595.28, 0);
      expect(h).toBeCloseTo(841.89, 0);
    }

    // the document grid spaces every character out; the words are what count here
    const text = run('pdftotext', '-layout', pdf, '-').replace(/[ \t\u3000]+/g, '');
    expect(text).toContain('某县教育局文件');
    expect(text).toContain(`某教〔${year}〕1号`);
    expect(text).toContain('王局长');
    expect(text).toContain('舆情处置情况汇报');
    expect(text).toContain('县委网信办：');
    expect(text).toContain('抄送：县政府办公室。');
    expect(text).toMatch(/某县教育局办公室\s*\d{4}年\d{1,2}月\d{1,2}日印发/);
    for (let n = 1; n <= sizes.length; n++) expect(text).toMatch(new RegExp(`—${n}—`));
    // the fonts the file names (仿宋, 小标宋 with fallbacks) resolve to CJK faces, not boxes
    const fonts = run('pdffonts', pdf);
    expect(fonts).toMatch(/CJK|Song|Hei|Kai|Fang|Ming/i);

    mkdirSync(ARTIFACTS, { recursive: true });
    run('pdftoppm', '-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdf, join(ARTIFACTS, 'docx-libreoffice-summary-page1'));
    expect(statSync(join(ARTIFACTS, 'docx-libreoffice-summary-page1.png')).size).toBeGreaterThan(10_000);
  }, 180_000);
});
