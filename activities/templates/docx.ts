// The same block model printed as a Word document an office files and prints: laid out per
// GB/T 9704-2012 《党政机关公文格式》. A4, margins 37/35/28/26 mm, a text area of 22 lines of 28
// characters in 3号 仿宋; a 版头 with the issuing mark in red over a red line, the 发文字号 or 期号;
// the title in 2号 小标宋; 主送, body, 附件, 落款; a 版记 with 抄送 and 印发 between lines.
import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentGridType,
  ExternalHyperlink,
  LineRuleType,
  Packer,
  Paragraph,
  Tab,
  Table,
  TableCell,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
  type IBorderOptions,
  type IParagraphOptions,
  type IRunOptions,
} from 'docx';
import { label, type Lang } from '../../domain/labels';
import { DEFAULT_UTC_OFFSET_MINUTES } from '../../domain/rules/calendar';
import type { OrganisationProfile } from '../../config/organisation-file';
import { numbered, paragraphs, safeHref, type Block, type Cell, type Doc } from './doc';

/** twips (1/20 pt) per millimetre */
const MM = 1440 / 25.4;
const twips = (mm: number) => Math.round(mm * MM);

export const PAGE = { width: 11906, height: 16838 } as const;
export const MARGINS = { top: twips(37), bottom: twips(35), left: twips(28), right: twips(26) } as const;
const TEXT_WIDTH = PAGE.width - MARGINS.left - MARGINS.right;
const TEXT_HEIGHT = PAGE.height - MARGINS.top - MARGINS.bottom;
/** 22 lines fill the text area: rounded down, so the 22nd line never spills onto the next page */
export const LINE_PITCH = Math.floor(TEXT_HEIGHT / 22);

/** half-points, as Word sizes fonts: 2号 22 pt, 3号 16 pt, 4号 14 pt, 小四 12 pt, 小初 36 pt */
const SIZE = { mark: 72, title: 44, body: 32, note: 28, table: 24 } as const;
const BODY_PT = SIZE.body / 2;
/**
 * 28 characters per line: the grid Word and WPS snap East Asian text to adds this to each
 * character's 16 pt, in 1/4096 pt (ECMA-376 §17.6.5), as the offices' own templates do; a run's
 * spacing on top would narrow it twice.
 */
export const CHAR_SPACE = Math.floor((TEXT_WIDTH / 20 / 28 - BODY_PT) * 4096);

/**
 * The faces GB/T 9704 names. A run names one face: 方正小标宋简体 is the face offices install for
 * the standard, and where it is missing Word and WPS substitute a 宋体; 仿宋, 黑体 and 楷体 come
 * with Windows itself (仿宋_GB2312 does not since Windows Vista, so 仿宋 is named).
 */
export const FONTS = { title: '方正小标宋简体', body: '仿宋', heading: '黑体', subheading: '楷体', latin: 'Times New Roman' } as const;
export const RED = 'FF0000';

const face = (eastAsia: string) => ({ eastAsia, ascii: FONTS.latin, hAnsi: FONTS.latin, hint: 'eastAsia' as const });
const LANG_TAG: Record<Lang, string> = { 'zh-Hans': 'zh-CN', 'zh-Hant': 'zh-TW', en: 'en-US' };

export type NumberStyle = 'file' | 'issue';

export interface DocumentNumber {
  year: number;
  n: number;
}

/** 发文字号 (×教〔2026〕12号) for a document issued as the organisation's own, 期号 (2026年第12期) for a periodical one */
export function numberText(style: NumberStyle, profile: OrganisationProfile, { year, n }: DocumentNumber): string {
  const fill = (template: string) => template.replace('{prefix}', profile.numberPrefix).replace('{year}', String(year)).replace('{n}', String(n));
  return fill(label('officialDocument', style === 'file' ? 'fileNumber' : 'issueNumber', profile.language));
}

/** 成文日期 at the calendar's offset, 2026年12月2日 */
export function issueDate(at: Date, lang: Lang): string {
  const d = new Date(at.getTime() + DEFAULT_UTC_OFFSET_MINUTES * 60_000);
  return label('officialDocument', 'date', lang)
    .replace('{year}', String(d.getUTCFullYear()))
    .replace('{month}', String(d.getUTCMonth() + 1))
    .replace('{day}', String(d.getUTCDate()));
}

