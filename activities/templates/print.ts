// The official document (official.ts) as a print-ready HTML page in the national layout, in CSS's
// units: A4 with the standard's margins, 22 lines of 28 characters in 3号 仿宋, the red 版头, the
// 版记, and the page number "— 1 —" in 4号 宋体 under the text area, right on odd pages and left
// on even ones, one character in (GB/T 9704 §7.5). Chromium prints it to the PDF; a person prints it
// from the page's 打印 button, which the print media hides. Every text is escaped.
import { label } from '../../domain/labels';
import { escapeHtml } from '../../domain/markup';
import { PRINT_BUTTON_ID, PRINT_SCRIPT } from '../../domain/print-script';
import { htmlBlock, htmlCell, type Block, type Doc } from './doc';
import { FACES, GRID, MARGINS_MM, officialDocument, PAGE_MM, RED, SIZE_PT, TEXT_MM, type Face, type Letterhead, type OfficialDocument } from './official';

/** mm, rounded down so that 28 characters and 22 lines never overflow the text area */
const floor3 = (n: number) => Math.floor(n * 1000) / 1000;
const CHAR_MM = floor3(TEXT_MM.width / GRID.chars);
const LINE_MM = floor3(TEXT_MM.height / GRID.lines);
const PT_MM = 25.4 / 72;

/**
 * A face list for CSS; a Traditional document asks for the Noto TC faces before the SC ones. Digits
 * and Latin letters take the Chinese face's own glyphs rather than Times New Roman as in the Word
 * file: Chromium embeds the two kinds of face differently, and a line mixing them falls apart into
 * two in the PDF's text layer, which copying and searching then read out of order.
 */
function family(kind: Face, traditional: boolean): string {
  const names: readonly string[] = FACES[kind];
  const ordered = traditional ? [...names.filter((n) => !/ SC$/.test(n)), ...names.filter((n) => / SC$/.test(n))] : names;
  return ordered.map((n) => (/^(serif|sans-serif)$/.test(n) ? n : `"${n}"`)).join(', ');
}

function css(traditional: boolean): string {
  const f = (kind: Face) => family(kind, traditional);
  const m = MARGINS_MM;
  const pageNumber = `content: "— " counter(page) " —"; font-family: ${f('pageNumber')}; font-size: ${SIZE_PT.note}pt; vertical-align: top; padding-top: 7mm`;
  return `@page { size: ${PAGE_MM.width}mm ${PAGE_MM.height}mm; margin: ${m.top}mm ${m.right}mm ${m.bottom}mm ${m.left}mm;
  @bottom-right { ${pageNumber}; text-align: right; padding-right: 1em } }
@page :left { @bottom-right { content: none } @bottom-left { ${pageNumber}; text-align: left; padding-left: 1em } }
:root { --char: ${CHAR_MM}mm; --line: ${LINE_MM}mm; color: #000 }
body { margin: 0; font-family: ${f('body')}; font-size: ${SIZE_PT.body}pt; line-height: var(--line);
  letter-spacing: ${floor3(CHAR_MM - SIZE_PT.body * PT_MM)}mm; text-align: justify; -webkit-print-color-adjust: exact; print-color-adjust: exact }
p, h1, h2, h3, table { margin: 0; font-size: inherit; font-weight: normal }
.marking { font-family: ${f('heading')} }
.mark { font-family: ${f('title')}; font-size: ${SIZE_PT.mark}pt; line-height: 1.3; color: #${RED}; text-align: center; letter-spacing: 0; margin: var(--line) 0 }
.marking + .mark { margin-top: 0 }
.number { text-align: center }
.number.signed, .issued, .printed { display: flex; justify-content: space-between }
.number.signed { padding: 0 var(--char) }
.red-line { border: 0; border-top: 1.5pt solid #${RED}; margin: 4mm 0 var(--line) }
.title { font-family: ${f('title')}; font-size: ${SIZE_PT.title}pt; line-height: 1.5; text-align: center; letter-spacing: 0 }
.meta { font-family: ${f('subheading')}; text-align: center }
.blank { height: var(--line) }
.body p, .body h2, .body h3 { text-indent: calc(2 * var(--char)) }
.body h2 { font-family: ${f('heading')} }
.body h3 { font-family: ${f('subheading')} }
.body table { width: 100%; border-collapse: collapse; font-size: ${SIZE_PT.table}pt; line-height: 1.5; letter-spacing: 0; text-align: left; margin-bottom: var(--line) }
.body th, .body td { border: 0.5pt solid #000; padding: 0 1mm; vertical-align: top }
.body th { font-family: ${f('heading')}; font-weight: normal }
.attachments p { padding-left: calc(5 * var(--char)) }
.attachments p:first-child { padding-left: calc(2 * var(--char)) }
.signature { text-align: right; padding-right: calc(4 * var(--char)) }
.colophon { font-size: ${SIZE_PT.note}pt; break-inside: avoid; margin-top: var(--line) }
.colophon p { padding: 0 ${SIZE_PT.note}pt; border-bottom: 0.35mm solid #000 }
.colophon p:first-child { border-top: 0.35mm solid #000 }
.colophon .cc { border-bottom-width: 0.25mm }
a { color: inherit; text-decoration: none }
@media screen {
  html { background: #e5e5e5 }
  body { box-sizing: content-box; width: ${TEXT_MM.width}mm; min-height: ${TEXT_MM.height}mm; margin: 1rem auto; padding: ${m.top}mm ${m.right}mm ${m.bottom}mm ${m.left}mm; background: #fff; box-shadow: 0 0 4px #999 }
  .toolbar { position: fixed; top: 1rem; right: 1rem; letter-spacing: 0 }
  .toolbar button { font: 14px sans-serif; padding: .4rem 1.2rem; cursor: pointer }
}
@media print { .toolbar { display: none } }`;
}

