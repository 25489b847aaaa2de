import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WORKFLOW_ID, activitiesOn, incidentState } from './fixtures';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  while (cleanups.length) await cleanups.pop()!();
});

describe('archiveIncident', () => {
  it('writes a self-contained folder: state, timeline, documents, releases, notices and an index', async () => {
    const on = await activitiesOn();
    cleanups.push(on.cleanup);
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const base = incidentState({ documents: [] });
    const special = await on.activities.renderDocument({ idempotencyKey: 'a', kind: 'special', state: base });
    const summary = await on.activities.renderDocument({ idempotencyKey: 'b', kind: 'summary', state: base });
    await on.activities.publishRelease({ idempotencyKey: 'p', workflowId: WORKFLOW_ID, release: { ...base.releases[0]!, status: 'approved' } });
    await on.activities.notify({ idempotencyKey: 'n', workflowId: WORKFLOW_ID, event: 'closed', roles: ['approver'], title: '已结案', markdown: '已结案' });
    const lost = { ...special, name: 'bulletin-9', title: '《网络舆情通报》第9期', paths: { markdown: 'incidents/x/documents/bulletin-9.md', html: 'incidents/x/documents/bulletin-9.html' } };
    const state = incidentState({ documents: [special, summary, lost], closed: { at: '2026-11-28T02:00:00.000Z', outcome: 'completed' } });

    const { path } = await on.activities.archiveIncident({ workflowId: WORKFLOW_ID, state });

    expect(path).toBe(`archive/${WORKFLOW_ID}`);
    const dir = join(on.dataDir, path);
    expect((await readdir(dir)).sort()).toEqual(['documents', 'index.html', 'notices.log', 'published', 'state.json', 'timeline.md']);
    expect(JSON.parse(await readFile(join(dir, 'state.json'), 'utf8'))).toEqual(state);
    expect((await readdir(join(dir, 'documents'))).sort()).toEqual(['special.html', 'special.md', 'summary.html', 'summary.md']);
    expect(await readFile(join(dir, 'documents', 'summary.md'), 'utf8')).toBe(await readFile(join(on.dataDir, summary.paths.markdown), 'utf8'));
    expect((await readdir(join(dir, 'published'))).sort()).toEqual(['1.json', '1.md']);
    expect(await readFile(join(dir, 'timeline.md'), 'utf8')).toContain('| 2026年11月27日 10:00 | 决定 | 确认舆情平稳 | 赵校长 |');

    const index = await readFile(join(dir, 'index.html'), 'utf8');
    expect(index).toContain('<h1>舆情事件档案</h1>');
    expect(index).toContain('<a href="documents/special.html" rel="noopener noreferrer">HTML</a>');
    expect(index).toContain('<a href="documents/summary.md" rel="noopener noreferrer">MD</a>');
    expect(index).toContain('<a href="state.json" rel="noopener noreferrer">事件全部记录（机读）</a>');
    expect(index).toContain('<td>《网络舆情通报》第9期</td><td>2026年');
    expect(index).toContain('<td>缺失</td>');
  });

  it('replaces the folder whole when archived again, leaving no staging folders', async () => {
    const on = await activitiesOn();
    cleanups.push(on.cleanup);
    await on.activities.archiveIncident({ workflowId: WORKFLOW_ID, state: incidentState({ documents: [] }) });
    const first = await stat(join(on.dataDir, 'archive', WORKFLOW_ID, 'state.json'));
    await on.activities.archiveIncident({ workflowId: WORKFLOW_ID, state: incidentState({ documents: [], breachCount: 4 }) });
    const saved = JSON.parse(await readFile(join(on.dataDir, 'archive', WORKFLOW_ID, 'state.json'), 'utf8'));
    expect(saved.breachCount).toBe(4);
    expect(first.isFile()).toBe(true);
    expect(await readdir(join(on.dataDir, 'archive'))).toEqual([WORKFLOW_ID]);
  });
});
