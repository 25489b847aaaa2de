// The official document (official.ts) as a Word file an office files and prints, laid out per
// GB/T 9704-2012 《党政机关公文格式》 in Word's units (twips, half-points). A4, margins 37/35/28/26 mm, a text area of 22 lines of 28
// characters in 3号 仿宋; a 版头 with the issuing mark in red over a red line, the 发文字号 or 期号;
// the title in 2号 小标宋; 主送, body, 附件, 落款; a 版记 with 抄送 and 印发 between lines.
import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentGridType,
  ExternalHyperlink,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
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
import type { Lang } from '../../domain/labels';
import { paragraphs, safeHref, type Block, type Cell, type Doc } from './doc';
import { FACES, GRID, MARGINS_MM, officialDocument, PAGE_MM, RED, SIZE_PT, type Face, type Letterhead, type OfficialDocument } from './official';

/** twips (1/20 pt) per millimetre */
const MM = 1440 / 25.4;
const twips = (mm: number) => Math.round(mm * MM);

export const PAGE = { width: twips(PAGE_MM.width), height: twips(PAGE_MM.height) } as const;
export const MARGINS = { top: twips(MARGINS_MM.top), bottom: twips(MARGINS_MM.bottom), left: twips(MARGINS_MM.left), right: twips(MARGINS_MM.right) } as const;
const TEXT_WIDTH = PAGE.width - MARGINS.left - MARGINS.right;
const TEXT_HEIGHT = PAGE.height - MARGINS.top - MARGINS.bottom;
/** 22 lines fill the text area: rounded down, so the 22nd line never spills onto the next page */
export const LINE_PITCH = Math.floor(TEXT_HEIGHT / GRID.lines);

/** half-points, as Word sizes fonts */
const SIZE = { mark: SIZE_PT.mark * 2, title: SIZE_PT.title * 2, body: SIZE_PT.body * 2, note: SIZE_PT.note * 2, table: SIZE_PT.table * 2 } as const;
const BODY_PT = SIZE_PT.body;
/**
 * 28 characters per line: the grid Word and WPS snap East Asian text to adds this to each
 * character's 16 pt, in 1/4096 pt (ECMA-376 §17.6.5), as the offices' own templates do; a run's
 * spacing on top would narrow it twice.
 */
export const CHAR_SPACE = Math.floor((TEXT_WIDTH / 20 / GRID.chars - BODY_PT) * 4096);

/** A run names one face, the first the standard's list gives (official.ts). */
const face = (kind: Face) => ({ eastAsia: FACES[kind][0], ascii: FACES.latin[0], hAnsi: FACES.latin[0], hint: 'eastAsia' as const });
const LANG_TAG: Record<Lang, string> = { 'zh-Hans': 'zh-CN', 'zh-Hant': 'zh-TW', en: 'en-US' };

const run = (text: string, options: IRunOptions = {}) => new TextRun({ text, ...options });
const bodyRun = (text: string) => run(text, { font: face('body'), size: SIZE.body });
/** to the right-hand tab stop, where a line's second part (签发人, the date) stands */
const tab = (size: number = SIZE.body) => new TextRun({ children: [new Tab()], size });
const exact = { line: LINE_PITCH, lineRule: LineRuleType.EXACT } as const;
/** the body's paragraphs open two characters in */
const INDENT = { firstLineChars: 200 } as const;

function para(children: IParagraphOptions['children'], options: Omit<IParagraphOptions, 'children'> = {}): Paragraph {
  return new Paragraph({ spacing: exact, ...options, children });
}