/** GB/T 9704 sets text, not boxes: fields as 「名称：内容」 lines and lists as numbered paragraphs. */
function blockHtml(b: Block): string {
  switch (b.kind) {
    case 'fields':
      return b.rows.map(([l, v]) => `<p>${escapeHtml(l)}：${htmlCell(v)}</p>`).join('\n');
    case 'list':
      return b.items.map((item, i) => `<p>${i + 1}．${htmlCell(item)}</p>`).join('\n');
    default:
      return htmlBlock(b);
  }
}

const p = (cls: string, text: string) => `<p class="${cls}">${escapeHtml(text)}</p>`;
const pair = (cls: string, left: string, right: string) => `<p class="${cls}"><span>${escapeHtml(left)}</span><span>${escapeHtml(right)}</span></p>`;

export function printHtml(o: OfficialDocument): string {
  const { colophon: c, attachments } = o;
  return [
    '<!doctype html>',
    `<html lang="${o.lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="author" content="${escapeHtml(o.author)}">`,
    `<title>${escapeHtml(`${o.title} ${o.number}`)}</title>`,
    `<style>${css(o.lang === 'zh-Hant')}</style>`,
    '</head>',
    '<body>',
    `<div class="toolbar"><button type="button" id="${PRINT_BUTTON_ID}">${escapeHtml(label('officialDocument', 'print', o.lang))}</button></div>`,
    '<header>',
    ...o.markings.map((m) => p('marking', m)),
    `<h1 class="mark">${escapeHtml(o.mark)}</h1>`,
    o.signer ? pair('number signed', o.number, o.signer) : p('number', o.number),
    ...(o.issued ? [pair('issued', o.issued.by, o.issued.date)] : []),
    '<hr class="red-line">',
    '</header>',
    '<main>',
    `<h1 class="title">${escapeHtml(o.title)}</h1>`,
    ...o.meta.map((m) => p('meta', m)),
    '<div class="blank"></div>',
    ...(o.mainTo ? [p('main-to', o.mainTo)] : []),
    '<div class="body">',
    ...o.blocks.map(blockHtml),
    '</div>',
    '<div class="blank"></div>',
    ...(attachments.items.length
      ? ['<div class="attachments">', ...attachments.items.map((a, i) => p('attachment', i ? a : `${attachments.word}${a}`)), '</div>', '<div class="blank"></div>']
      : []),
    p('signature', o.signature.name),
    p('signature', o.signature.date),
    '</main>',
    '<footer class="colophon">',
    ...(c.cc ? [p('cc', c.cc)] : []),
    pair('printed', c.issuer, c.printed),
    '</footer>',
    `<script>${PRINT_SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

export const toPrintHtml = (doc: Doc, head: Letterhead): string => printHtml(officialDocument(doc, head));
