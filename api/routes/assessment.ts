// 考核: the figures of a month or a year (domain/rules/assessment.ts) as JSON for the page and as an
// .xlsx for the office's files, read from the same places the roll-ups read; for those who answer
// for the work or oversee it (approver, handler, superior, admin).
import ExcelJS from 'exceljs';
import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { gatherStates } from '../../activities/incident-states';
import { DEADLINE_HEAD, DEPARTMENT_HEAD, OUTCOME_TEXT, PERSON_HEAD, departmentRow, personRow } from '../../domain/rules/assessment-columns';
import { ROLE_LABELS } from '../../domain/rules/roles';
import { label } from '../../domain/labels';
import { ASSESSMENT_PERIOD, assess, assessmentPeriod, assessmentPeriodLabel, type Assessment } from '../../domain/rules/assessment';
import { DEFAULT_UTC_OFFSET_MINUTES } from '../../domain/rules/calendar';
import type { Role } from '../../domain/model/schema';
import { actor } from '../auth/middleware';
import type { AppDeps } from '../deps';
import { HttpError, parse } from '../errors';

export const ASSESSMENT_ROLES: readonly Role[] = ['approver', 'handler', 'superior', 'admin'];

const Query = z.object({ period: z.string().regex(ASSESSMENT_PERIOD, 'must be a month such as 2026-11 or a year such as 2026') });

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const localTime = (iso: string | undefined) =>
  iso === undefined ? '' : new Date(Date.parse(iso) + DEFAULT_UTC_OFFSET_MINUTES * 60_000).toISOString().slice(0, 16).replace('T', ' ');

function sheet(book: ExcelJS.Workbook, name: string, head: string[], rows: (string | number)[][]) {
  const ws = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.addRow(head).font = { bold: true };
  for (const row of rows) ws.addRow(row);
  ws.columns.forEach((c, i) => (c.width = Math.max(10, head[i]!.length * 2 + 2)));
}

export async function assessmentWorkbook(a: Assessment): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Yuqing';
  sheet(book, '部门', DEPARTMENT_HEAD, [...a.departments, { ...a.total, department: '合计' }].map(departmentRow));
  sheet(book, '个人', PERSON_HEAD, a.people.map(personRow));
  sheet(
    book,
    '时限明细',
    DEADLINE_HEAD,
    a.deadlines.map((d) => [
      d.title,
      d.department,
      d.label,
      ROLE_LABELS[d.responsible],
      d.owner?.name ?? '（未指定责任人）',
      d.answerable,
      localTime(d.dueAt),
      localTime(d.metAt),
      localTime(d.breachedAt),
      d.lateByMinutes ?? '',
      OUTCOME_TEXT[d.outcome],
    ]),
  );
  sheet(book, '信息员报送', [label('role', 'monitor'), ...a.weeks, '合计'], a.reporters.map((r) => [r.name, ...a.weeks.map((w) => r.byWeek[w] ?? 0), r.total]));
  return Buffer.from(await book.xlsx.writeBuffer());
}

export function assessmentRoutes(deps: AppDeps, auth: RequestHandler): Router {
  const router = Router();

  const figures = async (req: Parameters<RequestHandler>[0], res: Parameters<RequestHandler>[1]) => {
    if (!actor(res).roles.some((r) => ASSESSMENT_ROLES.includes(r))) throw new HttpError(403, 'forbidden', `the assessment needs one of the roles ${ASSESSMENT_ROLES.join('/')}`);
    const { period: name } = parse(Query, { period: req.query.period }, 'assessment', req);
    const period = assessmentPeriod(name, DEFAULT_UTC_OFFSET_MINUTES)!;
    const { states, unreadable } = await gatherStates(deps.client, deps.dataDir, period, () => {});
    return { ...assess(states, period, DEFAULT_UTC_OFFSET_MINUTES), label: assessmentPeriodLabel(period), unreadable };
  };

  router.get('/api/assessment', auth, async (req, res) => {
    res.json(await figures(req, res));
  });

  router.get('/api/assessment.xlsx', auth, async (req, res) => {
    const a = await figures(req, res);
    res.type(XLSX_TYPE).attachment(`考核-${a.period.name}.xlsx`);
    res.send(await assessmentWorkbook(a));
  });

  return router;
}
