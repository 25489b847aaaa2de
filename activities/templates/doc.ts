// A document is written once as a list of blocks and printed twice, as Markdown and as HTML, so
// the two files can never say different things. All text in blocks is plain text: the printers
// escape it, which is what keeps netizen-supplied titles and excerpts from becoming markup.
import { escapeHtml, webHref } from '../../domain/markup';
import { inScript, type Script } from '../../domain/script';

export interface Link {
  text: string;
  href: string;
}
export type Cell = string | Link;

export type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'subheading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'fields'; rows: [label: string, value: Cell][] }
  | { kind: 'table'; head: string[]; rows: Cell[][] }
  | { kind: 'list'; items: Cell[] };

export interface Doc {
  /** the document title, e.g. 《舆情专报》 */
  title: string;
  /** lines under the title: the incident, the issuing time */
  meta: string[];
  /**
   * its 发文字号 or 期号 as the numbers book gave it, printed under the title in Markdown and HTML
   * (the Word file's 版头 prints it itself); never the workflow id, which is no number a person files by
   */
  number?: string;
  blocks: Block[];
}

export const heading = (text: string): Block => ({ kind: 'heading', text });
export const subheading = (text: string): Block => ({ kind: 'subheading', text });
export const paragraph = (text: string): Block => ({ kind: 'paragraph', text });
export const fields = (rows: [string, Cell][]): Block => ({ kind: 'fields', rows });
export const list = (items: Cell[]): Block => ({ kind: 'list', items });
/** an empty table prints as `empty` instead, so a reader sees 无 rather than a bare header row */
export const table = (head: string[], rows: Cell[][], empty = '无。'): Block =>
  rows.length ? { kind: 'table', head, rows } : paragraph(empty);

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五'];

/** Sections are numbered 一、二、… as in the seed documents. */
export function numbered(blocks: Block[]): Block[] {
  let n = 0;
  return blocks.map((b) => (b.kind === 'heading' ? { ...b, text: `${NUMERALS[n++] ?? String(n)}、${b.text}` } : b));
}

/**
 * Only web links and plain relative paths (an archive's own files) become links; anything else
 * (javascript:, data:) is shown as text.
 */
export function safeHref(href: string): string | undefined {
  if (/^[\w][\w./-]*$/.test(href) && !href.includes('..')) return href;
  return webHref(href);
}

/** The whole document in `script`: Yuqing's words and what people wrote alike, as the organisation files it. */
export function docInScript(doc: Doc, script: Script): Doc {
  if (script === 'zh-Hans') return doc;
  const t = (text: string) => inScript(text, script);
  const cell = (c: Cell): Cell => (typeof c === 'string' ? t(c) : { ...c, text: t(c.text) });
  const block = (b: Block): Block => {
    switch (b.kind) {
      case 'fields':
        return { ...b, rows: b.rows.map(([l, v]): [string, Cell] => [t(l), cell(v)]) };
      case 'table':
        return { ...b, head: b.head.map(t), rows: b.rows.map((r) => r.map(cell)) };
      case 'list':
        return { ...b, items: b.items.map(cell) };
      default:
        return { ...b, text: t(b.text) };
    }
  };
  return { ...doc, title: t(doc.title), meta: doc.meta.map(t), blocks: doc.blocks.map(block) };
}

export const paragraphs = (text: string) => text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);

// ---- Markdown --------------------------------------------------------------------------------

/**
 * Backslash-escapes what Markdown would read as markup. Outside tables, a line start that would
 * open a list or heading is escaped too; inside a table cell it cannot open one.
 */