export interface Letterhead {
  profile: OrganisationProfile;
  style: NumberStyle;
  /** the periodical's name (舆情专报): the mark of an issue-numbered document */
  kindName: string;
  number: DocumentNumber;
  date: Date;
  attachments?: string[];
}

const run = (text: string, options: IRunOptions = {}) => new TextRun({ text, ...options });
const bodyRun = (text: string) => run(text, { font: face(FONTS.body), size: SIZE.body });
/** to the right-hand tab stop, where a line's second part (签发人, the date) stands */
const tab = (size: number = SIZE.body) => new TextRun({ children: [new Tab()], size });
const exact = { line: LINE_PITCH, lineRule: LineRuleType.EXACT } as const;
/** the body's paragraphs open two characters in */
const INDENT = { firstLineChars: 200 } as const;

function para(children: IParagraphOptions['children'], options: Omit<IParagraphOptions, 'children'> = {}): Paragraph {
  return new Paragraph({ spacing: exact, ...options, children });
}

function cellRuns(cell: Cell, size: number = SIZE.body) {
  const font = face(FONTS.body);
  if (typeof cell === 'string') return cell.split('\n').map((line, i) => run(line, { font, size, break: i ? 1 : 0 }));
  const href = safeHref(cell.href);
  // only web links become links in a file opened outside the incident's folder
  return href && /^https?:/.test(href)
    ? [new ExternalHyperlink({ link: href, children: [run(cell.text, { font, size, style: 'Hyperlink' })] })]
    : [run(cell.text, { font, size })];
}

const line = (size: number): IBorderOptions => ({ style: BorderStyle.SINGLE, size, color: '000000', space: 1 });
/** 版记's first and last lines are thicker (0.35 mm) than those between (0.25 mm); eighths of a point */
const THICK = line(8);
const THIN = line(6);

function tableOf(head: string[], rows: Cell[][]): Table {
  const width = Math.floor(TEXT_WIDTH / head.length);
  const cell = (c: Cell, bold = false) =>
    new TableCell({
      width: { size: width, type: WidthType.DXA },
      children: [new Paragraph({ children: bold && typeof c === 'string' ? [run(c, { font: face(FONTS.heading), size: SIZE.table })] : cellRuns(c, SIZE.table) })],
    });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: head.map(() => width),
    rows: [new TableRow({ tableHeader: true, children: head.map((h) => cell(h, true)) }), ...rows.map((r) => new TableRow({ children: r.map((c) => cell(c)) }))],
  });
}

function blockOf(b: Block): (Paragraph | Table)[] {
  switch (b.kind) {
    // 结构层次: 一、 in 黑体, (一) in 楷体 (GB/T 9704 §7.3.3)
    case 'heading':
      return [para([run(b.text, { font: face(FONTS.heading), size: SIZE.body })], { indent: INDENT })];
    case 'subheading':
      return [para([run(b.text, { font: face(FONTS.subheading), size: SIZE.body })], { indent: INDENT })];
    case 'paragraph':
      return paragraphs(b.text).map((p) => para(cellRuns(p), { indent: INDENT }));
    case 'fields':
      return b.rows.map(([l, v]) => para([bodyRun(`${l}：`), ...cellRuns(v)], { indent: INDENT }));
    case 'list':
      return b.items.map((item, i) => para([bodyRun(`${i + 1}．`), ...cellRuns(item)], { indent: INDENT }));
    case 'table':
      return [tableOf(b.head, b.rows), para([])];
  }
}

