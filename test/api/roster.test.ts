// The duty roster's API on a real HTTP server over a real users file and data folder: everyone
// signed in reads the month, the office edits cells and generates a rotation, a person who may not
// be on duty is refused by field with nothing written, and each change is logged before and after.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROSTER_CHANGES, ROSTER_FILE } from '../../domain/data-layout';
import { ADMIN } from './admin-app';
import { asSession, asToken, type Call } from './harness';
import { startRosterApp, type RosterApp } from './roster-app';

let app: RosterApp;
let office: Call;
beforeAll(async () => {
  app = await startRosterApp();
  office = await asSession(app.baseUrl, 'office');
});
afterAll(async () => {
  await app?.close();
});

const rosterFile = () => join(app.dataDir, ROSTER_FILE);
const changeLines = () => readFileSync(join(app.dataDir, ROSTER_CHANGES), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const localToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const shiftNow = () => {
  const minutes = (Math.floor(Date.now() / 60_000) + 8 * 60) % (24 * 60);
  return minutes >= 8 * 60 + 30 && minutes < 17 * 60 + 30 ? 'day' : 'night';
};

describe('duty roster API', () => {
  it('reads an empty month for anyone signed in, with the people who may be put on duty', async () => {
    const res = await asToken(app.baseUrl, 'approver')('GET', '/api/roster?month=2027-02');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ month: '2027-02', entries: [], onDuty: { people: [] }, shifts: { day: { start: '08:30', end: '17:30' } } });
    expect(res.body.days).toHaveLength(28);
    expect(res.body.eligible.map((p: { id: string }) => p.id).sort()).toEqual(['handler', 'monitor', 'office']);
    expect((await asToken(app.baseUrl, 'approver')('GET', '/api/roster?month=2027-13')).body.error.issues[0].field).toBe('month');
  });

  it('refuses editing to everyone but the office (403) and writes nothing', async () => {
    for (const who of ['approver', 'monitor'] as const) {
      const as = asToken(app.baseUrl, who);
      expect((await as('PUT', '/api/roster/entries', { entries: [{ date: '2027-01-01', shift: 'day', people: ['office'] }] })).status).toBe(403);
      expect((await as('POST', '/api/roster/rotation', { month: '2027-01', people: ['office'], perShift: 1, nights: true })).status).toBe(403);
      expect((await as('GET', '/api/roster/changes')).status).toBe(403);
    }
    expect(existsSync(rosterFile())).toBe(false);
  });

  it('refuses an unknown, ineligible or disabled person by field, and a bad shift, writing nothing', async () => {
    const bad = await office('PUT', '/api/roster/entries', {
      entries: [
        { date: '2027-01-01', shift: 'day', people: ['office', 'nobody'] },
        { date: '2027-01-01', shift: 'night', people: ['approver'] },
        { date: '2027-01-02', shift: 'day', people: ['lead'] },
        { date: '2027-01-02', shift: 'evening', people: ['office'] },
        { date: '2027-01-03', shift: 'day', people: ['office', 'office'] },
      ],
    });
    expect(bad.status).toBe(400);
    const issues = bad.body.error.issues.map((i: { field: string; message: string }) => [i.field, i.message]);
    expect(issues).toEqual(
      expect.arrayContaining([
        ['entries.0.people.1', '值班人员第 1 项第 2 项：须为用户名单中可排值班且未停用的人员'],
        ['entries.1.people.0', expect.stringContaining('须为用户名单中可排值班且未停用的人员')],
        ['entries.2.people.0', expect.stringContaining('须为用户名单中可排值班且未停用的人员')],
        ['entries.3.shift', expect.stringContaining('班次')],
        ['entries.4.people', expect.stringContaining('同一班次每人只能出现一次')],
      ]),
    );
    const rotation = await office('POST', '/api/roster/rotation', { month: '2027-01', people: ['office', 'lead'], perShift: 3, nights: true });
    expect(rotation.status).toBe(400);
    expect(rotation.body.error.issues.map((i: { field: string }) => i.field)).toEqual(expect.arrayContaining(['people.1']));
    const tooMany = await office('POST', '/api/roster/rotation', { month: '2027-01', people: ['office'], perShift: 2, nights: true });
    expect(tooMany.body.error.issues.map((i: { field: string }) => i.field)).toEqual(['perShift']);
    expect(existsSync(rosterFile())).toBe(false);
    expect(existsSync(join(app.dataDir, ROSTER_CHANGES))).toBe(false);
  });

  it('generates a month in turns, continues the turn next month, and logs it', async () => {
    const people = ['office', 'handler', 'monitor'];
    // a department's own duty is not the office's to replace
    const own = { date: '2027-01-10', shift: 'day', people: ['handler'], department: '教育局' };
    expect((await office('PUT', '/api/roster/entries', { entries: [own] })).status).toBe(200);
    const res = await office('POST', '/api/roster/rotation', { month: '2027-01', people, perShift: 1, nights: true });
    expect(res.status).toBe(201);
    expect(res.body.entries).toHaveLength(63);
    expect(res.body.entries).toContainEqual(own);
    // generated again, the office's shifts are replaced, not doubled
    const again = await office('POST', '/api/roster/rotation', { month: '2027-01', people, perShift: 1, nights: true });
    expect(again.body.entries).toEqual(res.body.entries);
    expect(changeLines().at(-1).before).toHaveLength(62);
    expect(res.body.entries.slice(0, 3).map((e: { people: string[] }) => e.people[0])).toEqual(people);
    expect(statSync(rosterFile()).mode & 0o777).toBe(0o600);
    expect(statSync(join(app.dataDir, ROSTER_CHANGES)).mode & 0o777).toBe(0o600);
    const line = changeLines().find((l) => l.action === 'rotation');
    expect(line).toMatchObject({ by: 'office', action: 'rotation', month: '2027-01', before: [] });
    expect(line.after).toHaveLength(62);
    // January's last shift is 62 turns in: February starts with the person after it
    const last = res.body.entries.filter((e: { department?: string }) => !e.department).at(-1).people[0];
    const feb = await asToken(app.baseUrl, 'handler')('POST', '/api/roster/rotation', { month: '2027-02', people, perShift: 1, nights: false });
    expect(feb.status).toBe(201);
    expect(feb.body.entries[0].people[0]).toBe(people[(people.indexOf(last) + 1) % 3]);
    expect(feb.body.entries.every((e: { shift: string }) => e.shift === 'day')).toBe(true);
    // an offset names where the month starts instead
    const april = await office('POST', '/api/roster/rotation', { month: '2027-04', people, perShift: 2, nights: true, offset: 1 });
    expect(april.body.entries[0].people).toEqual(['handler', 'monitor']);
    expect(april.body.entries[1].people).toEqual(['office', 'handler']);
  });

  it('replaces the cells it is given, clears an emptied one, and logs before and after', async () => {
    const before = (await office('GET', '/api/roster?month=2027-01')).body.entries;
    const oldDay = before.find((e: { date: string; shift: string }) => e.date === '2027-01-05' && e.shift === 'day');
    const res = await asSession(app.baseUrl, ADMIN).then((admin) =>
      admin('PUT', '/api/roster/entries', {
        entries: [
          { date: '2027-01-05', shift: 'day', people: ['handler', 'monitor'] },
          { date: '2027-01-05', shift: 'night', people: [] },
        ],
      }),
    );
    expect(res.status).toBe(200);
    const month = (await asToken(app.baseUrl, 'approver')('GET', '/api/roster?month=2027-01')).body;
    const cell = (shift: string) => month.entries.find((e: { date: string; shift: string }) => e.date === '2027-01-05' && e.shift === shift);
    expect(cell('day').people).toEqual(['handler', 'monitor']);
    expect(cell('night')).toBeUndefined();
    expect(month.entries).toHaveLength(62);
    expect(month.names).toMatchObject({ handler: '经办小李', monitor: '信息员小周' });
    const line = changeLines().at(-1);
    expect(line).toMatchObject({ by: 'admin', action: 'edit', after: [{ date: '2027-01-05', shift: 'day', people: ['handler', 'monitor'] }] });
    expect(line.before).toEqual(expect.arrayContaining([oldDay, expect.objectContaining({ date: '2027-01-05', shift: 'night' })]));
    const changes = (await office('GET', '/api/roster/changes?limit=2')).body.changes;
    expect(changes.map((c: { action: string }) => c.action)).toEqual(['edit', 'rotation']);
    // a refusal over an existing roster leaves the file and the log as they were
    const file = readFileSync(rosterFile(), 'utf8');
    const logged = changeLines().length;
    expect((await office('PUT', '/api/roster/entries', { entries: [{ date: '2027-01-06', shift: 'day', people: ['approver'] }] })).status).toBe(400);
    expect(readFileSync(rosterFile(), 'utf8')).toBe(file);
    expect(changeLines()).toHaveLength(logged);
  });

  it('names who is on duty now', async () => {
    const today = localToday();
    const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const entries = [today, yesterday].flatMap((date) => [
      { date, shift: 'day', people: shiftNow() === 'day' ? ['monitor'] : ['office'] },
      { date, shift: 'night', people: shiftNow() === 'night' ? ['monitor'] : ['office'] },
    ]);
    expect((await office('PUT', '/api/roster/entries', { entries })).status).toBe(200);
    const res = await asToken(app.baseUrl, 'approver')('GET', '/api/roster');
    expect(res.body.month).toBe(today.slice(0, 7));
    expect(res.body.onDuty).toMatchObject({ people: ['monitor'], shift: shiftNow() });
    expect(res.body.names.monitor).toBe('信息员小周');
  });

  it('loses no edit when edits arrive together', async () => {
    const days = ['2027-03-01', '2027-03-02', '2027-03-03', '2027-03-04', '2027-03-05'];
    const replies = await Promise.all(days.map((date) => office('PUT', '/api/roster/entries', { entries: [{ date, shift: 'day', people: ['office'] }] })));
    expect(replies.map((r) => r.status)).toEqual(days.map(() => 200));
    const inFile = JSON.parse(readFileSync(rosterFile(), 'utf8')).entries.map((e: { date: string }) => e.date);
    expect(inFile).toEqual(expect.arrayContaining(days));
  });
});
