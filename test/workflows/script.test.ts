// An organisation that files in Traditional (its organisation file's `language: zh-Hant`): each
// incident it starts writes every text in Traditional from registration to archive — the Temporal
// UI's summaries and details, the timeline, the deadlines, the notices and the documents — while
// what people typed stays as they typed it. The default organisation's texts are Simplified
// (test/workflows/ui-texts.test.ts).
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultPayloadConverter } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asToken, incidentBody } from '../api/harness';
import { startLiveApp, type LiveApp } from '../api/live-app';
import { inScript } from '../../domain/script';
import { driveToEnd } from './driver';
import { fastPolicy, METRICS_FOR } from './fixtures';

let app: LiveApp;

beforeAll(async () => {
  // the worker reads the organisation file for its documents; the API's script comes from the same `language`
  const file = join(await mkdtemp(join(tmpdir(), 'yuqing-org-')), 'organisation.jsonc');
  await writeFile(file, JSON.stringify({ name: '××縣教育局', numberPrefix: '×教', language: 'zh-Hant' }));
  app = await startLiveApp({ deps: { policy: () => fastPolicy(), script: 'zh-Hant' }, workerEnv: { YUQING_ORGANISATION_FILE: file } });
});
afterAll(async () => {
  await app?.teardown();
});

/** Converting again changes nothing: the text holds no Simplified-only character of Yuqing's words. */
const traditional = (text: string) => inScript(text, 'zh-Hant') === text;

describe('an organisation that reads Traditional', () => {
  it('gets every text of its incidents in Traditional, Temporal UI included', async () => {
    const res = await asToken(app.baseUrl, 'monitor')('POST', '/api/incidents', incidentBody({ category: 'inquiry', metrics: METRICS_FOR.general, title: '網傳某校食堂飯菜變質' }));
    expect(res.status).toBe(201);
    const handle = app.env.client.workflow.getHandle(res.body.workflowId);
    const described = await handle.describe();
    expect(await described.staticSummary()).toBe('【一般】網傳某校食堂飯菜變質 · 後勤處');
    expect(await described.staticDetails()).toContain('**類別** 詢問、質疑、訴求　**渠道** 微博');

    const final = await driveToEnd(handle);
    expect(final.script).toBe('zh-Hant');
    expect(final.deadlines.find((d) => d.kind === 'forward')?.label).toBe('轉達期限');
    expect(final.timeline[0]!.text).toBe('登記輿情，定級一般（常規處置）');
    const untranslated = final.timeline.filter((e) => !traditional(e.text)).map((e) => e.text);
    expect(untranslated).toEqual([]);
    expect(final.notices?.length).toBeGreaterThan(0);
    expect(final.notices!.filter((n) => !traditional(n.title))).toEqual([]);

    const events = (await handle.fetchHistory()).events ?? [];
    const summaries = events.map((e) => e.userMetadata?.summary).filter((p) => p).map((p) => defaultPayloadConverter.fromPayload<string>(p!));
    expect(summaries).toEqual(expect.arrayContaining(['生成《輿情專報》', '生成《輿情處置情況匯報》', '歸檔全部記錄']));
    expect(summaries.filter((s) => !traditional(s))).toEqual([]);
    const meta = await handle.query<{ currentDetails: string }>('__temporal_workflow_metadata');
    expect(meta.currentDetails).toMatch(/^\*\*已結案\*\*/);

    const summary = final.documents.find((d) => d.name === 'summary')!;
    expect(summary.title).toMatch(/^《輿情處置情況匯報》/);
    const markdown = await readFile(join(app.worker.dataDir, summary.paths.markdown), 'utf8');
    expect(markdown).toContain('輿情處置情況匯報');
    expect(traditional(markdown)).toBe(true);
    const html = await readFile(join(app.worker.dataDir, summary.paths.html), 'utf8');
    expect(html).toContain('<html lang="zh-Hant">');
  });
});
