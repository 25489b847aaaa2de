// What each decision decides on, shown above its form (SPEC §5): the findings with their evidence,
// the plan, the summary, the release or response with what changed since the version returned,
// and for a re-draft the reason it came back.
import { lineDiff } from './diff.js';
import { el } from './dom.js';
import { formatTime, t } from './i18n.js';

const safeHref = (url) => (/^https?:\/\//i.test(url) ? url : undefined);
const block = (label, text) => text && [el('h4', {}, t(label)), el('p', { class: 'body' }, text)];
const byLine = (who, at, extra = '') => el('p', { class: 'muted' }, `${t('common.by')} ${who.name} ${formatTime(at)}${extra}`);

const assignmentLines = (list = []) => list.map((a) => `${a.who}：${a.task}`).join('\n');

/** The plan as drafted: measures, 口径, who does what, publication plan. */
export function planView(p) {
  if (!p.draftedBy) return p.text ? el('p', { class: 'body' }, p.text) : null;
  return [
    byLine(p.draftedBy, p.draftedAt, ` · ${t('subj.revision').replace('{n}', p.revision ?? 1)}`),
    block('plan.measures', p.measures),
    block('plan.messageLine', p.messageLine),
    el('h4', {}, t('plan.assignments')),
    el('ul', { class: 'assignments' }, (p.assignments ?? []).map((a) => el('li', {}, el('strong', {}, a.who), `：${a.task}`))),
    block('plan.publicationPlan', p.publicationPlan),
  ];
}

/** Field by field, what differs from the version returned; `fields` maps a label to each version's text. */
function changes(fields) {
  const changed = fields.filter(([, before, after]) => before !== after);
  return el(
    'div',
    { class: 'changes' },
    el('h4', {}, t('subj.changed')),
    changed.length
      ? changed.map(([label, before, after]) =>
          el(
            'div',
            { class: 'change', dataset: { field: label } },
            el('p', { class: 'muted' }, t(label)),
            el('pre', { class: 'diff' }, lineDiff(before, after).map((d) => el('span', { class: `diff-${d.op}` }, `${{ same: '  ', del: '− ', add: '+ ' }[d.op]}${d.text}\n`))),
          ),
        )
      : el('p', { class: 'muted' }, t('subj.unchanged')),
  );
}

const planChanges = (before, now) =>
  changes([
    ['plan.measures', before.measures, now.measures ?? ''],
    ['plan.messageLine', before.messageLine, now.messageLine ?? ''],
    ['plan.assignments', assignmentLines(before.assignments), assignmentLines(now.assignments)],
    ['plan.publicationPlan', before.publicationPlan, now.publicationPlan ?? ''],
  ]);

const releaseChanges = (before, now) =>
  changes([
    ['field.kind', t(`release.${before.kind}`), t(`release.${now.kind}`)],
    ['field.title', before.title, now.title],
    ['field.body', before.body, now.body],
    ['subj.channels', before.channels.join('\n'), now.channels.join('\n')],
  ]);

const responseChanges = (before, now) =>
  changes([
    ['field.kind', t(`response.${before.kind}`), t(`response.${now.kind}`)],
    ['field.channel', before.channel, now.channel],
    ['field.content', before.content, now.content],
  ]);

const returnedBecause = (comment) => comment && el('p', { class: 'returned' }, `${t('subj.returned')}：${comment}`);

function release(r) {
  const returned = [...r.reviews].reverse().find((v) => !v.approve);
  return [
    el('h4', {}, `#${r.no} ${r.title}`),
    byLine(r.draftedBy, r.draftedAt, ` · ${t(`release.${r.kind}`)} · ${r.channels.join('、')}`),
    el('p', { class: 'body' }, r.body),
    r.previous && [returnedBecause(returned?.comment), releaseChanges(r.previous, r)],
  ];
}

function response(r) {
  return [
    byLine(r.by, r.at, ` · ${t(`response.${r.kind}`)} · ${r.channel}`),
    el('p', { class: 'body' }, r.content),
    r.previous && [returnedBecause(r.decisions?.filter((d) => !d.approve).at(-1)?.comment), responseChanges(r.previous, r)],
  ];
}

const SUBJECTS = {
  findingsReviewed: (s) =>
    s.findings && [
      el('p', {}, `${t('field.verdict')}：${t(`verdict.${s.findings.verdict}`)}`),
      byLine(s.findings.submittedBy, s.findings.submittedAt),
      block('field.facts', s.findings.facts),
      s.findings.evidence.length > 0 && [
        el('h4', {}, t('subj.evidence')),
        el('ul', { class: 'evidence' }, s.findings.evidence.map((u) => el('li', {}, el('a', { href: safeHref(u), target: '_blank', rel: 'noopener noreferrer nofollow' }, u)))),
      ],
    ],
  planDecided: (s) => s.plan && [planView(s.plan), s.plan.previous && planChanges(s.plan.previous, s.plan)],
  planDrafted: (s) => s.plan?.decision === 'rejected' && returnedBecause(s.plan.comment),
  summaryDecided: (s) => s.summary && [byLine(s.summary.submittedBy, s.summary.submittedAt), block('field.lessons', s.summary.lessons), block('field.body', s.summary.body)],
  releaseReviewed: (s, p) => release(s.releases.find((r) => r.no === p.releaseNo)),
  releaseApproved: (s, p) => release(s.releases.find((r) => r.no === p.releaseNo)),
  releaseDrafted: (s, p) => p.releaseNo && returnedBecause([...s.releases.find((r) => r.no === p.releaseNo).reviews].reverse().find((v) => !v.approve)?.comment),
  responseApproved: (s, p) => response(s.responses.find((r) => r.no === p.responseNo)),
  responseRecorded: (s, p) => p.responseNo && returnedBecause(s.responses.find((r) => r.no === p.responseNo).decisions?.at(-1)?.comment),
  replyExtensionDecided: (s) => s.replyExtension && [byLine(s.replyExtension.requestedBy, s.replyExtension.requestedAt), block('field.reason', s.replyExtension.reason)],
};

/** The subject of a pending decision, or nothing when it decides on no draft. */
export function subjectOf(state, pending) {
  const content = SUBJECTS[pending.name]?.(state, pending);
  return content ? el('div', { class: 'subject', dataset: { subject: pending.name } }, [content].flat(Infinity)) : null;
}
