// The duty roster (值班表) in the app: everyone signed in sees the month and who is on duty now;
// the office (admin, handler) edits cells and generates a month's rotation. The people named must
// be in the users file, on the duty list and not disabled, checked in the body's schema so a
// refusal is the 400 naming the field. Every change is logged with the entries before and after.
import { Router, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import { DutyEntry, onDutyAt, type Roster, SHIFTS } from '../../domain/duty/roster';
import { daysOf, offsetAfter, rotation } from '../../domain/duty/rotation';
import { label } from '../../domain/labels';
import { UserName } from '../../domain/model/schema';
import { addDays } from '../../domain/rules/calendar';
import { authOf } from '../auth/middleware';
import type { UserRecord, UserStore } from '../auth/users';
import type { AppDeps } from '../deps';
import { HttpError, parse } from '../errors';
import { RosterStore } from '../roster/store';

const MONTH = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');
const DUTY_PERSON = label('validation', 'dutyPerson', 'en');
const ONCE_PER_SHIFT = label('validation', 'oncePerShift', 'en');

const mayBeOnDuty = (u: UserRecord | undefined) => u !== undefined && u.dutyEligible === true && !u.disabled;

/** Names checked against the users file as it is now: another admin may just have disabled someone. */
const dutyPeople = (users: UserStore) =>
  z
    .array(UserName.refine((n) => mayBeOnDuty(users.get(n)), DUTY_PERSON))
    .max(20)
    .refine((ps) => new Set(ps).size === ps.length, ONCE_PER_SHIFT);

const cellKey = (e: Pick<DutyEntry, 'date' | 'shift' | 'department'>) => `${e.date}/${e.shift}/${e.department ?? ''}`;

const EntriesEdit = (users: UserStore) =>
  z
    .object({ entries: z.array(DutyEntry.extend({ people: dutyPeople(users) })).min(1).max(200) })
    .strict()
    .refine((b) => new Set(b.entries.map(cellKey)).size === b.entries.length, { message: 'one entry per date, shift and department', path: ['entries'] });

const RotationBody = (users: UserStore) =>
  z
    .object({
      month: MONTH,
      people: dutyPeople(users).pipe(z.array(z.string()).min(1)),
      perShift: z.number().int().min(1).max(20),
      nights: z.boolean(),
      /** where in `people` the month starts; by default after the last person on duty before it */
      offset: z.number().int().min(0).optional(),
    })
    .strict()
    .refine((b) => b.perShift <= b.people.length, { message: 'at most as many per shift as there are people', path: ['perShift'] });

const RosterQuery = z.object({ month: MONTH.optional() });
const ChangesQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) });

const OFFICE_ROLES = ['admin', 'handler'] as const;
const officeOnly: RequestHandler = (_req, res, next) => {
  if (!authOf(res).user.roles.some((r) => (OFFICE_ROLES as readonly string[]).includes(r))) {
    throw new HttpError(403, 'forbidden', 'editing the duty roster needs the role admin or handler');
  }
  next();
};

const localMonth = (roster: Roster, atMs: number) => new Date(atMs + roster.utcOffsetMinutes * 60_000).toISOString().slice(0, 7);
const inMonth = (month: string) => (e: DutyEntry) => e.date.startsWith(`${month}-`);
const byCell = (a: DutyEntry, b: DutyEntry) => a.date.localeCompare(b.date) || SHIFTS.indexOf(a.shift) - SHIFTS.indexOf(b.shift) || (a.department ?? '').localeCompare(b.department ?? '');

export function rosterRoutes(deps: AppDeps, auth: RequestHandler): Router {
  const router = Router();
  const store = new RosterStore(deps.dataDir);
  const by = (res: Response) => authOf(res).user.name;
  const person = (u: UserRecord) => ({ id: u.name, name: u.displayName, department: u.department ?? null });

  router.use('/api/roster', auth);
  router.put('/api/roster/entries', officeOnly);
  router.post('/api/roster/rotation', officeOnly);
  router.get('/api/roster/changes', officeOnly);

  router.get('/api/roster', (req, res) => {
    const roster = store.read();
    const now = Date.now();
    const month = parse(RosterQuery, req.query, 'query', req).month ?? localMonth(roster, now);
    const entries = roster.entries.filter(inMonth(month)).sort(byCell);
    const onDuty = onDutyAt(roster, now);
    const users = deps.users.list();
    // display names for everyone the month names, even someone since disabled or taken off duty
    const named = new Set([...entries.flatMap((e) => e.people), ...onDuty.people]);
    res.json({
      month,
      days: daysOf(month),
      shifts: roster.shifts,
      utcOffsetMinutes: roster.utcOffsetMinutes,
      entries,
      onDuty,
      eligible: users.filter(mayBeOnDuty).map(person),
      names: Object.fromEntries(users.filter((u) => named.has(u.name)).map((u) => [u.name, u.displayName])),
    });
  });

  router.put('/api/roster/entries', async (req, res) => {
    const body = parse(EntriesEdit(deps.users), req.body, 'roster entries', req);
    const touched = new Set(body.entries.map(cellKey));
    const roster = await store.update(by(res), (current) => {
      const before = current.entries.filter((e) => touched.has(cellKey(e)));
      // an emptied cell leaves the file: nobody on duty then, as with no entry
      const after = body.entries.filter((e) => e.people.length > 0);
      return { entries: [...current.entries.filter((e) => !touched.has(cellKey(e))), ...after].sort(byCell), log: { action: 'edit', before, after } };
    });
    res.json({ entries: roster.entries.filter((e) => touched.has(cellKey(e))) });
  });

  router.post('/api/roster/rotation', async (req, res) => {
    const body = parse(RotationBody(deps.users), req.body, 'rotation', req);
    const roster = await store.update(by(res), (current) => {
      const earlier = current.entries.filter((e) => e.date < `${body.month}-01` && e.date >= addDays(`${body.month}-01`, -31));
      const offset = body.offset ?? offsetAfter(body.people, earlier);
      const { entries } = rotation({ ...body, offset });
      // the office's cells of the month are replaced; a department's own duty stays as it keeps it
      const replaced = (e: DutyEntry) => inMonth(body.month)(e) && e.department === undefined;
      const before = current.entries.filter(replaced);
      return { entries: [...current.entries.filter((e) => !replaced(e)), ...entries].sort(byCell), log: { action: 'rotation', month: body.month, before, after: entries } };
    });
    res.status(201).json({ month: body.month, entries: roster.entries.filter(inMonth(body.month)) });
  });

  router.get('/api/roster/changes', (req, res) => {
    const { limit } = parse(ChangesQuery, req.query, 'query', req);
    res.json({ changes: store.changes(limit) });
  });

  return router;
}
