// The Word files an office files and prints: opened as the zip they are and read for the GB/T 9704
// layout (page, margins, grid, faces, the red 版头, the number, the 版记); numbered once per kind and
// year; the organisation's file checked like the other settings files.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { DocumentNumbers, localYear } from '../../activities/document-numbers';
import { heading, paragraph } from '../../activities/templates/doc';
import { toDocx } from '../../activities/templates/docx';
import { DEFAULT_ORGANISATION, OrganisationFileError, parseOrganisationFile } from '../../config/organisation-file';
import { WORKFLOW_ID, incidentState, useActivitiesOfOrganisation } from './fixtures';

const ORGANISATION = `{
  // 单位资料 / the organisation
  "name": "某县教育局",
  "mark": "某县教育局",
  "numberPrefix": "某教",
  "mainTo": ["县委网信办"],
  "cc": ["县政府办公室", "市教育局"],
  "signer": "王局长",
  "issuer": "某县教育局办公室",
  "urgency": "特急",
}`;

function unzip(buffer: Uint8Array) {
  const files = unzipSync(buffer);
  const text = (name: string) => strFromU8(files[name] ?? new Uint8Array());
  return { document: text('word/document.xml'), styles: text('word/styles.xml') };
}

/** the text of the paragraph holding `text`, and its properties */
function paragraphWith(xml: string, text: string): string {
  const p = xml.split('<w:p>').find((chunk) => chunk.includes(`>${text}<`));
  if (!p) throw new Error(`no paragraph with ${text}`);
  return p;
}

const organisation = useActivitiesOfOrganisation(ORGANISATION);

describe('the Word file', () => {
  it('lays the 汇报 out on A4 with the standard margins, 22 lines of 28 characters, the red 版头, the 发文字号 and the 版记', async () => {
    const ref = await organisation().activities.renderDocument({ idempotencyKey: 'docx-summary-1', kind: 'summary', state: incidentState() });
    const year = localYear(new Date(ref.createdAt));
    expect(ref.number).toBe(`某教〔${year}〕1号`);
    expect(ref.paths.docx).toMatch(new RegExp(`/documents/舆情处置情况汇报某教〔${year}〕1号\\.docx$`));
    const { document, styles } = unzip(await readFile(join(organisation().dataDir, ref.paths.docx as string)));

    expect(document).toContain('<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"/>');
    // 37 / 26 / 35 / 28 mm in twips
    expect(document).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    // 225 mm over 22 lines; (156 mm / 28 − 16 pt) × 4096
    expect(document).toContain('<w:docGrid w:type="linesAndChars" w:linePitch="579" w:charSpace="-842"/>');
    expect(styles).toMatch(/<w:rPrDefault><w:rPr><w:rFonts [^>]*w:eastAsia="仿宋"[^>]*\/><w:sz w:val="32"\/>/);

    const mark = paragraphWith(document, '某县教育局文件');
    expect(mark).toContain('w:eastAsia="方正小标宋简体"');
    expect(mark).toContain('<w:color w:val="FF0000"/>');
    expect(mark).toContain('<w:jc w:val="center"/>');
    // the red line under the 版头
    expect(document).toMatch(/<w:bottom w:val="single" w:color="FF0000" w:sz="12" w:space="1"\/>/);
    expect(paragraphWith(document, '特急')).toContain('w:eastAsia="黑体"');
    // a report upward: 发文字号 left, 签发人 right
    const numberLine = paragraphWith(document, `某教〔${year}〕1号`);
    expect(numberLine).toContain('>签发人：王局长<');
    expect(numberLine).toContain('<w:tab/>');

    const title = paragraphWith(document, '舆情处置情况汇报');
    expect(title).toContain('w:eastAsia="方正小标宋简体"');
    expect(title).toContain('<w:sz w:val="44"/>');
    expect(document).toContain('>县委网信办：<');
    // the body: 3号 仿宋 at the exact line pitch, headings in 黑体
    expect(paragraphWith(document, '一、事件基本情况')).toContain('w:eastAsia="黑体"');
    expect(document).toContain('<w:spacing w:line="579" w:lineRule="exact"/>');

    // 落款 and 版记
    const date = document.match(new RegExp(`>(${year}年\\d{1,2}月\\d{1,2}日)<`))?.[1];
    expect(date).toBeDefined();
    const cc = paragraphWith(document, '抄送：县政府办公室，市教育局。');
    expect(cc).toMatch(/<w:top w:val="single" w:color="000000" w:sz="8"/);
    const printed = paragraphWith(document, '某县教育局办公室');
    expect(printed).toContain(`>${date}印发<`);
    expect(printed).toMatch(/<w:bottom w:val="single" w:color="000000" w:sz="8"/);
    expect(document.lastIndexOf('印发<')).toBeGreaterThan(document.lastIndexOf('一、事件基本情况'));
    // the same blocks as the Markdown and HTML: the published text, no stored path, no workflow id
    expect(document).toContain('>学校向学生和家长诚恳致歉，将持续通报进展。<');
    expect(document).not.toMatch(/(published|archive|data|incidents)\/[^\s<>]*\.(md|html|docx|json)/);
    expect(document).not.toContain(WORKFLOW_ID);
  });

  it('heads the 专报 with its name as the mark and the 期号, and lists attachments', async () => {
    const buffer = await toDocx(
      { title: '舆情专报', meta: ['某事'], blocks: [heading('概况'), paragraph('正文')] },
      { profile: DEFAULT_ORGANISATION, style: 'issue', kindName: '舆情专报', number: { year: 2026, n: 12 }, date: new Date('2026-12-02T01:00:00Z'), attachments: ['舆情原帖截图'] },
    );
    const { document } = unzip(buffer);
    expect(paragraphWith(document, '舆情专报')).toContain('<w:color w:val="FF0000"/>');
    expect(document).toContain('>2026年第12期<');
    expect(document).toContain('>2026年12月2日<');
    expect(document).toContain('>附件：<');
    expect(document).toContain('>舆情原帖截图<');
    expect(document).toContain('>上级主管部门：<');
    // no 抄送 set: the 印发 line stands between the two thick lines alone
    expect(document).not.toContain('抄送');
    expect(paragraphWith(document, '2026年12月2日印发')).toMatch(/<w:top w:val="single" w:color="000000" w:sz="8"/);
  });
});