export function mdText(text: string, inTable = false): string {
  const inline = text.replace(/[\\`*_[\]<>|#~&!]/g, '\\$&');
  return inTable ? inline : inline.replace(/^(\s*)([-+=]|\d+\.)/gm, (_, space: string, mark: string) => `${space}${mark.replace(/([-+=.])/, '\\$1')}`);
}

/** Where a cell is printed decides how its line breaks are kept. */
const MD_BREAKS = { paragraph: '\\\n', item: '\\\n  ', table: '<br>' } as const;

function mdCell(cell: Cell, where: keyof typeof MD_BREAKS): string {
  const inTable = where === 'table';
  if (typeof cell === 'string') return mdText(cell, inTable).split('\n').join(MD_BREAKS[where]);
  const href = safeHref(cell.href);
  const text = mdText(cell.text, inTable);
  return href ? `[${text}](<${href.replace(/[<>\s]/g, encodeURIComponent)}>)` : text;
}

function mdBlock(b: Block): string {
  switch (b.kind) {
    case 'heading':
      return `## ${mdText(b.text)}`;
    case 'subheading':
      return `### ${mdText(b.text)}`;
    case 'paragraph':
      return paragraphs(b.text).map((p) => mdCell(p, 'paragraph')).join('\n\n');
    case 'fields':
      return b.rows.map(([label, value]) => `- **${mdText(label)}**：${mdCell(value, 'item')}`).join('\n');
    case 'list':
      return b.items.map((item) => `- ${mdCell(item, 'item')}`).join('\n');
    case 'table': {
      const row = (cells: Cell[]) => `| ${cells.map((c) => mdCell(c, 'table')).join(' | ')} |`;
      return [row(b.head), `|${b.head.map(() => ' --- |').join('')}`, ...b.rows.map(row)].join('\n');
    }
  }
}

export function toMarkdown(doc: Doc): string {
  const meta = [...(doc.number ? [doc.number] : []), ...doc.meta].map((m) => `> ${mdText(m)}`).join('\n>\n');
  return [`# ${mdText(doc.title)}`, meta, ...numbered(doc.blocks).map(mdBlock)].filter(Boolean).join('\n\n') + '\n';
}

// ---- HTML ------------------------------------------------------------------------------------

/** A cell as HTML: its text escaped, its line breaks kept, a link only where safeHref allows one. */
export function htmlCell(cell: Cell): string {
  if (typeof cell === 'string') return escapeHtml(cell).split('\n').join('<br>');
  const href = safeHref(cell.href);
  return href ? `<a href="${escapeHtml(href)}" rel="noopener noreferrer">${escapeHtml(cell.text)}</a>` : escapeHtml(cell.text);
}

/** A block as screen HTML; the print page (print.ts) sets fields and lists as the national layout does and takes the rest from here. */
export function htmlBlock(b: Block): string {
  switch (b.kind) {
    case 'heading':
      return `<h2>${escapeHtml(b.text)}</h2>`;
    case 'subheading':
      return `<h3>${escapeHtml(b.text)}</h3>`;
    case 'paragraph':
      return paragraphs(b.text).map((p) => `<p>${htmlCell(p)}</p>`).join('\n');
    case 'fields':
      return `<table class="fields">\n${b.rows.map(([l, v]) => `<tr><th>${escapeHtml(l)}</th><td>${htmlCell(v)}</td></tr>`).join('\n')}\n</table>`;
    case 'list':
      return `<ul>\n${b.items.map((i) => `<li>${htmlCell(i)}</li>`).join('\n')}\n</ul>`;
    case 'table':
      return [
        '<table>',
        `<thead><tr>${b.head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead>`,
        '<tbody>',
        ...b.rows.map((r) => `<tr>${r.map((c) => `<td>${htmlCell(c)}</td>`).join('')}</tr>`),
        '</tbody>',
        '</table>',
      ].join('\n');
  }
}

// printed documents are read on paper as often as on screen: a serif CJK face and plain tables
const CSS = `body{font-family:"Noto Serif TC","Songti TC","PMingLiU",serif;max-width:50rem;margin:2rem auto;padding:0 1rem;line-height:1.7;color:#111}
h1{text-align:center;color:#b00;border-bottom:3px double #b00;padding-bottom:.5rem}
.meta{text-align:center;color:#555;margin:0}
h2{font-size:1.15rem;margin-top:1.8rem}h3{font-size:1rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0;font-size:.95rem}
th,td{border:1px solid #999;padding:.3rem .5rem;text-align:left;vertical-align:top}
thead th,.fields th{background:#f3f3f3;white-space:nowrap}.fields th{width:8rem}
@page{size:A4;margin:37mm 26mm 35mm 28mm}@media print{body{margin:0;max-width:none;padding:0}a{color:inherit}}`;

export function toHtml(doc: Doc, script: Script = 'zh-Hans'): string {
  return [
    '<!doctype html>',
    `<html lang="${script}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml([doc.title, ...doc.meta.slice(0, 1)].join('：'))}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    `<h1>${escapeHtml(doc.title)}</h1>`,
    ...(doc.number ? [`<p class="meta number">${escapeHtml(doc.number)}</p>`] : []),
    ...doc.meta.map((m) => `<p class="meta">${escapeHtml(m)}</p>`),
    ...numbered(doc.blocks).map(htmlBlock),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
