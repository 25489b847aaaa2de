// 考核 over a real API and Temporal: incidents past Temporal's retention, archived with known deadline
// outcomes, and a live incident whose overdue deadlines breach on the dev server; the JSON and the
// .xlsx (read back with exceljs) give their figures, and only the roles that answer for them may ask.
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putArchivedJune } from '../helpers/assessment-archive';
import { asToken, eventually, incidentBody, token, type Call } from './harness';
import { startLiveApp, type LiveApp } from './live-app';

const MINUTE = 60_000;
let app: LiveApp;
let approver: Call;
let monitor: Call;
let live: string;
const liveDepartment = `网信办-${randomUUID().slice(0, 8)}`;

beforeAll(async () => {
  app = await startLiveApp();
  approver = asToken(app.baseUrl, 'approver');
  monitor = asToken(app.baseUrl, 'monitor');
  await putArchivedJune(app.worker.dataDir);
  // discovered hours ago: its early deadlines have passed by the time the workflow starts
  const res = await monitor('POST', '/api/incidents', incidentBody({ department: liveDepartment, discoveredAt: new Date(Date.now() - 5 * 60 * MINUTE).toISOString() }), {
    'idempotency-key': randomUUID(),
  });
  expect(res.status).toBe(201);
  live = res.body.workflowId;
});
afterAll(async () => {
  await app?.teardown();
});

const xlsx = async (period: string) => {
  const res = await fetch(`${app.baseUrl}/api/assessment.xlsx?period=${period}`, { headers: { authorization: `Bearer ${token('approver')}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('spreadsheetml');
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(await res.arrayBuffer());
  return book;
};
const rows = (ws: ExcelJS.Worksheet) => ws.getSheetValues().slice(1).map((r) => (r as ExcelJS.CellValue[]).slice(1));

describe('GET /api/assessment', () => {
  it("a month's archived incidents: per department and person, drills left out", async () => {
    const res = await approver('GET', '/api/assessment?period=2025-06');
    expect(res.status).toBe(200);
    expect(res.body.label).toBe('2025年6月');
    expect(res.body.incidents).toBe(2);
    expect(res.body.departments.map((d: any) => [d.department, d.incidents, d.onTime, d.late, d.missed, d.onTimeRate])).toEqual([
      ['学工部', 1, 0, 0, 1, 0],
      ['宣传部', 1, 1, 1, 0, 0.5],
    ]);
    expect(res.body.people.map((p: any) => [p.name, p.onTime, p.late, p.missed])).toEqual([
      ['经办小李', 1, 1, 0],
      [undefined, 0, 0, 1],
    ]);
    expect(res.body.reporters).toEqual([{ id: 'zhou', name: '信息员小周', total: 2, byWeek: { '2025-W24': 2 } }]);
  });

  it('the .xlsx holds the same figures, its header rows frozen', async () => {
    const book = await xlsx('2025-06');
    expect(book.worksheets.map((w) => w.name)).toEqual(['部门', '个人', '时限明细', '信息员报送']);
    const dept = book.getWorksheet('部门')!;
    expect(dept.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(rows(dept)).toEqual([
      ['部门', '办理舆情（件）', '期限（项）', '按时', '迟报', '漏报', '未到期', '按时率', '分期限按时率'],
      ['学工部', 1, 1, 0, 0, 1, 0, '0%', '报告 0%'],
      ['宣传部', 1, 2, 1, 1, 0, 0, '50%', '报告 100%；书面报告 0%'],
      ['合计', 2, 3, 1, 1, 1, 0, '33%', '报告 50%；书面报告 0%'],
    ]);
    expect(rows(book.getWorksheet('个人')!).slice(1).map((r) => r.slice(0, 3))).toEqual([
      ['经办小李', '宣传部', '办公室及责任部门'],
      ['（未指定责任人）', '学工部', '办公室及责任部门'],
    ]);
    const detail = rows(book.getWorksheet('时限明细')!);
    expect(detail).toHaveLength(4);
    expect(detail.slice(1).map((r) => r.at(-1)).sort()).toEqual(['按时', '漏报', '迟报']);
    expect(rows(book.getWorksheet('信息员报送')!)).toEqual([
      ['信息员', '2025-W22', '2025-W23', '2025-W24', '2025-W25', '2025-W26', '2025-W27', '合计'],
      ['信息员小周', 0, 0, 2, 0, 0, 0, 2],
    ]);
  });

  it("a live incident's breached deadlines count as 漏报 for its department in the current year", async () => {
    const state = await eventually(async () => {
      const s = (await approver('GET', `/api/incidents/${live}`)).body.state;
      return s?.deadlines.some((d: { breachedAt?: string }) => d.breachedAt) && s;
    });
    const year = String(new Date(Date.now() + 480 * MINUTE).getUTCFullYear());
    const res = await approver('GET', `/api/assessment?period=${year}`);
    expect(res.status).toBe(200);
    const mine = res.body.departments.find((d: any) => d.department === liveDepartment);
    expect(mine.incidents).toBe(1);
    const fresh = (await approver('GET', `/api/incidents/${live}`)).body.state;
    const breached = fresh.deadlines.filter((d: any) => !d.cancelled && d.breachedAt && !d.metAt).length;
    expect(breached).toBeGreaterThan(0);
    expect(state.deadlines.length).toBeGreaterThan(0);
    // every deadline of the incident is counted once, with the department when nobody owns it
    const counted = res.body.deadlines.filter((d: any) => d.workflowId === live);
    expect(counted.filter((d: any) => d.outcome === 'missed')).toHaveLength(breached);
    expect(counted).toHaveLength(fresh.deadlines.filter((d: any) => !d.cancelled).length);
  });

  it('asks for a month or a year, and only of those who answer for the work', async () => {
    const bad = await approver('GET', '/api/assessment?period=2025-13');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('period');
    expect((await monitor('GET', '/api/assessment?period=2025-06')).status).toBe(403);
    expect((await asToken(app.baseUrl, 'handler')('GET', '/api/assessment?period=2025-06')).status).toBe(200);
  });
});
