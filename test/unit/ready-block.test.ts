// What `npm start` prints about the working calendar (SPEC §4 upkeep): from 1 December, while the
// coming year's holiday arrangement is missing, the ready block carries a warning saying how to add
// it; once the overrides file covers that year, the warning is gone.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageYears } from '../../config/calendar';
import { loadEnv } from '../../config/env';
import { policySections, readyBlock } from '../../scripts/ready-block';

// the last year the chinese-days package knows: from its December on, the next one is missing
const lastKnown = packageYears().at(-1)!;
const december = new Date(`${lastKnown}-12-01T09:00:00+08:00`);
const november = new Date(`${lastKnown}-11-30T09:00:00+08:00`);

describe('the ready block of npm start', () => {
  it('warns from 1 December that next year is not in the working calendar, and says how to add it', () => {
    const env = loadEnv({});
    expect(readyBlock(env, 'external', policySections(env, november))).not.toContain('Working calendar');
    const block = readyBlock(env, 'external', policySections(env, december));
    expect(block).toContain('Working calendar');
    expect(block).toContain(`工作日历尚未收录 ${lastKnown + 1} 年的放假调休安排`);
    expect(block).toContain(`The working calendar does not cover ${lastKnown + 1}`);
    expect(block.trimEnd().endsWith('Ctrl-C stops everything.')).toBe(true);
  });

  it('says nothing once the overrides file covers the coming year', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'yuqing-calendar-')), 'overrides.json');
    writeFileSync(file, JSON.stringify({ years: [lastKnown + 1], holidays: [`${lastKnown + 1}-01-01`], workdays: [], remove: [] }));
    const env = loadEnv({ YUQING_CALENDAR_OVERRIDES: file });
    expect(policySections(env, december)).toEqual([]);
  });
});

describe('the ready block', () => {
  const env = loadEnv({ TEMPORAL_ADDRESS: '127.0.0.1:7233' });
  const temporalLine = (block: string) => block.split('\n').find((line) => /^ *Temporal  /.test(line));

  it('says which Temporal the processes use: the dev server with its database, the own cluster, or an external one', () => {
    expect(temporalLine(readyBlock(env, { devServerDb: '/srv/yuqing/temporal.db' }))).toMatch(/127\.0\.0\.1:7233 \(embedded dev server, data in \/srv\/yuqing\/temporal\.db\)$/);
    expect(temporalLine(readyBlock(env, 'cluster'))).toMatch(/127\.0\.0\.1:7233 \(self-hosted cluster, see below\)$/);
    expect(temporalLine(readyBlock(env, 'external'))).toMatch(/127\.0\.0\.1:7233 \(external\)$/);
  });
});