describe('document numbers', () => {
  it('counts each kind per year from 1, gives a retry its first number and starts again in a new year', async () => {
    const numbers = new DocumentNumbers(organisation().dataDir);
    const at = new Date('2026-06-01T02:00:00Z');
    const labelOf = ({ year, n }: { year: number; n: number }) => `${year}-${n}`;
    expect((await numbers.issue('sequence-test', 'a', at, labelOf)).n).toBe(1);
    expect((await numbers.issue('sequence-test', 'b', at, labelOf)).n).toBe(2);
    // another kind has its own sequence
    expect((await numbers.issue('other-test', 'a', at, labelOf)).n).toBe(1);
    // a retry, even past new year, keeps the number its first attempt took
    expect(await numbers.issue('sequence-test', 'a', new Date('2027-01-01T01:00:00Z'), labelOf)).toEqual({ year: 2026, n: 1, label: '2026-1' });
    // 1 January 07:00 in Shanghai is still 31 December in UTC, and already the new year
    expect(await numbers.issue('sequence-test', 'c', new Date('2026-12-31T23:00:00Z'), labelOf)).toEqual({ year: 2027, n: 1, label: '2027-1' });
    expect((await numbers.issue('sequence-test', 'd', at, labelOf)).n).toBe(3);
  });

  it('gives concurrent renders different numbers', async () => {
    const numbers = new DocumentNumbers(organisation().dataDir);
    const at = new Date('2026-06-01T02:00:00Z');
    const given = await Promise.all(Array.from({ length: 8 }, (_, i) => numbers.issue('summary-race', `k${i}`, at, String)));
    expect(given.map((g) => g.n).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('numbers a retried render as its first attempt, and the next 通报 with the next 期号', async () => {
    const state = incidentState();
    const first = await organisation().activities.renderDocument({ idempotencyKey: 'docx-bulletin-1', kind: 'bulletin', state, sequence: 1 });
    const retry = await organisation().activities.renderDocument({ idempotencyKey: 'docx-bulletin-1', kind: 'bulletin', state, sequence: 1 });
    const next = await organisation().activities.renderDocument({ idempotencyKey: 'docx-bulletin-2', kind: 'bulletin', state, sequence: 2 });
    const year = localYear(new Date(first.createdAt));
    expect(first.number).toBe(`${year}年第1期`);
    expect(retry.number).toBe(first.number);
    expect(retry.paths.docx).toBe(first.paths.docx);
    expect(next.number).toBe(`${year}年第2期`);
    expect(next.paths.docx).toMatch(/网络舆情通报\d{4}年第2期\.docx$/);
  });
});

describe('the organisation file', () => {
  it('fills in what it leaves out', () => {
    expect(parseOrganisationFile('{ "name": "某校" }', 'org.jsonc')).toMatchObject({ name: '某校', numberPrefix: '舆', mainTo: ['上级主管部门'], cc: [], language: 'zh-Hans' });
  });

  it('names the line, the field and the rule of what is wrong', () => {
    const bad = () => parseOrganisationFile('{\n  "name": "某校",\n  "numberPrefix": "某/教",\n  "colour": "red"\n}', 'org.jsonc');
    expect(bad).toThrow(OrganisationFileError);
    expect(bad).toThrow(/org\.jsonc:3: numberPrefix \("某\/教"\): .*须为 1 至 20 个文字或数字/);
    expect(bad).toThrow(/org\.jsonc:4: colour \("red"\): unknown field/);
  });
});
