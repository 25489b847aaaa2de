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

/** the text of one numbered section of a Markdown document, up to the next */
function section(md: string, heading: string): string {
  const start = md.search(new RegExp(`^## [一二三四五六七八九十]+、${heading}$`, 'm'));
  if (start < 0) throw new Error(`no section ${heading}`);
  const body = md.slice(md.indexOf('\n', start) + 1);
  const next = body.search(/^## /m);
  return (next < 0 ? body : body.slice(0, next)).trim();
}

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

  it('writes 《舆情处置情况汇报》 as a report: basics, a short chronology, what was done, the plan, the published texts, deadlines, problems, lessons', async () => {
    const ref = await render({ idempotencyKey: 'd4', kind: 'summary', state: incidentState() });
    expect(ref.name).toBe('summary');
    const { md, html } = await read(ref);
    expect(md).toMatch(/^# 舆情处置情况汇报\n/);
    // the sections, in this order and no others
    const sections = [...md.matchAll(/^## ([一二三四五六七八九十]+)、(.+)$/gm)].map((m) => m[2]);
    expect(sections).toEqual(['事件基本情况', '处置经过', '主要做法', '处置方案', '对外发布内容', '时限执行情况', '存在问题', '下一步工作和经验教训']);
    expect(html).toContain('<h2>八、下一步工作和经验教训</h2>');

    // basics in sentences: what, where, when, grade and how it changed, category, department, spread
    expect(md).toContain('2026年11月24日 09:10，经监测发现微博出现「网帖称某中学食堂饭菜变质致学生腹泻」相关信息，由林信息员登记。');
    expect(md).toContain('该舆情初定为较大舆情，因浏览量超过1000次调整为重大舆情（二级响应），属「询问、质疑、诉求」类，涉及食品、卫生健康领域，责任部门为后勤管理处。');
    expect(md).toContain('截至2026年11月25日 20:00，浏览2,100次、评论160条、转发120次，已有2家主流网站转载。');

    // the chronology: the events that matter, one line each, oldest first
    expect(section(md, '处置经过')).toBe(
      [
        '- 11月24日 09:10 林信息员登记舆情，初定为较大舆情。',
        '- 11月24日 09:50 陈主任口头向区教育局报告。',
        '- 11月24日 10:30 赵校长批准处置方案。',
        '- 11月24日 14:00 浏览量超过1000次，由较大舆情升为重大舆情（按传播数据自动定级）。',
        '- 11月24日 14:40 陈主任口头向党政办、上级业务部门、区教育局续报，附《网络舆情通报》第1期。',
        '- 11月25日 16:30 第1号通稿《关于学校食堂餐品问题的情况说明》发布于学校官方微博、学校官网。',
        '- 11月25日 16:30 陈主任发表声明（学校官方微博）。',
        '- 11月25日 20:30 陈主任采纳王科长提交的核查结论（部分属实）。',
        '- 11月27日 10:00 赵校长确认舆情平稳。',
      ].join('\n'),
    );

    // what was done: the approved plan's measures, reports, findings, actions by kind
    const practice = section(md, '主要做法');
    expect(practice).toContain('按照经批准的处置方案开展处置：后勤管理处会同校医室当日核查食材留样');
    expect(practice).toContain('| 2026年11月24日 14:40 | 续报 | 党政办、上级业务部门、区教育局 | 口头 | 《网络舆情通报》第1期 | 陈主任 | 按时 |');
    expect(practice).toContain('- **核查结论**：部分属实');
    expect(practice).toContain('- 更正：停用凉拌菜品，更换供应商，食堂全面消毒（王科长，11月25日 21:00）。');
    expect(practice).toContain('编发《网络舆情通报》1期');
    expect(html).toContain('<th>核查结论</th><td>部分属实</td>');
    // a multi-line field keeps its lines
    expect(html).toContain('已就诊康复。<br>「学校隐瞒」一说不实。');

    // the published texts, where they went out, who approved them
    const published = section(md, '对外发布内容');
    expect(published).toContain('### 第1号通稿：关于学校食堂餐品问题的情况说明');
    expect(published).toContain('11月24日，我校部分学生午餐后出现腹泻症状。经核查，一道凉拌菜留样检测不合格，涉事菜品已停用。');
    expect(published).toContain('学校向学生和家长诚恳致歉，将持续通报进展。');
    expect(published).toContain('- **发布**：2026年11月25日 16:30，已发布至学校官方微博、学校官网');
    expect(published).toContain('- **审定**：赵校长，2026年11月25日 16:20');
    expect(published).toContain('学校就食堂餐品问题发布情况说明。');

    // deadlines: on time with who met it, late with how late, missed with the responsible role
    expect(md).toContain('共5项时限：按时完成2项，逾期完成2项，逾期未完成1项。');
    expect(md).toContain('| 时限 | 责任方 | 截止 | 完成 | 办理人 | 结果 |');
    expect(md).toContain('| 上报期限 | 办公室及责任部门 | 2026年11月24日 13:10 | 2026年11月24日 09:50 | 陈主任 | 按时完成 |');
    expect(md).toContain('| 查清事实期限 | 办公室及责任部门 | 2026年11月25日 17:30 | 2026年11月25日 19:45 | 王科长 | 逾期2小时15分钟完成 |');
    expect(md).toContain('| 总结报告期限 | 办公室及责任部门 | 2026年11月30日 10:00 | 2026年11月27日 11:00 | 陈主任 | 按时完成 |');
    expect(md).toMatch(/\| 书面报送期限 \| 办公室及责任部门 \|.*\| — \| 逾期未完成（已逾期\d+天/);

    // problems the record shows by itself, then the handler's lessons
    const problems = section(md, '存在问题');
    expect(problems).toContain('- 查清事实期限逾期2小时15分钟完成，责任方为办公室及责任部门。');
    expect(problems).toContain('- 权威信息发布期限逾期7小时20分钟完成，责任方为分管领导。');
    expect(problems).toContain('- 按预案尚须报送：同级网信部门。');
    expect(problems).toContain('按预案追究相关责任');
    expect(section(md, '下一步工作和经验教训')).toContain('食材留样和晨检制度执行不严');
  });

  it('keeps the 汇报 chronology to the events that matter: no step starts and ends, notices, refusals or documents', async () => {
    const base = incidentState();
    const noise = (at: string, kind: 'step' | 'notified' | 'rejected' | 'document' | 'breach', text: string) => ({ at, kind, text });
    const state = incidentState({
      timeline: [
        ...base.timeline,
        noise('2026-11-24T02:40:00.000Z', 'step', '调查核实开始'),
        noise('2026-11-25T11:45:00.000Z', 'step', '调查核实结束'),
        noise('2026-11-24T02:21:00.000Z', 'notified', '已通知分管领导：书面报送期限已到'),
        noise('2026-11-24T03:00:00.000Z', 'rejected', '拒收「审批处置方案」：无权限'),
        noise('2026-11-24T06:30:00.000Z', 'document', '生成《网络舆情通报》第1期'),
      ],
    });
    const chronology = section((await read(await render({ idempotencyKey: 'd14', kind: 'summary', state }))).md, '处置经过');
    const lines = chronology.split('\n');
    expect(lines.length).toBeGreaterThan(5);
    expect(lines.length).toBeLessThanOrEqual(15);
    for (const line of lines) expect(line).toMatch(/^- \d{1,2}月\d{1,2}日 \d{2}:\d{2} \S/);
    for (const word of ['开始', '结束', '通知', '拒收', '生成', '期限已到']) expect(chronology).not.toContain(word);
  });

  it('keeps a long incident\'s chronology to 15 lines, counting what it leaves out', async () => {
    const base = incidentState();
    const report = base.reports[1]!;
    const reports = Array.from({ length: 20 }, (_, n) => ({ ...report, at: new Date(Date.parse('2026-11-26T00:00:00.000Z') + n * 600_000).toISOString() }));
    const chronology = section((await read(await render({ idempotencyKey: 'd15', kind: 'summary', state: incidentState({ reports: [base.reports[0]!, ...reports] }) }))).md, '处置经过');
    const lines = chronology.split('\n');
    expect(lines).toHaveLength(15);
    expect(lines.at(-1)).toMatch(/^- 此外另有报送\d+次/);
    // what matters most stays: the first report, the plan, the publication, stabilisation
    expect(chronology).toContain('陈主任口头向区教育局报告');
    expect(chronology).toContain('赵校长批准处置方案');
    expect(chronology).toContain('第1号通稿《关于学校食堂餐品问题的情况说明》发布');
    expect(chronology).toContain('赵校长确认舆情平稳');
  });

  it('lists late reports and decisions accepted unsigned among the 汇报\'s problems, and says so when there are none', async () => {
    const base = incidentState();
    const unsigned = incidentState({
      reports: [{ ...base.reports[0]!, late: true, unsigned: true }, base.reports[1]!],
      actions: base.actions.map((a) => ({ ...a, unsigned: true as const })),
    });
    const problems = section((await read(await render({ idempotencyKey: 'd16', kind: 'summary', state: unsigned }))).md, '存在问题');
    expect(problems).toContain('- 11月24日 09:50陈主任向区教育局的报告迟报。');
    expect(problems).toContain('3项决定未经系统签名即按标记接受（上报1项、登记处置措施2项）');
    const clean = incidentState({ deadlines: base.deadlines.filter((d) => !d.breachedAt), reportsOwed: [] });
    expect(section((await read(await render({ idempotencyKey: 'd17', kind: 'summary', state: clean }))).md, '存在问题')).toBe(
      '处置过程中未发现逾期、迟报、漏报或未经签名的决定。',
    );
  });

  it('prints no stored path and no workflow id in any document a person reads, and numbers each with its 期号 or 发文字号', async () => {
    const state = incidentState();
    const refs = [
      await render({ idempotencyKey: 'd18', kind: 'special', state }),
      await render({ idempotencyKey: 'd19', kind: 'bulletin', sequence: 2, state }),
      await render({ idempotencyKey: 'd20', kind: 'summary', state }),
    ];
    for (const ref of refs) {
      const { md, html } = await read(ref);
      for (const text of [md, html]) {
        expect(text).not.toMatch(/(^|[\s(（])(published|archive|data|incidents)\/[^\s]*\.(md|html|docx|json)/m);
        expect(text).not.toMatch(/(published|archive|data|incidents)\/[^\s<>|]*\.(md|html|docx|json)/);
        expect(text).not.toContain(WORKFLOW_ID);
      }
      expect(ref.number).toBeTruthy();
      expect(md).toContain(`> ${ref.number}\n`);
      expect(html).toContain(`<p class="meta number">${ref.number}</p>`);
    }
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
    const published = section(summary, '对外发布内容');
    expect(published).toContain('### 答复网民（原帖评论）');
    expect(published).toContain('- **审定**：赵校长，2026年11月24日 10:50');
    expect(published).toContain('感谢关注，学校正在核实。');
    expect(section(summary, '处置经过')).toContain('- 11月24日 10:50 赵校长审定答复网民（原帖评论）。');
  });

  it('a closed incident measures missed deadlines up to its close, not to the rendering time', async () => {
    const state = incidentState({ closed: { at: '2026-11-24T05:20:00.000Z', outcome: 'withdrawn', reason: '与本单位无关' } });
    const { md } = await read(await render({ idempotencyKey: 'd5', kind: 'summary', state }));
    expect(md).toContain('逾期未完成（已逾期3小时）');
    expect(md).toContain('2026年11月24日 13:20结案（已撤销：与本单位无关）。');
    expect(md).toContain('- 11月24日 13:20 结案（已撤销）：与本单位无关。');
    expect(md).toContain('按预案应报而未报送：同级网信部门。');
  });

  it('escapes a hostile title and text in HTML and Markdown', async () => {
    const state = incidentState();
    const hostile = '<script>alert("x")</script> & <img src=x onerror=alert(1)>';
    state.incident = { ...state.incident, title: hostile, excerpt: '**粗体** [链接](javascript:alert(1)) | 表格' };
    state.actions = [...state.actions, { kind: 'other', description: '<b>注入</b>', reason: '', by: { ...users.office, name: '<i>某人</i>' }, at: '2026-11-27T03:00:00.000Z' }];
    state.findings = { ...state.findings!, evidence: ['javascript:alert(1)'] };
    const ref = await render({ idempotencyKey: 'd6', kind: 'summary', state });
    const { md, html } = await read(ref);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>注入');
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain('<title>舆情处置情况汇报：&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('<li>其他：&lt;b&gt;注入&lt;/b&gt;（&lt;i&gt;某人&lt;/i&gt;，11月27日 11:00）。</li>');
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
