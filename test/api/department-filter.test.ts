// The list's department filter on a real dev server: either script, any part of the name, finds
// the incident; what was entered is what the list shows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asToken, eventually, incidentBody, type Call } from './harness';
import { startLiveApp, type LiveApp } from './live-app';

let app: LiveApp;
let monitor: Call;

beforeAll(async () => {
  app = await startLiveApp();
  monitor = asToken(app.baseUrl, 'monitor');
});
afterAll(async () => {
  await app?.teardown();
});

async function register(department: string): Promise<string> {
  const res = await monitor('POST', '/api/incidents', incidentBody({ department }));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.workflowId;
}

const found = async (department: string): Promise<{ workflowId: string; department: string }[]> => {
  const res = await monitor('GET', `/api/incidents?department=${encodeURIComponent(department)}&pageSize=100`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.items;
};
const idsFor = async (department: string) => (await found(department)).map((i) => i.workflowId).sort();

describe('the department filter', () => {
  it('finds 县教育局 and 縣教育局 by either name or by 教育局, and shows each as entered', async () => {
    const simplified = await register('县教育局');
    const traditional = await register('縣教育局');
    const city = await register('市教育局');
    const health = await register('县卫生健康局');
    const committee = await register('县教委教育局');
    await eventually(async () => (await found('局')).length === 5);

    const county = [simplified, traditional].sort();
    expect(await idsFor('县教育局')).toEqual(county);
    expect(await idsFor('縣教育局')).toEqual(county);
    expect(await idsFor('  縣教育局 ')).toEqual(county);
    expect(await idsFor('教育局')).toEqual([simplified, traditional, city, committee].sort());
    expect(await idsFor('教育')).toEqual([simplified, traditional, city, committee].sort());
    // its pairs 县教 and 教育 are both in 县教委教育局, the name 县教育 is not
    expect(await idsFor('县教育')).toEqual(county);
    expect(await idsFor('縣')).toEqual([simplified, traditional, health, committee].sort());
    expect(await idsFor('公安局')).toEqual([]);

    const shown = Object.fromEntries((await found('教育局')).map((i) => [i.workflowId, i.department]));
    expect(shown[traditional]).toBe('縣教育局');
    expect(shown[simplified]).toBe('县教育局');
  });

  it('keeps a long name whole: a hundred characters are searchable by their last ones', async () => {
    const long = '某'.repeat(40) + Array.from({ length: 60 }, (_, i) => String.fromCodePoint(0x4e00 + 97 * i)).join('');
    const id = await register(long);
    await eventually(async () => (await found(long.slice(-3))).length === 1);
    expect(await idsFor(long)).toEqual([id]);
  });

  it('refuses a quote however it is written, before it reaches the visibility query', async () => {
    for (const department of ["教育局'", '教育局＇', '教育局＂']) {
      const res = await monitor('GET', `/api/incidents?department=${encodeURIComponent(department)}`);
      expect(res.status, department).toBe(400);
    }
  });
});