function cellRuns(cell: Cell, size: number = SIZE.body) {
  const font = face('body');
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
      children: [new Paragraph({ children: bold && typeof c === 'string' ? [run(c, { font: face('heading'), size: SIZE.table })] : cellRuns(c, SIZE.table) })],
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
      return [para([run(b.text, { font: face('heading'), size: SIZE.body })], { indent: INDENT })];
    case 'subheading':
      return [para([run(b.text, { font: face('subheading'), size: SIZE.body })], { indent: INDENT })];
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

function masthead(o: OfficialDocument): Paragraph[] {
  const right = { type: TabStopType.RIGHT, position: TEXT_WIDTH };
  const numberLine = o.signer
    ? // 发文字号 on the left, 签发人 on the right, each one character in
      para([bodyRun(o.number), tab(), bodyRun(o.signer)], { tabStops: [{ ...right, position: TEXT_WIDTH - 640 }], indent: { left: 320, right: 320 } })
    : para([bodyRun(o.number)], { alignment: AlignmentType.CENTER });
  return [
    ...o.markings.map((m) => para([run(m, { font: face('heading'), size: SIZE.body })])),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: o.markings.length ? 0 : LINE_PITCH, after: LINE_PITCH },
      children: [run(o.mark, { font: face('title'), size: SIZE.mark, color: RED })],
    }),
    numberLine,
    ...(o.issued ? [para([bodyRun(o.issued.by), tab(), bodyRun(o.issued.date)], { tabStops: [right] })] : []),
    // the red line under the 版头
    new Paragraph({ spacing: { after: LINE_PITCH }, border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: RED, space: 1 } }, children: [] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { line: Math.round(SIZE.title * 15), lineRule: LineRuleType.AT_LEAST }, children: [run(o.title, { font: face('title'), size: SIZE.title })] }),
    ...o.meta.map((m) => para([run(m, { font: face('subheading'), size: SIZE.body })], { alignment: AlignmentType.CENTER })),
    para([]),
    ...(o.mainTo ? [para([bodyRun(o.mainTo)])] : []),
  ];
}

function closing(o: OfficialDocument): Paragraph[] {
  const { items, word } = o.attachments;
  // 落款: the date four characters in from the right, the name centred over it (GB/T 9704 §7.3.5)
  const fromRight = 4 * BODY_PT * 20;
  return [
    para([]),
    ...items.map((a, i) => para([bodyRun(i ? '' : word), bodyRun(a)], { indent: { left: i ? 640 + 960 : 640 } })),
    ...(items.length ? [para([])] : []),
    para([bodyRun(o.signature.name)], { alignment: AlignmentType.RIGHT, indent: { right: fromRight } }),
    para([bodyRun(o.signature.date)], { alignment: AlignmentType.RIGHT, indent: { right: fromRight } }),
  ];
}

/** 版记: 抄送 and 印发机关 + 印发日期 in 4号 仿宋, one character in from each side, between lines. */
function colophon({ colophon: c }: OfficialDocument): Paragraph[] {
  const note = (text: string) => run(text, { font: face('body'), size: SIZE.note });
  const inset = { left: 280, right: 280 };
  const cc = c.cc ? [para([note(c.cc)], { indent: inset, border: { top: THICK, bottom: THIN } })] : [];
  return [
    para([]),
    ...cc,
    para([note(c.issuer), tab(SIZE.note), note(c.printed)], {
      indent: inset,
      tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH - inset.left - inset.right }],
      border: { ...(cc.length ? {} : { top: THICK }), bottom: THICK },
    }),
  ];
}

/**
 * The page number (GB/T 9704 §7.5): "— 1 —" in 4号 半角宋体 under the text area, one character in
 * from the right on odd pages and from the left on even ones.
 */
function pageNumber(alignment: (typeof AlignmentType)['RIGHT' | 'LEFT']): Footer {
  const indent = alignment === AlignmentType.RIGHT ? { right: 280 } : { left: 280 };
  return new Footer({
    children: [
      new Paragraph({
        alignment,
        indent,
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: face('pageNumber'), size: SIZE.note })],
      }),
    ],
  });
}

export function toDocxDocument(o: OfficialDocument): Document {
  const tag = LANG_TAG[o.lang];
  return new Document({
    creator: o.author,
    title: o.title,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: { run: { font: face('body'), size: SIZE.body, language: { value: tag, eastAsia: tag } } },
      },
    },
    sections: [
      {
        properties: {
          page: { size: PAGE, margin: { ...MARGINS, header: twips(15), footer: twips(28) } },
          grid: { type: DocumentGridType.LINES_AND_CHARS, linePitch: LINE_PITCH, charSpace: CHAR_SPACE },
        },
        footers: { default: pageNumber(AlignmentType.RIGHT), even: pageNumber(AlignmentType.LEFT) },
        children: [...masthead(o), ...o.blocks.flatMap(blockOf), ...closing(o), ...colophon(o)],
      },
    ],
  });
}

export function toDocx(doc: Doc, head: Letterhead): Promise<Buffer> {
  return Packer.toBuffer(toDocxDocument(officialDocument(doc, head)));
}