function masthead(doc: Doc, head: Letterhead): Paragraph[] {
  const { profile, style } = head;
  const lang = profile.language;
  const number = numberText(style, profile, head.number);
  const markings = [profile.secrecy, profile.urgency].filter((m): m is string => Boolean(m));
  const mark = style === 'file' ? label('officialDocument', 'fileMark', lang).replace('{mark}', profile.mark ?? profile.name) : head.kindName;
  const right = { type: TabStopType.RIGHT, position: TEXT_WIDTH };
  const numberLine =
    style === 'file' && profile.signer
      ? // a report upward: 发文字号 on the left, 签发人 on the right (GB/T 9704 §7.2.6)
        para([bodyRun(number), tab(), bodyRun(label('officialDocument', 'signer', lang).replace('{name}', profile.signer))], { tabStops: [{ ...right, position: TEXT_WIDTH - 640 }], indent: { left: 320, right: 320 } })
      : para([bodyRun(number)], { alignment: AlignmentType.CENTER });
  return [
    ...markings.map((m) => para([run(m, { font: face(FONTS.heading), size: SIZE.body })])),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: markings.length ? 0 : LINE_PITCH, after: LINE_PITCH },
      children: [run(mark, { font: face(FONTS.title), size: SIZE.mark, color: RED })],
    }),
    numberLine,
    ...(style === 'issue' ? [para([bodyRun(profile.name), tab(), bodyRun(issueDate(head.date, lang))], { tabStops: [right] })] : []),
    // the red line under the 版头
    new Paragraph({ spacing: { after: LINE_PITCH }, border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: RED, space: 1 } }, children: [] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { line: Math.round(SIZE.title * 15), lineRule: LineRuleType.AT_LEAST }, children: [run(doc.title, { font: face(FONTS.title), size: SIZE.title })] }),
    ...doc.meta.map((m) => para([run(m, { font: face(FONTS.subheading), size: SIZE.body })], { alignment: AlignmentType.CENTER })),
    para([]),
    ...(profile.mainTo.length ? [para([bodyRun(`${profile.mainTo.join('、')}：`)])] : []),
  ];
}

function closing(head: Letterhead): Paragraph[] {
  const { profile } = head;
  const lang = profile.language;
  const attachments = head.attachments ?? [];
  const word = label('officialDocument', 'attachments', lang);
  const date = issueDate(head.date, lang);
  // 落款: the date four characters in from the right, the name centred over it (GB/T 9704 §7.3.5)
  const fromRight = 4 * BODY_PT * 20;
  return [
    para([]),
    ...attachments.map((a, i) =>
      para([bodyRun(i ? '' : word), bodyRun(attachments.length > 1 ? `${i + 1}．${a}` : a)], { indent: { left: i ? 640 + 960 : 640 } }),
    ),
    ...(attachments.length ? [para([])] : []),
    para([bodyRun(profile.name)], { alignment: AlignmentType.RIGHT, indent: { right: fromRight } }),
    para([bodyRun(date)], { alignment: AlignmentType.RIGHT, indent: { right: fromRight } }),
  ];
}

/** 版记: 抄送 and 印发机关 + 印发日期 in 4号 仿宋, one character in from each side, between lines. */
function colophon(head: Letterhead): Paragraph[] {
  const { profile } = head;
  const lang = profile.language;
  const note = (text: string) => run(text, { font: face(FONTS.body), size: SIZE.note });
  const inset = { left: 280, right: 280 };
  const printed = label('officialDocument', 'printed', lang).replace('{date}', issueDate(head.date, lang));
  const cc = profile.cc.length ? [para([note(label('officialDocument', 'cc', lang).replace('{to}', `${profile.cc.join('，')}。`))], { indent: inset, border: { top: THICK, bottom: THIN } })] : [];
  return [
    para([]),
    ...cc,
    para([note(profile.issuer ?? profile.name), tab(SIZE.note), note(printed)], {
      indent: inset,
      tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH - inset.left - inset.right }],
      border: { ...(cc.length ? {} : { top: THICK }), bottom: THICK },
    }),
  ];
}

export function toDocxDocument(doc: Doc, head: Letterhead): Document {
  return new Document({
    creator: head.profile.name,
    title: doc.title,
    styles: {
      default: {
        document: { run: { font: face(FONTS.body), size: SIZE.body, language: { value: LANG_TAG[head.profile.language], eastAsia: LANG_TAG[head.profile.language] } } },
      },
    },
    sections: [
      {
        properties: {
          page: { size: PAGE, margin: { ...MARGINS, header: twips(15), footer: twips(28) } },
          grid: { type: DocumentGridType.LINES_AND_CHARS, linePitch: LINE_PITCH, charSpace: CHAR_SPACE },
        },
        children: [...masthead(doc, head), ...numbered(doc.blocks).flatMap(blockOf), ...closing(head), ...colophon(head)],
      },
    ],
  });
}

export function toDocx(doc: Doc, head: Letterhead): Promise<Buffer> {
  return Packer.toBuffer(toDocxDocument(doc, head));
}
