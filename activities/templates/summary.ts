// 《舆情处置情况汇报》: the summary of step 7, the document the seed collection is named after.
// It is the report the organisation files and keeps (篇二 6), written as an office writes one:
// what happened, the course of handling in a few lines, what was done, the plan, what was said in
// public, the deadlines with who answered for them (篇二十/第六篇 holds late and missed reports to
// account), the problems and the lessons. The full log stays on the incident's page and in its archive.
import { label } from '../../domain/labels';
import { ACTION_LABELS, CATEGORY_LABELS, VERDICT_LABELS } from '../../domain/rules/categories';
import { SEVERITY_LABELS } from '../../domain/rules/grading';
import type { ActionKind, ResponseKind } from '../../domain/model/schema';
import type { IncidentState, Release, ResponseRecord } from '../../domain/model/state';
import { fields, heading, list, paragraph, subheading, type Block, type Doc } from './doc';
import { chronology } from './chronology';
import { evidenceBlocks } from './evidence';
import { planBlocks } from './plan';
import { problems } from './problems';
import {
  CHANNEL_LABELS,
  RELEASE_KIND_LABELS,
  RELEASE_STATUS_LABELS,
  RESPONSE_LABELS,
  SENSITIVE_TOPIC_LABELS,
  TIME_NOTE,
  dayTime,
  localTime,
  localYearOf,
  signer,
} from './labels';
import { asOf, currentMetrics, deadlineOutcome, deadlinesTable, gradeText, reportsTable, sourceLinks, spreadText, stageText } from './sections';

const ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
/** （一）（二）… under a section, as the seed documents number the parts of one */
const parts = (titled: [string, Block[]][]): Block[] =>
  titled.filter(([, body]) => body.length).flatMap(([title, body], n) => [subheading(`（${ORDINALS[n] ?? n + 1}）${title}`), ...body]);

/** （已撤销：与本单位无关）; nothing for an incident closed as handled */
function closedHow(c: NonNullable<IncidentState['closed']>): string {
  const words = [...(c.outcome === 'completed' ? [] : [label('incidentStatus', c.outcome)]), ...(c.reason ? [c.reason] : [])];
  return words.length ? `（${words.join('：')}）` : '';
}

function basics(state: IncidentState): Block[] {
  const i = state.incident;
  const topics = i.sensitive.topics.map((t) => SENSITIVE_TOPIC_LABELS[t]).join('、');
  const first = state.escalations[0];
  const grade = first
    ? `初定为${SEVERITY_LABELS[first.from]}舆情，因${state.escalations.at(-1)!.reason}调整为${gradeText(state)}`
    : `经研判为${gradeText(state)}`;
  const measuredAt = state.metricsHistory.at(-1)?.at ?? i.discoveredAt;
  const outcome = state.closed
    ? `${localTime(state.closed.at)}结案${closedHow(state.closed)}。`
    : `目前处于“${stageText(state)}”阶段${state.stabilisedAt ? `，舆情已于${localTime(state.stabilisedAt)}确认平稳` : ''}。`;
  return [
    paragraph(`${localTime(i.discoveredAt)}，经监测发现${CHANNEL_LABELS[i.channel]}出现「${i.title}」相关信息，由${state.reporter.name}登记。`),
    paragraph(i.summary),
    paragraph(
      `该舆情${grade}，属「${CATEGORY_LABELS[state.category]}」类${topics ? `，涉及${topics}领域` : ''}，` +
        `责任部门为${i.department}。截至${localTime(measuredAt)}，${spreadText(currentMetrics(state))}。${outcome}`,
    ),
    subheading('信息来源'),
    list(sourceLinks(state)),
  ];
}

function findings(state: IncidentState): Block[] {
  const f = state.findings;
  if (!f) return [paragraph('未提交核查结论。')];
  const review = f.reviewedBy
    ? `${f.accepted ? '采纳' : '退回'}（${signer(f.reviewedBy, f.reviewUnsigned)}，${localTime(f.reviewedAt)}）${f.comment ? `：${f.comment}` : ''}`
    : '待审核';
  return [
    fields([
      ['核查结论', VERDICT_LABELS[f.verdict]],
      ['提交', `${signer(f.submittedBy, f.unsigned)}，${localTime(f.submittedAt)}`],
      ['审核', review],
    ]),
    paragraph(f.facts),
    ...(f.evidence.length ? [list(f.evidence.map((href) => ({ text: href, href })))] : []),
  ];
}

