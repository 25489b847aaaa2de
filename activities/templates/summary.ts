// 《舆情处置情况汇报》: the summary of step 7, the document the seed collection is named after.
// It is the record the organisation keeps (篇二 6) and the basis for holding late or missed reports
// to account (篇二十/第六篇), so it shows every deadline with its outcome and who answered for it.
import { label } from '../../domain/labels';
import { ACTION_LABELS, VERDICT_LABELS } from '../../domain/rules/categories';
import { SEVERITY_LABELS } from '../../domain/rules/grading';
import { STEP_LABELS } from '../../domain/rules/steps';
import type { IncidentState, Release, ResponseRecord } from '../../domain/model/state';
import { fields, heading, list, paragraph, subheading, table, type Block, type Doc } from './doc';
import { evidenceBlocks } from './evidence';
import { planBlocks } from './plan';
import { RELEASE_KIND_LABELS, RELEASE_STATUS_LABELS, RESPONSE_LABELS, RESPONSE_STATUS_LABELS, REVIEW_STAGE_LABELS, TIME_NOTE, localTime, signer } from './labels';
import {
  asOf,
  deadlineOutcome,
  deadlinesTable,
  gradeText,
  particulars,
  reportsOwed,
  reportsTable,
  sourceLinks,
  stageText,
  timelineTable,
} from './sections';

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
    subheading('查明事实'),
    paragraph(f.facts),
    ...(f.evidence.length ? [subheading('证据材料'), list(f.evidence.map((href) => ({ text: href, href })))] : []),
  ];
}

/** who approved a response and when; a response from before leadership approved them counted as recorded */
function responseDecision(r: ResponseRecord): string {
  if (!r.status) return '—';
  const last = r.decisions?.at(-1);
  if (r.status === 'approved' && last) return `${signer(last.by, last.unsigned)}，${localTime(r.approvedAt)}`;
  return `${RESPONSE_STATUS_LABELS[r.status]}${r.status === 'returned' && last?.comment ? `：${last.comment}` : ''}`;
}

function release(r: Release): Block[] {
  return [
    subheading(`第${r.no}号通稿：${r.title}`),
    fields([
      ['类型', RELEASE_KIND_LABELS[r.kind]],
      ['状态', RELEASE_STATUS_LABELS[r.status]],
      ['起草', `${signer(r.draftedBy, r.unsigned)}，${localTime(r.draftedAt)}`],
      ['发布渠道', r.channels.join('、')],
      ['发布时间', localTime(r.publishedAt)],
      ['发布记录', r.publishedRefs?.join('\n') || '—'],
    ]),
    table(
      ['环节', '审核人', '时间', '结果', '意见'],
      r.reviews.map((v) => [REVIEW_STAGE_LABELS[v.stage], signer(v.by, v.unsigned), localTime(v.at), v.approve ? '通过' : '退回修改', v.comment]),
      '尚无审核记录。',
    ),
  ];
}

function deadlineTally(state: IncidentState, at: string): string {
  const outcomes = state.deadlines.map((d) => deadlineOutcome(d, at));
  const count = (o: string) => outcomes.filter((x) => x === o).length;
  const missed = count('late') + count('missed');
  return (
    `共${state.deadlines.length}项时限：按时完成${count('onTime')}项，逾期完成${count('late')}项，逾期未完成${count('missed')}项` +
    (count('cancelled') ? `，取消${count('cancelled')}项` : '') +
    (missed ? `。逾期事项应查明原因，按预案追究迟报、漏报责任。` : '。')
  );
}

function replyExtension(state: IncidentState): Block[] {
  const x = state.replyExtension;
  if (!x) return [];
  const decision = x.decision === 'approved' ? '已批准' : x.decision === 'rejected' ? '未批准' : '待审批';
  return [
    fields([
      ['答复延期', `${signer(x.requestedBy, x.unsigned)}于${localTime(x.requestedAt)}申请：${x.reason}`],
      ['审批', `${decision}${x.decidedBy ? `（${signer(x.decidedBy, x.decisionUnsigned)}）` : ''}`],
    ]),
  ];
}

function lessons(state: IncidentState): Block[] {
  const s = state.summary;
  if (!s) return [paragraph('尚未提交总结。')];
  const decision = s.decision === 'approved' ? '批准' : s.decision === 'returned' ? '退回修改' : '待审批';
  return [
    paragraph(s.lessons),
    ...(s.body ? [subheading('总结正文'), paragraph(s.body)] : []),
    fields([
      ['总结提交', `${signer(s.submittedBy, s.unsigned)}，${localTime(s.submittedAt)}`],
      ['领导审批', `${decision}${s.decidedBy ? `（${signer(s.decidedBy, s.decisionUnsigned)}）` : ''}${s.comment ? `：${s.comment}` : ''}`],
    ]),
  ];
}

function closing(state: IncidentState): Block {
  const c = state.closed;
  return fields([
    ['平稳时间', localTime(state.stabilisedAt)],
    ['当前阶段', stageText(state)],
    ['结案时间', localTime(c?.at)],
    ['结案方式', label('incidentStatus', c ? c.outcome : 'open')],
    ...(c?.reason ? ([['原因', c.reason]] as [string, string][]) : []),
  ]);
}

export function summaryReport(state: IncidentState, now: Date): Doc {
  const at = asOf(state, now);
  return {
    title: '舆情处置情况汇报',
    meta: [state.incident.title, `${localTime(now.toISOString())}印发`, TIME_NOTE],
    blocks: [
      heading('事件基本情况'),
      particulars(state, [['舆情级别', gradeText(state)]]),
      paragraph(state.incident.summary),
      list(sourceLinks(state)),
      heading('处置经过'),
      timelineTable(state.timeline),
      heading('上报情况'),
      reportsTable(state),
      ...reportsOwed(state),
      ...planBlocks(state, { trail: true }),
      heading(STEP_LABELS.verify),
      ...findings(state),
      heading(STEP_LABELS.coordinate),
      table(
        ['时间', '措施', '内容', '理由', '经办人'],
        state.actions.map((a) => [localTime(a.at), ACTION_LABELS[a.kind], a.description, a.reason, signer(a.by, a.unsigned)]),
        '未登记处置措施。',
      ),
      heading('回应引导'),
      table(
        ['时间', '方式', '内容', '渠道', '经办人', '审定'],
        state.responses.map((r) => [localTime(r.at), RESPONSE_LABELS[r.kind], r.content, r.channel, signer(r.by, r.unsigned), responseDecision(r)]),
        '未登记回应。',
      ),
      heading(STEP_LABELS.publish),
      ...(state.releases.length ? state.releases.flatMap(release) : [paragraph('未起草通稿。')]),
      heading('时限执行情况'),
      paragraph(deadlineTally(state, at)),
      deadlinesTable(state, at),
      ...replyExtension(state),
      heading('级别调整'),
      table(
        ['时间', '原级别', '调整为', '原因', '决定'],
        state.escalations.map((e) => [
          localTime(e.at),
          SEVERITY_LABELS[e.from],
          SEVERITY_LABELS[e.to],
          e.reason,
          e.by === 'metrics' ? '按传播数据自动定级' : signer(e.by, e.unsigned),
        ]),
        '级别未调整。',
      ),
      heading('经验教训'),
      ...lessons(state),
      heading('结案情况'),
      closing(state),
      ...evidenceBlocks(state),
    ],
  };
}
