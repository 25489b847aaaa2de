// Three incidents of June 2025 past Temporal's retention, archived with known deadline outcomes:
// 宣传部's, its two deadlines owned by 经办小李 (one on time, one 迟报); 学工部's with nobody named
// (漏报); and a drill that must not count. The assessment tests of the API and the page read them.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { archivedState } from '../../domain/data-layout';
import { CATEGORIES, CHANNELS, SEVERITIES } from '../../domain/model/schema';

const owner = { id: 'li', name: '经办小李', department: '宣传部', via: 'roster' };
const zhou = { id: 'zhou', name: '信息员小周', roles: ['monitor'] };
const dl = (kind: string, label: string, outcome: 'onTime' | 'late' | 'missed', withOwner: boolean) => ({
  kind,
  label,
  responsible: 'handler',
  startedAt: '2025-06-10T01:00:00Z',
  dueAt: '2025-06-10T03:00:00Z',
  ...(withOwner ? { owner } : {}),
  ...(outcome === 'onTime' ? { metAt: '2025-06-10T02:00:00Z' } : { breachedAt: '2025-06-10T03:00:00Z' }),
  ...(outcome === 'late' ? { metAt: '2025-06-10T03:30:00Z', lateByMinutes: 30 } : {}),
});
const archived = (id: string, department: string, deadlines: unknown[], drill = false) => ({
  workflowId: id,
  incident: { title: `档案舆情${id}`, discoveredAt: '2025-06-10T01:00:00Z', department, channel: CHANNELS[0] },
  reporter: zhou,
  severity: SEVERITIES[0],
  category: CATEGORIES[0],
  currentStep: 'closed',
  deadlines,
  reports: [],
  responses: [],
  releases: [],
  timeline: [],
  closed: { at: '2025-06-12T00:00:00Z', outcome: 'completed' },
  ...(drill ? { drill: true } : {}),
});

export async function putArchivedJune(dataDir: string): Promise<void> {
  const put = async (s: ReturnType<typeof archived>) => {
    const file = join(dataDir, archivedState(s.workflowId));
    await mkdir(join(file, '..'), { recursive: true });
    await writeFile(file, JSON.stringify(s));
  };
  await put(archived('arch-a', '宣传部', [dl('report', '报告', 'onTime', true), dl('writtenReport', '书面报告', 'late', true)]));
  await put(archived('arch-b', '学工部', [dl('report', '报告', 'missed', false)]));
  await put(archived('arch-drill', '学工部', [dl('report', '报告', 'missed', false)], true));
}
