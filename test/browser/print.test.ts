// A document as PDF and as a print page, through the real API, worker and Chromium: the PDF is
// served to people signed in only, named by the document's number; the print page shows the
// document with a 打印 button whose one script the page's policy allows, hidden when printed; the
// incident page and the reports list link both beside the Word file.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentsFolder, printedPdf } from '../../domain/data-layout';
import type { DocumentRef } from '../../domain/model/state';
import { pdfPrinter } from '../../api/print-pdf';
import { createRollupActivities } from '../../activities/rollup';
import { DEFAULT_ORGANISATION } from '../../config/organisation-file';
import { previousPeriod, reportName, rollupStats } from '../../domain/rules/rollup-stats';
import { DEFAULT_UTC_OFFSET_MINUTES } from '../../domain/rules/calendar';
import { asToken, baseDeps, eventually, incidentBody, listen, testUsers, token } from '../api/harness';
import { startLiveApp, type LiveApp } from '../api/live-app';
import { launchChromium, screenshot, signInThrough } from './chromium';

const TITLE = '<img src=x onerror=alert(1)> 网传某校食堂饭菜变质';

let app: LiveApp;
let browser: Browser;
let id: string;
let special: DocumentRef;
let tmp: string;

beforeAll(async () => {
  [app, browser, tmp] = await Promise.all([startLiveApp(), launchChromium(), mkdtemp(join(tmpdir(), 'yuqing-print-'))]);
  const monitor = asToken(app.baseUrl, 'monitor');
  const res = await monitor('POST', '/api/incidents', incidentBody({ title: TITLE }), { 'idempotency-key': `print-${Date.now()}` });
  expect(res.status).toBe(201);
  id = res.body.workflowId;
  special = await eventually(async () => ((await monitor('GET', `/api/incidents/${id}`)).body.state.documents as DocumentRef[]).find((d) => d.name === 'special'));
});
afterAll(async () => {
  await browser?.close();
  await app?.teardown();
  await rm(tmp, { recursive: true, force: true });
});

const url = (format: string) => `${app.baseUrl}/api/incidents/${id}/documents/special?format=${format}`;
const signedIn = { headers: { authorization: `Bearer ${token('monitor')}` } };

describe('?format=pdf', () => {
  it('answers the PDF named by the 期号 to a person signed in, and 401 to anyone else', async () => {
    expect((await fetch(url('pdf'))).status).toBe(401);
    const res = await fetch(url('pdf'), signedIn);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(decodeURIComponent(res.headers.get('content-disposition') ?? '')).toContain(`舆情专报${special.number}.pdf`);
    const file = join(tmp, 'special.pdf');
    await writeFile(file, new Uint8Array(await res.arrayBuffer()));
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Page size:\s+59\d\.\d+ x 841\.\d+ pts \(A4\)/);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain(special.number);
    expect(text).toContain('<img src=x onerror=alert(1)>');
  }, 60_000);

  it('answers 503 naming CHROMIUM_PATH where the API host has no browser, and still shows the print page', async () => {
    const bare = await listen(baseDeps(app.env.client, await testUsers(), { taskQueue: app.worker.taskQueue, dataDir: app.worker.dataDir, pdf: pdfPrinter('/nonexistent/chromium') }));
    try {
      // the PDF the first download kept would be served as it is: without it, this host must print
      await rm(join(app.worker.dataDir, documentsFolder(id), printedPdf('special')));
      const res = await fetch(`${bare.baseUrl}/api/incidents/${id}/documents/special?format=pdf`, signedIn);
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ error: { code: 'pdf-unavailable', message: expect.stringContaining('CHROMIUM_PATH') } });
      expect((await fetch(`${bare.baseUrl}/api/incidents/${id}/documents/special?format=print`, signedIn)).status).toBe(200);
    } finally {
      await bare.close();
    }
  });
});

