// The roll-up reports (《网络舆情周报》/《网络舆情月报》) the Schedules write under <dataDir>/reports:
// listed newest period first and downloadable by anyone signed in, as HTML, Markdown, Word, PDF and a print page. A report is known by its name
// alone (weekly-2026-11-16, monthly-2026-11), which also says its period, so no index is kept.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { DEFAULT_UTC_OFFSET_MINUTES } from '../../domain/rules/calendar';
import { periodLabel, periodOfReport, REPORT_NAME, ROLLUP_TITLES } from '../../domain/rules/rollup-stats';
import { numberBook, printedPdf, printPage, REPORTS } from '../../domain/data-layout';
import type { AppDeps } from '../deps';
import { notFound, parse } from '../errors';
import { PDF_TYPE, pdfPrinter } from '../print-pdf';
import { DOCX_TYPE, FORMATS, SANDBOX, sendPrintPage } from './documents';

const Download = z.object({ name: z.string().regex(REPORT_NAME, 'must be a report name such as weekly-2026-11-16'), format: z.enum(FORMATS).default('html') });

/** the part of the numbers' book (activities/document-numbers.ts) a download's name needs */
const NumberBook = z.object({ issued: z.record(z.string(), z.object({ label: z.string() })) });

async function issuedLabel(book: string, name: string): Promise<string | undefined> {
  const raw = await readFile(book, 'utf8').catch(() => undefined);
  const parsed = raw === undefined ? undefined : NumberBook.safeParse(JSON.parse(raw));
  return parsed?.success ? parsed.data.issued[name]?.label : undefined;
}

async function listReports(dir: string) {
  const files = await readdir(dir).catch((err: NodeJS.ErrnoException): string[] => {
    if (err.code === 'ENOENT') return [];
    throw err;
  });
  const names = new Set(files.filter((f) => f.endsWith('.html')).map((f) => f.slice(0, -'.html'.length)));
  const items = [];
  for (const name of names) {
    const period = periodOfReport(name, DEFAULT_UTC_OFFSET_MINUTES);
    if (!period) continue;
    const { mtime } = await stat(join(dir, `${name}.html`));
    items.push({
      name,
      kind: period.kind,
      title: ROLLUP_TITLES[period.kind],
      label: periodLabel(period, DEFAULT_UTC_OFFSET_MINUTES),
      from: period.from,
      to: period.to,
      generatedAt: mtime.toISOString(),
      links: {
        html: `/api/reports/${name}`,
        md: `/api/reports/${name}?format=md`,
        ...(files.includes(`${name}.docx`) ? { docx: `/api/reports/${name}?format=docx` } : {}),
        // reports rendered before print pages were written have neither
        ...(files.includes(printPage(name)) ? { pdf: `/api/reports/${name}?format=pdf`, print: `/api/reports/${name}?format=print` } : {}),
      },
    });
  }
  return items.sort((a, b) => b.from.localeCompare(a.from) || a.kind.localeCompare(b.kind));
}

export function reportRoutes(deps: AppDeps, auth: RequestHandler): Router {
  const router = Router();
  const dir = join(deps.dataDir, REPORTS);
  const printer = deps.pdf ?? pdfPrinter();

  router.get('/api/reports', auth, async (_req, res) => {
    res.json({ items: await listReports(dir) });
  });

  router.get('/api/reports/:name', auth, async (req, res) => {
    const { name, format } = parse(Download, { name: req.params.name, format: req.query.format }, 'report', req);
    // named by its 期号 as the office files it; a report from before numbering keeps its own name
    const filed = async (ext: string) => {
      const kind = periodOfReport(name, DEFAULT_UTC_OFFSET_MINUTES)?.kind;
      const number = kind && (await issuedLabel(join(deps.dataDir, numberBook(kind)), name));
      return `${number ?? name}.${ext}`;
    };
    if (format === 'pdf') {
      const pdf = await printer.pdfOf(join(dir, printPage(name)), join(dir, printedPdf(name)));
      res.type(PDF_TYPE).attachment(await filed('pdf'));
      res.send(pdf);
      return;
    }
    const content = await readFile(join(dir, format === 'print' ? printPage(name) : `${name}.${format}`)).catch(() => {
      throw notFound('no such report');
    });
    if (format === 'print') {
      sendPrintPage(res, content, `${name}.html`);
      return;
    }
    if (format === 'docx') {
      res.type(DOCX_TYPE).attachment(await filed('docx'));
    } else if (format === 'md') {
      res.type('text/markdown; charset=utf-8').attachment(`${name}.md`);
    } else {
      res.type('text/html; charset=utf-8').set('Content-Security-Policy', SANDBOX);
      res.set('Content-Disposition', `inline; filename="${name}.html"`);
    }
    res.send(content);
  });

  return router;
}