/** one line a kind, in the order the kinds are listed: 更正：……（王科长，11月25日 21:00）。 */
function byKind<K extends string, T extends { kind: K }>(items: T[], labels: Record<K, string>, line: (item: T) => string): string[] {
  return (Object.keys(labels) as K[])
    .map((kind) => [kind, items.filter((x) => x.kind === kind)] as const)
    .filter(([, of]) => of.length)
    .map(([kind, of]) => `${labels[kind]}：${of.map(line).join('；')}。`);
}

function practice(state: IncidentState): Block[] {
  const year = localYearOf(state.incident.discoveredAt);
  const p = state.plan;
  const measures = p?.decision === 'approved' ? (p.measures ?? p.text) : '';
  const forwards = (state.forwards ?? []).map((f) => `${dayTime(f.at, year)}${signer(f.by, f.unsigned)}转达${f.department}${f.note ? `：${f.note}` : ''}。`);
  const actions = byKind<ActionKind, (typeof state.actions)[number]>(
    state.actions,
    ACTION_LABELS,
    (a) => `${a.description.replace(/[。；]$/, '')}${a.reason ? `（理由：${a.reason}）` : ''}（${signer(a.by, a.unsigned)}，${dayTime(a.at, year)}）`,
  );
  const given = state.responses.filter((r) => !r.status || r.status === 'approved');
  const published = state.releases.filter((r) => r.status === 'published');
  const bulletins = state.documents.filter((d) => d.name.startsWith('bulletin-')).length;
  const guidance = [
    ...(published.length ? [`发布通稿${published.length}篇（${published.map((r) => `第${r.no}号`).join('、')}）`] : []),
    ...byKind<ResponseKind, ResponseRecord>(given, RESPONSE_LABELS, (r) => r.channel).map((s) => s.replace(/。$/, '')),
  ];
  const tracking = `跟踪监测传播数据${state.metricsHistory.length}次${bulletins ? `，编发《网络舆情通报》${bulletins}期` : ''}。`;
  return [
    ...(measures ? [paragraph(`按照经批准的处置方案开展处置：${measures}`)] : []),
    ...parts([
      ['信息报送', [reportsTable(state), ...(forwards.length ? [list(forwards)] : [])]],
      [label('step', 'verify'), findings(state)],
      ['处置措施', [actions.length ? list(actions) : paragraph('未登记处置措施。')]],
      ['回应引导', [paragraph(guidance.length ? `${guidance.join('；')}。内容见“对外发布内容”。` : '未对外回应。')]],
      ['跟踪研判', [paragraph(tracking)]],
    ]),
  ];
}

/** the review that let it through at `stage`: the office's 审改, leadership's 审定 */
function passedBy(r: Release, stage: 'review' | 'approval'): string {
  const v = [...r.reviews].reverse().find((x) => x.stage === stage && x.approve);
  return v ? `${signer(v.by, v.unsigned)}，${localTime(v.at)}` : '—';
}

function statements(state: IncidentState): Block[] {
  const published = state.releases.filter((r) => r.status === 'published');
  const others = state.releases.filter((r) => r.status !== 'published');
  const given = state.responses.filter((r) => !r.status || r.status === 'approved');
  const releases = published.flatMap((r) => [
    subheading(`第${r.no}号通稿：${r.title}`),
    fields([
      ['类型', RELEASE_KIND_LABELS[r.kind]],
      ['起草', `${signer(r.draftedBy, r.unsigned)}，${localTime(r.draftedAt)}`],
      ['审改', passedBy(r, 'review')],
      ['审定', passedBy(r, 'approval')],
      ['发布', `${localTime(r.publishedAt)}，已发布至${r.channels.join('、')}`],
    ]),
    paragraph(r.body),
  ]);
  const responses = given.flatMap((r) => {
    const approval = [...(r.decisions ?? [])].reverse().find((d) => d.approve);
    return [
      subheading(`${RESPONSE_LABELS[r.kind]}（${r.channel}）`),
      fields([
        ['拟稿', `${signer(r.by, r.unsigned)}，${localTime(r.at)}`],
        ...(approval ? ([['审定', `${signer(approval.by, approval.unsigned)}，${localTime(r.approvedAt ?? approval.at)}`]] as [string, string][]) : []),
      ]),
      paragraph(r.content),
    ];
  });
  const unpublished = others.map((r) => `第${r.no}号通稿《${r.title}》${RELEASE_STATUS_LABELS[r.status]}，未发布。`);
  if (!releases.length && !responses.length && !unpublished.length) return [paragraph('未对外发布通稿或回应。')];
  return [...releases, ...responses, ...(unpublished.length ? [list(unpublished)] : [])];
}