describe('the print page', () => {
  let page: Page;
  beforeAll(async () => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 1000 } });
    page = await context.newPage();
    await signInThrough(page, app.baseUrl, '/', 'monitor');
  });

  it('is shown to people signed in only, under a policy that allows its one script', async () => {
    expect((await fetch(url('print'))).status).toBe(401);
    const res = await fetch(url('print'), signedIn);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toMatch(/^sandbox allow-scripts allow-modals; default-src 'none';.* script-src 'sha256-[A-Za-z0-9+/]+=*'$/);
  });

  it('shows the document in the national layout with a 打印 button that prints, hidden on paper', async () => {
    // the print dialog cannot be watched headless: the button's call is counted instead
    await page.addInitScript('window.print = () => { document.body.dataset.printed = String(Number(document.body.dataset.printed ?? 0) + 1); };');
    await page.goto(url('print'));
    const button = page.getByRole('button', { name: '打印' });
    await expect.poll(() => button.isVisible()).toBe(true);
    expect(await page.locator('.mark').textContent()).toBe('舆情专报');
    expect(await page.locator('.number').textContent()).toBe(special.number);
    expect(await page.locator('main').textContent()).toContain(TITLE);
    // the title stayed text
    expect(await page.locator('main img').count()).toBe(0);
    expect(await page.locator('.colophon').textContent()).toContain('印发');
    await button.click();
    expect(await page.locator('body').getAttribute('data-printed')).toBe('1');
    await screenshot(page, 'print-page');
    await page.emulateMedia({ media: 'print' });
    expect(await button.isVisible()).toBe(false);
  });

  it('is linked, with the PDF, beside the Word file on the incident page', async () => {
    await page.emulateMedia({ media: 'screen' });
    await page.goto(`${app.baseUrl}/incidents/${id}`);
    const base = `/api/incidents/${id}/documents/special`;
    const links = page.locator('#documents li', { hasText: '舆情专报' }).first();
    await expect.poll(() => links.locator(`a[href="${base}?format=pdf"]`).textContent()).toBe('下载 PDF');
    expect(await links.locator(`a[href="${base}?format=print"]`).textContent()).toBe('打印');
    expect(await links.locator(`a[href="${base}?format=docx"]`).count()).toBe(1);
  });
});

describe('a weekly report', () => {
  it('is downloadable as PDF named by its 期号 and shown as a print page, both linked on the reports list', async () => {
    const period = previousPeriod('weekly', Date.now(), DEFAULT_UTC_OFFSET_MINUTES);
    const name = reportName(period, DEFAULT_UTC_OFFSET_MINUTES);
    const rollup = createRollupActivities({ client: app.env.client, dataDir: app.worker.dataDir, publicUrl: app.baseUrl, organisation: DEFAULT_ORGANISATION });
    const { number } = await rollup.renderRollup({ name, title: '《网络舆情周报》', label: name, period, stats: rollupStats([]), rows: [], unreadable: [] });

    const item = ((await asToken(app.baseUrl, 'handler')('GET', '/api/reports')).body.items as { name: string; links: Record<string, string> }[]).find((r) => r.name === name);
    expect(item?.links).toMatchObject({ pdf: `/api/reports/${name}?format=pdf`, print: `/api/reports/${name}?format=print` });
    expect((await fetch(app.baseUrl + item!.links.pdf!)).status).toBe(401);
    const pdf = await fetch(app.baseUrl + item!.links.pdf!, signedIn);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(decodeURIComponent(pdf.headers.get('content-disposition') ?? '')).toContain(`网络舆情周报${number}.pdf`);
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    const print = await fetch(app.baseUrl + item!.links.print!, signedIn);
    expect(print.headers.get('content-security-policy')).toMatch(/^sandbox allow-scripts/);
    expect(await print.text()).toContain(`<p class="number">${number}</p>`);

    const context = await browser.newContext();
    try {
      const page = await signInThrough(await context.newPage(), app.baseUrl, '/', 'monitor');
      const links = page.locator(`#reports li[data-report="${name}"]`);
      await expect.poll(() => links.locator(`a[href="${item!.links.pdf}"]`).textContent()).toBe('下载 PDF');
      expect(await links.locator(`a[href="${item!.links.print}"]`).textContent()).toBe('打印');
    } finally {
      await context.close();
    }
  }, 60_000);
});
