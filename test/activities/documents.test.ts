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
  it('writes 《舆情专报》 with the item, its sources, spread, grade, assessment and plan', async () => {
    const ref = await render({ idempotencyKey: 'd1', kind: 'special', state: incidentState() });
    expect(ref).toMatchObject({
      name: 'special',
      title: '《舆情专报》网帖称某中学食堂饭菜变质致学生腹泻',
      paths: {
        markdown: `incidents/${WORKFLOW_ID}/documents/special.md`,
        html: `incidents/${WORKFLOW_ID}/documents/special.html`,
      },
    });
    expect(Date.parse(ref.createdAt)).not.toBeNaN();
    const { md, html } = await read(ref);
    expect(md).toMatch(/^# 舆情专报\n/);
    for (const heading of ['## 一、舆情概况', '## 二、信息来源', '## 三、传播情况', '## 四、研判定级', '## 五、处置方案', '## 六、时限要求', '## 七、上报情况']) {
      expect(md).toContain(heading);
    }
    // every report with its kind, recipients, channel and document, and whom the grade still requires
    expect(md).toContain('| 2026年11月24日 09:50 | — | 区教育局 | 口头 | — | 陈主任 | 按时 |');
    expect(md).toContain('| 2026年11月24日 14:40 | 续报 | 党政办、上级业务部门、区教育局 | 口头 | 《网络舆情通报》第1期 | 陈主任 | 按时 |');
    expect(md).toContain('按预案尚须报送：同级网信部门。');
    expect(md).toContain('[https://weibo.com/1234567890/NaBcDeFg](<https://weibo.com/1234567890/NaBcDeFg>)');
    expect(md).toContain('- **来源渠道**：微博');
    expect(md).toContain('重大舆情（二级响应）');
    expect(md).toContain('属「询问、质疑、诉求」类');
    expect(md).toContain('处置方案须经领导审批');
    expect(md).toContain('已批准（赵校长，2026年11月24日 10:30）');
    expect(md).toContain('| 浏览量 | 2,100 |');
    // discovered 01:10 UTC is 09:10 in Shanghai
    expect(md).toContain('- **发现时间**：2026年11月24日 09:10');
    expect(html).toContain('<html lang="zh-Hans">');
    expect(html).toContain('<h2>一、舆情概况</h2>');
    expect(html).toContain('<a href="https://weibo.com/1234567890/NaBcDeFg" rel="noopener noreferrer">');
    expect(html).toContain('今天中午食堂的菜都馊了');
  });

  it('writes 《网络舆情通报》第N期 with the trend since the previous issue, the steps and the deadlines', async () => {
    const ref = await render({ idempotencyKey: 'd2', kind: 'bulletin', sequence: 2, state: incidentState() });
    expect(ref.name).toBe('bulletin-2');
    expect(ref.title).toBe('《网络舆情通报》第2期 网帖称某中学食堂饭菜变质致学生腹泻');
    const { md } = await read(ref);
    expect(md).toMatch(/^# 网络舆情通报（第2期）\n/);
    for (const heading of ['一、事件概况', '二、传播态势', '三、处置进展', '四、时限执行', '五、上期以来动态', '六、待办事项']) {
      expect(md).toContain(`## ${heading}`);
    }
    // issue 1 went out at 06:30 UTC, when 1,480 views were the latest measurement
    expect(md).toContain('| 浏览量 | 2,100 | 1,480 | +620（+41.9%） |');
    expect(md).toContain('| 主流媒体介入 | 否 | 否 | 不变 |');
    expect(md).toContain('舆情仍在扩散');
    expect(md).toContain('| 2. 调查核实 | 已完成 |');
    expect(md).toContain('| 7. 及时总结 | 进行中 |');
    // only what happened after issue 1
    expect(md).toContain('查清事实期限已到');
    expect(md).not.toContain('登记舆情，初定为较大舆情');
    expect(md).toContain('- 审批总结：分管领导');
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
    expect(md).toContain('首次监测，暂无对比数据。');
    expect(md).toContain('## 五、动态');
  });

  it('writes 《舆情处置情况汇报》 with the timeline, actions, releases, deadlines met and missed, lessons', async () => {
    const ref = await render({ idempotencyKey: 'd4', kind: 'summary', state: incidentState() });
    expect(ref.name).toBe('summary');
    const { md, html } = await read(ref);
    expect(md).toMatch(/^# 舆情处置情况汇报\n/);
    for (const heading of ['事件基本情况', '处置经过', '上报情况', '调查核实', '协调处置', '回应引导', '信息发布', '时限执行情况', '级别调整', '经验教训', '结案情况']) {
      expect(md).toMatch(new RegExp(`^## [一二三四五六七八九十]+、${heading}$`, 'm'));
    }
    // the full timeline, from registration to stabilisation
    expect(md).toContain('| 2026年11月24日 09:10 | 登记 | 登记舆情，初定为较大舆情 | 林信息员 |');
    expect(md).toContain('| 2026年11月27日 10:00 | 决定 | 确认舆情平稳 | 赵校长 |');
    // deadlines: on time with who met it, late with how late, missed with the responsible role
    expect(md).toContain('| 上报期限 | 办公室及责任部门 | 2026年11月24日 09:10 | 2026年11月24日 13:10 | 2026年11月24日 09:50 | 陈主任 | 按时完成 |');
    expect(md).toContain('| 查清事实期限 | 办公室及责任部门 | 2026年11月24日 10:40 | 2026年11月25日 17:30 | 2026年11月25日 19:45 | 王科长 | 逾期2小时15分钟完成 |');
    expect(md).toContain('| 权威信息发布期限 | 分管领导 |');
    expect(md).toContain('逾期7小时20分钟完成');
    expect(md).toMatch(/\| 书面报送期限 \| 办公室及责任部门 \|.*\| 逾期未完成（已逾期\d+天/);
    expect(md).toContain('共5项时限：按时完成2项，逾期完成2项，逾期未完成1项');
    expect(md).toContain('| 时间 | 类别 | 报送对象 | 方式 | 所附文件 | 报送人 | 情况 |');
    expect(md).toContain('| 2026年11月24日 14:40 | 续报 | 党政办、上级业务部门、区教育局 | 口头 | 《网络舆情通报》第1期 | 陈主任 | 按时 |');
    // releases with their review trail
    expect(md).toContain('### 第1号通稿：关于学校食堂餐品问题的情况说明');
    expect(md).toContain('| 办公室审改 | 陈主任 | 2026年11月25日 13:00 | 退回修改 | 补充致歉内容 |');
    expect(md).toContain('| 领导审定 | 赵校长 | 2026年11月25日 16:20 | 通过 | 同意发布 |');
    expect(md).toContain('| 2026年11月25日 21:00 | 更正 | 停用凉拌菜品，更换供应商，食堂全面消毒。 |');
    expect(md).toContain('| 2026年11月24日 14:00 | 较大 | 重大 | 浏览量超过1000次 | 按传播数据自动定级 |');
    expect(md).toContain('- **核查结论**：部分属实');
    expect(md).toContain('食材留样和晨检制度执行不严');
    expect(html).toContain('<th>核查结论</th><td>部分属实</td>');
    // a multi-line field keeps its lines
    expect(html).toContain('已就诊康复。<br>「学校隐瞒」一说不实。');
  });

  it('brings out a second edition of 《舆情专报》 with the plan the office drafted and leadership approved; the 汇报 keeps every decision on it', async () => {
    const { office, leader } = users;
    const at = (hhmm: string) => `2026-11-24T${hhmm}:00.000Z`;
    const state = incidentState({
      plan: {
        text: '',
        measures: '后勤管理处会同校医室当日核查食材留样。',
        messageLine: '高度重视、正在核实、及时公布。',
        assignments: [{ who: '后勤管理处', task: '核查留样、整改' }, { who: '办公室', task: '拟写情况说明' }],
        publicationPlan: '核实后24小时内在学校官网、官方微博发布。',
        revision: 2,
        draftedBy: office,
        draftedAt: at('02:20'),
        decision: 'approved',
        comment: '同意',
        approvedBy: leader,
        approvedAt: at('02:30'),
        decisions: [
          { approve: false, comment: '口径需与教育局一致', by: leader, at: at('02:10') },
          { approve: true, comment: '同意', by: leader, at: at('02:30'), unsigned: true },
        ],
      },
      responses: [
        { kind: 'netizenReply', content: '感谢关注，学校正在核实。', channel: '原帖评论', by: office, at: at('02:40'), no: 1, status: 'approved', approvedAt: at('02:50'), decisions: [{ approve: true, comment: '', by: leader, at: at('02:50') }] },
      ],
    });
    const second = await render({ idempotencyKey: 'd10', kind: 'special', sequence: 2, state });
    expect(second).toMatchObject({ name: 'special-2', title: '《舆情专报》第2版 网帖称某中学食堂饭菜变质致学生腹泻' });
    const special = (await read(second)).md;
    expect(special).toContain('第2版（处置方案经领导批准）');
    expect(special).toContain('- **拟稿**：陈主任，2026年11月24日 10:20（第2稿）');
    expect(special).toContain('### 回应口径');
    expect(special).toContain('| 后勤管理处 | 核查留样、整改 |');
    expect(special).toContain('核实后24小时内在学校官网、官方微博发布。');
    expect(special).toContain('已批准（赵校长（未签名），2026年11月24日 10:30）');
    // the first edition is another document
    expect((await render({ idempotencyKey: 'd11', kind: 'special', state })).name).toBe('special');
    await expect(render({ idempotencyKey: 'd12', kind: 'special', sequence: 1, state })).rejects.toBeInstanceOf(ApplicationFailure);

    const summary = (await read(await render({ idempotencyKey: 'd13', kind: 'summary', state }))).md;
    expect(summary).toMatch(/^## [一二三四五六七八九十]+、处置方案$/m);
    expect(summary).toContain('| 2026年11月24日 10:10 | 赵校长 | 退回 | 口径需与教育局一致 |');
    expect(summary).toContain('| 2026年11月24日 10:30 | 赵校长（未签名） | 批准 | 同意 |');
    expect(summary).toContain('| 感谢关注，学校正在核实。 | 原帖评论 | 陈主任 | 赵校长，2026年11月24日 10:50 |');
  });

  it('a closed incident measures missed deadlines up to its close, not to the rendering time', async () => {
    const state = incidentState({ closed: { at: '2026-11-24T05:20:00.000Z', outcome: 'withdrawn', reason: '与本单位无关' } });
    const { md } = await read(await render({ idempotencyKey: 'd5', kind: 'summary', state }));
    expect(md).toContain('逾期未完成（已逾期3小时）');
    expect(md).toContain('- **结案方式**：已撤销');
    expect(md).toContain('按预案应报而未报送：同级网信部门。');
  });

  it('escapes a hostile title and text in HTML and Markdown', async () => {
    const state = incidentState();
    const hostile = '<script>alert("x")</script> & <img src=x onerror=alert(1)>';
    state.incident = { ...state.incident, title: hostile, excerpt: '**粗体** [链接](javascript:alert(1)) | 表格' };
    state.timeline = [...state.timeline, { at: '2026-11-27T03:00:00.000Z', kind: 'decision', text: '<b>注入</b>', by: '<i>某人</i>' }];
    state.findings = { ...state.findings!, evidence: ['javascript:alert(1)'] };
    const ref = await render({ idempotencyKey: 'd6', kind: 'summary', state });
    const { md, html } = await read(ref);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>注入');
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain('<title>舆情处置情况汇报：&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
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
    expect((await read(b)).md).toContain('特别重大舆情（一级响应）');
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