function deadlineTally(state: IncidentState, at: string): string {
  const outcomes = state.deadlines.map((d) => deadlineOutcome(d, at));
  const count = (o: string) => outcomes.filter((x) => x === o).length;
  return (
    `共${state.deadlines.length}项时限：按时完成${count('onTime')}项，逾期完成${count('late')}项，逾期未完成${count('missed')}项` +
    (count('cancelled') ? `，取消${count('cancelled')}项` : '') +
    (count('open') ? `，未到期${count('open')}项` : '') +
    '。'
  );
}

function replyExtension(state: IncidentState): Block[] {
  const x = state.replyExtension;
  if (!x) return [];
  const decision = x.decision === 'approved' ? '已批准' : x.decision === 'rejected' ? '未批准' : '待审批';
  return [
    paragraph(
      `${signer(x.requestedBy, x.unsigned)}于${localTime(x.requestedAt)}申请答复延期（${x.reason}），${decision}${x.decidedBy ? `（${signer(x.decidedBy, x.decisionUnsigned)}）` : ''}。`,
    ),
  ];
}

function issues(state: IncidentState, at: string): Block[] {
  const { owed, unsigned } = problems(state, at);
  if (!owed.length && !unsigned.length) return [paragraph('处置过程中未发现逾期、迟报、漏报或未经签名的决定。')];
  return [
    list([...owed, ...unsigned]),
    ...(owed.length ? [paragraph('上述逾期、迟报、漏报事项应查明原因，按预案追究相关责任。')] : []),
  ];
}

function lessons(state: IncidentState): Block[] {
  const s = state.summary;
  if (!s) return [paragraph('尚未提交处置总结。')];
  const decision = s.decision === 'approved' ? '批准' : s.decision === 'returned' ? '退回修改' : '待审批';
  return [
    ...parts([
      ['经验教训', [paragraph(s.lessons)]],
      ['处置总结', s.body ? [paragraph(s.body)] : []],
    ]),
    fields([
      ['总结提交', `${signer(s.submittedBy, s.unsigned)}，${localTime(s.submittedAt)}`],
      ['领导审批', `${decision}${s.decidedBy ? `（${signer(s.decidedBy, s.decisionUnsigned)}）` : ''}${s.comment ? `：${s.comment}` : ''}`],
    ]),
  ];
}

export function summaryReport(state: IncidentState, now: Date): Doc {
  const at = asOf(state, now);
  const plan = planBlocks(state, { trail: true });
  return {
    title: '舆情处置情况汇报',
    meta: [state.incident.title, `${localTime(now.toISOString())}印发`, TIME_NOTE],
    blocks: [
      heading('事件基本情况'),
      ...basics(state),
      heading('处置经过'),
      list(chronology(state)),
      heading('主要做法'),
      ...practice(state),
      ...(plan.length ? plan : [heading('处置方案'), paragraph('未制定处置方案。')]),
      heading('对外发布内容'),
      ...statements(state),
      heading('时限执行情况'),
      paragraph(deadlineTally(state, at)),
      deadlinesTable(state, at),
      ...replyExtension(state),
      heading('存在问题'),
      ...issues(state, at),
      heading('下一步工作和经验教训'),
      ...lessons(state),
      ...evidenceBlocks(state),
    ],
  };
}
