import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentActivities } from '../../activities/types';
import type { DocumentRef } from '../../domain/model/state';
import { WORKFLOW_ID, activitiesOn, incidentState, users } from './fixtures';

let on: Awaited<ReturnType<typeof activitiesOn>>;
let render: IncidentActivities['renderDocument'];
beforeAll(async () => {
  on = await activitiesOn();
  render = on.activities.renderDocument;
});
afterAll(() => on.cleanup());

async function read(ref: DocumentRef) {
  return {
    md: await readFile(join(on.dataDir, ref.paths.markdown), 'utf8'),
    html: await readFile(join(on.dataDir, ref.paths.html), 'utf8'),
  };
}

describe('renderDocument', () => {
  it('writes 《輿情專報》 with the item, its sources, spread, grade, assessment and plan', async () => {
    const ref = await render({ idempotencyKey: 'd1', kind: 'special', state: incidentState() });
    expect(ref).toMatchObject({
      name: 'special',
      title: '《輿情專報》網帖稱某中學食堂飯菜變質致學生腹瀉',
      paths: {
        markdown: `incidents/${WORKFLOW_ID}/documents/special.md`,
        html: `incidents/${WORKFLOW_ID}/documents/special.html`,
      },
    });
    expect(Date.parse(ref.createdAt)).not.toBeNaN();
    const { md, html } = await read(ref);
    expect(md).toMatch(/^# 輿情專報\n/);
    for (const heading of ['## 一、輿情概況', '## 二、信息來源', '## 三、傳播情況', '## 四、研判定級', '## 五、處置方案', '## 六、時限要求', '## 七、上報情況']) {
      expect(md).toContain(heading);
    }
    // every report with its kind, recipients, channel and document, and whom the grade still requires
    expect(md).toContain('| 2026年11月24日 09:50 | — | 區教育局 | 口頭 | — | 陳主任 | 按時 |');
    expect(md).toContain('| 2026年11月24日 14:40 | 續報 | 黨政辦、上級業務部門、區教育局 | 口頭 | 《網絡輿情通報》第1期 | 陳主任 | 按時 |');
    expect(md).toContain('按預案尚須報送：同級網信部門。');
    expect(md).toContain('[https://weibo.com/1234567890/NaBcDeFg](<https://weibo.com/1234567890/NaBcDeFg>)');
    expect(md).toContain('- **來源渠道**：微博');
    expect(md).toContain('重大輿情（二級響應）');
    expect(md).toContain('屬「詢問、質疑、訴求」類');
    expect(md).toContain('處置方案須經領導審批');
    expect(md).toContain('已批准（趙校長，2026年11月24日 10:30）');
    expect(md).toContain('| 瀏覽量 | 2,100 |');
    // discovered 01:10 UTC is 09:10 in Shanghai
    expect(md).toContain('- **發現時間**：2026年11月24日 09:10');
    expect(html).toContain('<html lang="zh-Hant">');
    expect(html).toContain('<h2>一、輿情概況</h2>');
    expect(html).toContain('<a href="https://weibo.com/1234567890/NaBcDeFg" rel="noopener noreferrer">');
    expect(html).toContain('今天中午食堂的菜都餿了');
  });

  it('writes 《網絡輿情通報》第N期 with the trend since the previous issue, the steps and the deadlines', async () => {
    const ref = await render({ idempotencyKey: 'd2', kind: 'bulletin', sequence: 2, state: incidentState() });
    expect(ref.name).toBe('bulletin-2');
    expect(ref.title).toBe('《網絡輿情通報》第2期 網帖稱某中學食堂飯菜變質致學生腹瀉');
    const { md } = await read(ref);
    expect(md).toMatch(/^# 網絡輿情通報（第2期）\n/);
    for (const heading of ['一、事件概況', '二、傳播態勢', '三、處置進展', '四、時限執行', '五、上期以來動態', '六、待辦事項']) {
      expect(md).toContain(`## ${heading}`);
    }
    // issue 1 went out at 06:30 UTC, when 1,480 views were the latest measurement
    expect(md).toContain('| 瀏覽量 | 2,100 | 1,480 | +620（+41.9%） |');
    expect(md).toContain('| 主流媒體介入 | 否 | 否 | 不變 |');
    expect(md).toContain('輿情仍在擴散');
    expect(md).toContain('| 2. 調查核實 | 已完成 |');
    expect(md).toContain('| 7. 及時總結 | 進行中 |');
    // only what happened after issue 1
    expect(md).toContain('查清事實期限已到');
    expect(md).not.toContain('登記輿情，初定為較大輿情');
    expect(md).toContain('- 審批總結：分管領導');
  });

  it('marks the first issue as having nothing to compare with when only one measurement exists', async () => {
    const state = incidentState();
    const ref = await render({
      idempotencyKey: 'd3',
      kind: 'bulletin',
      sequence: 1,
      state: { ...state, documents: [], metricsHistory: state.metricsHistory.slice(0, 1) },
    });
    const { md } = await read(ref);
    expect(md).toContain('首次監測，暫無對比數據。');
    expect(md).toContain('## 五、動態');
  });

  it('writes 《輿情處置情況匯報》 with the timeline, actions, releases, deadlines met and missed, lessons', async () => {
    const ref = await render({ idempotencyKey: 'd4', kind: 'summary', state: incidentState() });
    expect(ref.name).toBe('summary');
    const { md, html } = await read(ref);
    expect(md).toMatch(/^# 輿情處置情況匯報\n/);
    for (const heading of ['事件基本情況', '處置經過', '上報情況', '調查核實', '協調處置', '回應引導', '信息發布', '時限執行情況', '級別調整', '經驗教訓', '結案情況']) {
      expect(md).toMatch(new RegExp(`^## [一二三四五六七八九十]+、${heading}$`, 'm'));
    }
    // the full timeline, from registration to stabilisation
    expect(md).toContain('| 2026年11月24日 09:10 | 登記 | 登記輿情，初定為較大輿情 | 林信息員 |');
    expect(md).toContain('| 2026年11月27日 10:00 | 決定 | 確認輿情平穩 | 趙校長 |');
    // deadlines: on time with who met it, late with how late, missed with the responsible role
    expect(md).toContain('| 上報期限 | 辦公室及責任部門 | 2026年11月24日 09:10 | 2026年11月24日 13:10 | 2026年11月24日 09:50 | 陳主任 | 按時完成 |');
    expect(md).toContain('| 查清事實期限 | 辦公室及責任部門 | 2026年11月24日 10:40 | 2026年11月25日 17:30 | 2026年11月25日 19:45 | 王科長 | 逾期2小時15分鐘完成 |');
    expect(md).toContain('| 權威信息發布期限 | 分管領導 |');
    expect(md).toContain('逾期7小時20分鐘完成');
    expect(md).toMatch(/\| 書面報送期限 \| 辦公室及責任部門 \|.*\| 逾期未完成（已逾期\d+天/);
    expect(md).toContain('共5項時限：按時完成2項，逾期完成2項，逾期未完成1項');
    expect(md).toContain('| 時間 | 類別 | 報送對象 | 方式 | 所附文件 | 報送人 | 情況 |');
    expect(md).toContain('| 2026年11月24日 14:40 | 續報 | 黨政辦、上級業務部門、區教育局 | 口頭 | 《網絡輿情通報》第1期 | 陳主任 | 按時 |');
    // releases with their review trail
    expect(md).toContain('### 第1號通稿：關於學校食堂餐品問題的情況說明');
    expect(md).toContain('| 辦公室審改 | 陳主任 | 2026年11月25日 13:00 | 退回修改 | 補充致歉內容 |');
    expect(md).toContain('| 領導審定 | 趙校長 | 2026年11月25日 16:20 | 通過 | 同意發布 |');
    expect(md).toContain('| 2026年11月25日 21:00 | 更正 | 停用涼拌菜品，更換供應商，食堂全面消毒。 |');
    expect(md).toContain('| 2026年11月24日 14:00 | 較大 | 重大 | 瀏覽量超過1000次 | 按傳播數據自動定級 |');
    expect(md).toContain('- **核查結論**：部分屬實');
    expect(md).toContain('食材留樣和晨檢制度執行不嚴');
    expect(html).toContain('<th>核查結論</th><td>部分屬實</td>');
    // a multi-line field keeps its lines
    expect(html).toContain('已就診康復。<br>「學校隱瞞」一說不實。');
  });

  it('brings out a second edition of 《輿情專報》 with the plan the office drafted and leadership approved; the 匯報 keeps every decision on it', async () => {
    const { office, leader } = users;
    const at = (hhmm: string) => `2026-11-24T${hhmm}:00.000Z`;
    const state = incidentState({
      plan: {
        text: '',
        measures: '後勤管理處會同校醫室當日核查食材留樣。',
        messageLine: '高度重視、正在核實、及時公布。',
        assignments: [{ who: '後勤管理處', task: '核查留樣、整改' }, { who: '辦公室', task: '擬寫情況說明' }],
        publicationPlan: '核實後24小時內在學校官網、官方微博發布。',
        revision: 2,
        draftedBy: office,
        draftedAt: at('02:20'),
        decision: 'approved',
        comment: '同意',
        approvedBy: leader,
        approvedAt: at('02:30'),
        decisions: [
          { approve: false, comment: '口徑需與教育局一致', by: leader, at: at('02:10') },
          { approve: true, comment: '同意', by: leader, at: at('02:30'), unsigned: true },
        ],
      },
      responses: [
        { kind: 'netizenReply', content: '感謝關注，學校正在核實。', channel: '原帖評論', by: office, at: at('02:40'), no: 1, status: 'approved', approvedAt: at('02:50'), decisions: [{ approve: true, comment: '', by: leader, at: at('02:50') }] },
      ],
    });
    const second = await render({ idempotencyKey: 'd10', kind: 'special', sequence: 2, state });
    expect(second).toMatchObject({ name: 'special-2', title: '《輿情專報》第2版 網帖稱某中學食堂飯菜變質致學生腹瀉' });
    const special = (await read(second)).md;
    expect(special).toContain('第2版（處置方案經領導批准）');
    expect(special).toContain('- **擬稿**：陳主任，2026年11月24日 10:20（第2稿）');
    expect(special).toContain('### 回應口徑');
    expect(special).toContain('| 後勤管理處 | 核查留樣、整改 |');
    expect(special).toContain('核實後24小時內在學校官網、官方微博發布。');
    expect(special).toContain('已批准（趙校長（未簽名），2026年11月24日 10:30）');
    // the first edition is another document
    expect((await render({ idempotencyKey: 'd11', kind: 'special', state })).name).toBe('special');
    await expect(render({ idempotencyKey: 'd12', kind: 'special', sequence: 1, state })).rejects.toBeInstanceOf(ApplicationFailure);

    const summary = (await read(await render({ idempotencyKey: 'd13', kind: 'summary', state }))).md;
    expect(summary).toMatch(/^## [一二三四五六七八九十]+、處置方案$/m);
    expect(summary).toContain('| 2026年11月24日 10:10 | 趙校長 | 退回 | 口徑需與教育局一致 |');
    expect(summary).toContain('| 2026年11月24日 10:30 | 趙校長（未簽名） | 批准 | 同意 |');
    expect(summary).toContain('| 感謝關注，學校正在核實。 | 原帖評論 | 陳主任 | 趙校長，2026年11月24日 10:50 |');
  });

  it('a closed incident measures missed deadlines up to its close, not to the rendering time', async () => {
    const state = incidentState({ closed: { at: '2026-11-24T05:20:00.000Z', outcome: 'withdrawn', reason: '與本單位無關' } });
    const { md } = await read(await render({ idempotencyKey: 'd5', kind: 'summary', state }));
    expect(md).toContain('逾期未完成（已逾期3小時）');
    expect(md).toContain('- **結案方式**：已撤銷');
    expect(md).toContain('按預案應報而未報送：同級網信部門。');
  });

  it('escapes a hostile title and text in HTML and Markdown', async () => {
    const state = incidentState();
    const hostile = '<script>alert("x")</script> & <img src=x onerror=alert(1)>';
    state.incident = { ...state.incident, title: hostile, excerpt: '**粗體** [鏈接](javascript:alert(1)) | 表格' };
    state.timeline = [...state.timeline, { at: '2026-11-27T03:00:00.000Z', kind: 'decision', text: '<b>注入</b>', by: '<i>某人</i>' }];
    state.findings = { ...state.findings!, evidence: ['javascript:alert(1)'] };
    const ref = await render({ idempotencyKey: 'd6', kind: 'summary', state });
    const { md, html } = await read(ref);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>注入');
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain('<title>輿情處置情況匯報：&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('<td>&lt;b&gt;注入&lt;/b&gt;</td><td>&lt;i&gt;某人&lt;/i&gt;</td>');
    expect(md).not.toMatch(/(^|[^\\])<script>/);
    expect(md).toContain('\\<script\\>');
    expect(md).not.toContain('](<javascript:');
  });

  it('overwrites the same files when rendered again (a retry needs no ledger)', async () => {
    const a = await render({ idempotencyKey: 'd7', kind: 'special', state: incidentState() });
    const b = await render({ idempotencyKey: 'd7', kind: 'special', state: incidentState({ severity: 'critical', responseLevel: 'I' }) });
    expect(b.paths).toEqual(a.paths);
    expect((await read(b)).md).toContain('特別重大輿情（一級響應）');
  });

  it('refuses a bulletin without its issue number and a workflow id that is not a plain name', async () => {
    const noNumber = await render({ idempotencyKey: 'd8', kind: 'bulletin', state: incidentState() }).catch((e: unknown) => e);
    expect(noNumber).toBeInstanceOf(ApplicationFailure);
    expect((noNumber as ApplicationFailure).nonRetryable).toBe(true);
    const escape = await render({ idempotencyKey: 'd9', kind: 'special', state: incidentState({ workflowId: '../../etc' }) }).catch((e: unknown) => e);
    expect(escape).toBeInstanceOf(ApplicationFailure);
    expect((escape as ApplicationFailure).type).toBe('InvalidWorkflowId');
  });
});
