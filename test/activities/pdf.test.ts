// The PDF an office files: the render activity writes the print page, the API's printer prints it in
// real Chromium. Checked with poppler (pdfinfo, pdftotext, pdftoppm): A4 pages, the 期号 or 发文字号,
// the title, the 印发机关 and the page number in the text layer; page 1 kept as a PNG in
// test/artifacts/. The print page keeps a hostile title as text.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { localYear } from '../../activities/document-numbers';
import { pdfPrinter } from '../../api/print-pdf';
import { ARTIFACTS } from '../browser/chromium';
import { COUNTY_BUREAU, incidentState, useActivitiesOfOrganisation } from './fixtures';

const HOSTILE = '<img src=x onerror=alert(1)><b>粗</b>';

const organisation = useActivitiesOfOrganisation(COUNTY_BUREAU);

const poppler = (tool: string, ...args: string[]) => execFileSync(tool, args, { encoding: 'utf8' });

describe('the PDF', () => {
  it('prints the 汇报 on A4 pages with its 发文字号, title, 印发机关 and page numbers, once', async () => {
    const ref = await organisation().activities.renderDocument({ idempotencyKey: 'pdf-summary-1', kind: 'summary', state: incidentState({ script: 'zh-Hans' }) });
    const year = localYear(new Date(ref.createdAt));
    expect(ref.paths.print).toMatch(/\/documents\/summary\.print\.html$/);
    const page = join(organisation().dataDir, ref.paths.print as string);
    const pdf = join(organisation().dataDir, 'summary.pdf');
    const printer = pdfPrinter();
    const bytes = await printer.pdfOf(page, pdf);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');

    const info = poppler('pdfinfo', '-f', '1', '-l', '99', pdf);
    const sizes = [...info.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/g)].map(([, w, h]) => [Number(w), Number(h)]);
    expect(sizes.length).toBeGreaterThan(0);
    // A4: 210 × 297 mm is 595.28 × 841.89 pt
    for (const [w, h] of sizes) {
      expect(w).toBeCloseTo(595.28, 0);
      expect(h).toBeCloseTo(841.89, 0);
    }

    const text = poppler('pdftotext', '-layout', pdf, '-');
    expect(text).toContain(`某教〔${year}〕1号`);
    expect(text).toContain('签发人：王局长');
    expect(text).toContain('某县教育局文件');
    expect(text).toContain('舆情处置情况汇报');
    expect(text).toContain('县委网信办：');
    expect(text).toContain('抄送：县政府办公室。');
    expect(text).toMatch(/某县教育局办公室\s+\d{4}年\d{1,2}月\d{1,2}日印发/);
    // GB/T 9704 §7.5: — 1 — under the text area of every page
    for (let n = 1; n <= sizes.length; n++) expect(text).toMatch(new RegExp(`—\\s*${n}\\s*—`));

    mkdirSync(ARTIFACTS, { recursive: true });
    poppler('pdftoppm', '-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdf, join(ARTIFACTS, 'pdf-summary-page1'));
    expect((await stat(join(ARTIFACTS, 'pdf-summary-page1.png'))).size).toBeGreaterThan(10_000);

    // kept: the next download reads the file instead of printing again
    const kept = await stat(pdf);
    expect(await printer.pdfOf(page, pdf)).toEqual(bytes);
    expect((await stat(pdf)).mtimeMs).toBe(kept.mtimeMs);
  }, 60_000);

  it('prints a 通报 under its periodical name and 期号, with a hostile title kept as text', async () => {
    const state = incidentState({ script: 'zh-Hans' });
    const ref = await organisation().activities.renderDocument({
      idempotencyKey: 'pdf-bulletin-1',
      kind: 'bulletin',
      sequence: 1,
      state: { ...state, incident: { ...state.incident, title: HOSTILE } },
    });
    const html = await readFile(join(organisation().dataDir, ref.paths.print as string), 'utf8');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    // the page's one script is the print button's
    expect(html.match(/<script/g)).toHaveLength(1);

    const pdf = join(organisation().dataDir, 'bulletin.pdf');
    await pdfPrinter().pdfOf(join(organisation().dataDir, ref.paths.print as string), pdf);
    const text = poppler('pdftotext', '-layout', pdf, '-');
    expect(text).toContain('网络舆情通报');
    expect(text).toContain(ref.number as string);
    expect(text).toContain('<img src=x onerror=alert(1)>');
    // the print button is not printed
    expect(text).not.toMatch(/^\s*打印\s*$/m);
  }, 60_000);

  it('says what is missing when the API host has no browser', async () => {
    const ref = await organisation().activities.renderDocument({ idempotencyKey: 'pdf-summary-1', kind: 'summary', state: incidentState({ script: 'zh-Hans' }) });
    const printing = pdfPrinter('/nonexistent/chromium').pdfOf(join(organisation().dataDir, ref.paths.print as string), join(organisation().dataDir, 'none.pdf'));
    await expect(printing).rejects.toMatchObject({ status: 503, code: 'pdf-unavailable', message: expect.stringContaining('CHROMIUM_PATH') });
  });
});
