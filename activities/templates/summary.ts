// 《輿情處置情況匯報》: the summary of step 7, the document the seed collection is named after.
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
  if (!f) return [paragraph('未提交核查結論。')];
  const review = f.reviewedBy
    ? `${f.accepted ? '採納' : '退回'}（${signer(f.reviewedBy, f.reviewUnsigned)}，${localTime(f.reviewedAt)}）${f.comment ? `：${f.comment}` : ''}`
    : '待審核';
  return [
    fields([
      ['核查結論', VERDICT_LABELS[f.verdict]],
      ['提交', `${signer(f.submittedBy, f.unsigned)}，${localTime(f.submittedAt)}`],
      ['審核', review],
    ]),
    subheading('查明事實'),
    paragraph(f.facts),
    ...(f.evidence.length ? [subheading('證據材料'), list(f.evidence.map((href) => ({ text: href, href })))] : []),
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
    subheading(`第${r.no}號通稿：${r.title}`),
    fields([
      ['類型', RELEASE_KIND_LABELS[r.kind]],
      ['狀態', RELEASE_STATUS_LABELS[r.status]],
      ['起草', `${signer(r.draftedBy, r.unsigned)}，${localTime(r.draftedAt)}`],
      ['發布渠道', r.channels.join('、')],
      ['發布時間', localTime(r.publishedAt)],
      ['發布記錄', r.publishedRefs?.join('\n') || '—'],
    ]),
    table(
      ['環節', '審核人', '時間', '結果', '意見'],
      r.reviews.map((v) => [REVIEW_STAGE_LABELS[v.stage], signer(v.by, v.unsigned), localTime(v.at), v.approve ? '通過' : '退回修改', v.comment]),
      '尚無審核記錄。',
    ),
  ];
}

function deadlineTally(state: IncidentState, at: string): string {
  const outcomes = state.deadlines.map((d) => deadlineOutcome(d, at));
  const count = (o: string) => outcomes.filter((x) => x === o).length;
  const missed = count('late') + count('missed');
  return (
    `共${state.deadlines.length}項時限：按時完成${count('onTime')}項，逾期完成${count('late')}項，逾期未完成${count('missed')}項` +
    (count('cancelled') ? `，取消${count('cancelled')}項` : '') +
    (missed ? `。逾期事項應查明原因，按預案追究遲報、漏報責任。` : '。')
  );
}

function replyExtension(state: IncidentState): Block[] {
  const x = state.replyExtension;
  if (!x) return [];
  const decision = x.decision === 'approved' ? '已批准' : x.decision === 'rejected' ? '未批准' : '待審批';
  return [
    fields([
      ['答復延期', `${signer(x.requestedBy, x.unsigned)}於${localTime(x.requestedAt)}申請：${x.reason}`],
      ['審批', `${decision}${x.decidedBy ? `（${signer(x.decidedBy, x.decisionUnsigned)}）` : ''}`],
    ]),
  ];
}

function lessons(state: IncidentState): Block[] {
  const s = state.summary;
  if (!s) return [paragraph('尚未提交總結。')];
  const decision = s.decision === 'approved' ? '批准' : s.decision === 'returned' ? '退回修改' : '待審批';
  return [
    paragraph(s.lessons),
    ...(s.body ? [subheading('總結正文'), paragraph(s.body)] : []),
    fields([
      ['總結提交', `${signer(s.submittedBy, s.unsigned)}，${localTime(s.submittedAt)}`],
      ['領導審批', `${decision}${s.decidedBy ? `（${signer(s.decidedBy, s.decisionUnsigned)}）` : ''}${s.comment ? `：${s.comment}` : ''}`],
    ]),
  ];
}

function closing(state: IncidentState): Block {
  const c = state.closed;
  return fields([
    ['平穩時間', localTime(state.stabilisedAt)],
    ['當前階段', stageText(state)],
    ['結案時間', localTime(c?.at)],
    ['結案方式', label('incidentStatus', c ? c.outcome : 'open')],
    ...(c?.reason ? ([['原因', c.reason]] as [string, string][]) : []),
  ]);
}

export function summaryReport(state: IncidentState, now: Date): Doc {
  const at = asOf(state, now);
  return {
    title: '輿情處置情況匯報',
    meta: [state.incident.title, `${localTime(now.toISOString())}印發`, TIME_NOTE],
    blocks: [
      heading('事件基本情況'),
      particulars(state, [['輿情級別', gradeText(state)]]),
      paragraph(state.incident.summary),
      list(sourceLinks(state)),
      heading('處置經過'),
      timelineTable(state.timeline),
      heading('上報情況'),
      reportsTable(state),
      ...reportsOwed(state),
      ...planBlocks(state, { trail: true }),
      heading(STEP_LABELS.verify),
      ...findings(state),
      heading(STEP_LABELS.coordinate),
      table(
        ['時間', '措施', '內容', '理由', '經辦人'],
        state.actions.map((a) => [localTime(a.at), ACTION_LABELS[a.kind], a.description, a.reason, signer(a.by, a.unsigned)]),
        '未登記處置措施。',
      ),
      heading('回應引導'),
      table(
        ['時間', '方式', '內容', '渠道', '經辦人', '審定'],
        state.responses.map((r) => [localTime(r.at), RESPONSE_LABELS[r.kind], r.content, r.channel, signer(r.by, r.unsigned), responseDecision(r)]),
        '未登記回應。',
      ),
      heading(STEP_LABELS.publish),
      ...(state.releases.length ? state.releases.flatMap(release) : [paragraph('未起草通稿。')]),
      heading('時限執行情況'),
      paragraph(deadlineTally(state, at)),
      deadlinesTable(state, at),
      ...replyExtension(state),
      heading('級別調整'),
      table(
        ['時間', '原級別', '調整為', '原因', '決定'],
        state.escalations.map((e) => [
          localTime(e.at),
          SEVERITY_LABELS[e.from],
          SEVERITY_LABELS[e.to],
          e.reason,
          e.by === 'metrics' ? '按傳播數據自動定級' : signer(e.by, e.unsigned),
        ]),
        '級別未調整。',
      ),
      heading('經驗教訓'),
      ...lessons(state),
      heading('結案情況'),
      closing(state),
      ...evidenceBlocks(state),
    ],
  };
}
