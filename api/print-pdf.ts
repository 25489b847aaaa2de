// Prints a document's print page (activities/templates/print.ts) to PDF with headless Chromium, on
// the first download, and keeps the PDF beside it for the next ones.
//
// Why here and not in the render activity: the worker writes the print page, which needs nothing
// but text, so a worker host without a browser renders every document and no workflow can fail or
// retry for want of Chromium. Only the API needs one (CHROMIUM_PATH, or Debian's /usr/bin/chromium);
// without it a PDF download answers 503 saying so, and the print page (?format=print) still lets a
// person print from their own browser. A PDF older than its print page (the document re-rendered)
// is printed again; two first downloads at once share one print.
import { access, readFile, stat } from 'node:fs/promises';
import { constants } from 'node:fs';
import { chromium } from 'playwright-core';
import { writePrivateFile } from '../config/data-dir';
import { HttpError } from './errors';

export const PDF_TYPE = 'application/pdf';

export interface PdfPrinter {
  /** the PDF of `page`, kept at `pdf`; HttpError 503 when no browser is installed */
  pdfOf(page: string, pdf: string): Promise<Buffer>;
}

const mtime = (file: string) => stat(file).then((s) => s.mtimeMs, () => undefined);

/** The print page as Chromium prints it: A4 and the margins its @page rule sets, page numbers its margin boxes draw. */
async function print(executablePath: string, html: string): Promise<Buffer> {
  const browser = await chromium.launch({ executablePath, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  try {
    // the page holds netizens' text: no script runs and nothing is fetched while it is printed
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({ preferCSSPageSize: true, printBackground: true });
  } finally {
    await browser.close();
  }
}

export function pdfPrinter(executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'): PdfPrinter {
  const printing = new Map<string, Promise<Buffer>>();

  async function printAndKeep(page: string, pdf: string): Promise<Buffer> {
    const html = await readFile(page, 'utf8');
    await access(executablePath, constants.X_OK).catch(() => {
      throw new HttpError(503, 'pdf-unavailable', `PDF 需要在 API 所在主机安装 Chromium（CHROMIUM_PATH，未找到 ${executablePath}）；可先用“打印”页面从浏览器打印 / no Chromium at ${executablePath} (set CHROMIUM_PATH); print from the print page instead`);
    });
    const bytes = await print(executablePath, html);
    // a read-only data folder only costs the next download a print of its own
    await writePrivateFile(pdf, bytes).catch(() => undefined);
    return bytes;
  }

  return {
    async pdfOf(page, pdf) {
      const [pageTime, pdfTime] = await Promise.all([mtime(page), mtime(pdf)]);
      if (pageTime === undefined) throw new HttpError(404, 'not-found', 'this document has no print page');
      if (pdfTime !== undefined && pdfTime >= pageTime) return readFile(pdf);
      const running = printing.get(pdf) ?? printAndKeep(page, pdf).finally(() => printing.delete(pdf));
      printing.set(pdf, running);
      return running;
    },
  };
}
