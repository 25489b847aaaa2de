// The decisions the incident is waiting for. The signed-in user gets a form for each one their
// roles allow, naming the deadline it meets; the rest, where someone is expected to take them,
// are listed with who may. The API checks everything again.
import { api, ApiError, showError } from './api.js';
import { markUrgency } from './badges.js';
import { el, replace } from './dom.js';
import { fill, formatShort, formatTime, lang, t } from './i18n.js';
import { CHOICES, choiceOf, decisionFields, readFields } from './schema-form.js';
import { subjectOf } from './subjects.js';

const mayTake = (user, p) => p.roles.some((r) => user.roles.includes(r));

/** a decision's name, with the release it concerns */
export function decisionTitle(p) {
  const text = t(`decision.${p.name}`);
  if (p.releaseNo) return `${text}${lang === 'en' ? ` (release #${p.releaseNo})` : `（第${p.releaseNo}号通稿）`}`;
  if (p.responseNo) return `${text}${lang === 'en' ? ` (response #${p.responseNo})` : `（第${p.responseNo}号回应）`}`;
  return text;
}

/** 「本决定完成：上报期限（至 11-30 11:00）」, or the deadline it is a stage towards */
function deadlineLine(p) {
  const d = p.deadline;
  if (!d) return null;
  const text = fill(t(d.meets ? 'tasks.completes' : 'tasks.advances'), { deadline: t(`deadline.${d.kind}`), due: formatShort(d.dueAt) });
  return markUrgency(el('p', { class: 'meets', dataset: { kind: d.kind } }, text), d.dueAt);
}

/** The returned summary a resubmission starts from, while it waits. */
const returnedSummary = (state, p) => p.name === 'summarySubmitted' && state.summary?.decision === 'returned' && state.summary;

/** What a form starts with: current metrics, whom a report still owes, or the returned draft being re-drafted. */
function initialValues(state, p) {
  if (p.name === 'metricsUpdated') return { metrics: state.metricsHistory.at(-1)?.metrics ?? state.incident.metrics };
  if (p.name === 'reportFiled') return { kind: state.reports.length ? 'progress' : 'first', recipients: p.owed ?? [] };
  if (p.name === 'forwarded') return { department: state.incident.department };
  const summary = returnedSummary(state, p);
  if (summary) return { lessons: summary.lessons, body: summary.body };
  if (p.name === 'planDrafted' && state.plan?.draftedBy) {
    const { measures, messageLine, assignments, publicationPlan } = state.plan;
    return { measures, messageLine, assignments, publicationPlan };
  }
  const returnedResponse = p.name === 'responseRecorded' && p.responseNo && state.responses.find((r) => r.no === p.responseNo);
  if (returnedResponse) return { kind: returnedResponse.kind, content: returnedResponse.content, channel: returnedResponse.channel };
  const returned = p.name === 'releaseDrafted' && p.releaseNo && state.releases.find((r) => r.no === p.releaseNo);
  return returned ? { kind: returned.kind, title: returned.title, body: returned.body, channels: returned.channels, attachments: returned.attachments } : {};
}

/** Why the draft came back, above the form that revises it. */
function returnReason(state, p) {
  const summary = returnedSummary(state, p);
  if (!summary) return null;
  return el(
    'p',
    { class: 'returned-reason' },
    `${t('inc.returnReason')}${lang === 'en' ? ': ' : '：'}${summary.comment || '—'}`,
    summary.decidedBy && el('span', { class: 'muted' }, ` — ${summary.decidedBy.name} ${formatTime(summary.decidedAt)}`),
  );
}

function decisionForm({ state, meta, pending, onSent }) {
  const schema = meta.decisions[pending.name].schema;
  // the page names the exact version it showed: a review of an older draft is refused, not applied to a newer one
  const fixed = {
    ...(pending.releaseNo ? { releaseNo: pending.releaseNo } : {}),
    ...(pending.responseNo ? { responseNo: pending.responseNo } : {}),
    ...(pending.draftHash ? { draftHash: pending.draftHash } : {}),
  };
  const message = el('p', { class: 'error', role: 'alert', hidden: true });
  const sent = el('p', { class: 'ok', hidden: true }, t('inc.sent'));
  const choice = choiceOf(schema);
  const buttons = choice
    ? [el('button', { type: 'submit', value: 'yes', class: 'approve' }, t(CHOICES[choice][0])), el('button', { type: 'submit', value: 'no', class: 'return' }, t(CHOICES[choice][1]))]
    : [el('button', { type: 'submit', value: 'yes' }, t('inc.submit'))];
  const form = el(
    'form',
    { class: 'decision-form', dataset: { decision: pending.name }, novalidate: true },
    returnReason(state, pending),
    decisionFields(pending.name, schema, fixed, initialValues(state, pending)),
    message,
    sent,
    el('div', { class: 'buttons' }, buttons),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    for (const slot of form.querySelectorAll('[data-error-for]')) slot.replaceChildren();
    message.hidden = true;
    const body = readFields(form, schema, fixed, event.submitter?.value !== 'no');
    for (const b of form.querySelectorAll('button')) b.disabled = true;
    try {
      await api(`/api/incidents/${encodeURIComponent(state.workflowId)}/decisions/${pending.name}`, { method: 'POST', body });
      sent.hidden = false;
      onSent();
    } catch (e) {
      for (const b of form.querySelectorAll('button')) b.disabled = false;
      const unplaced = [];
      for (const issue of e instanceof ApiError ? e.issues : []) {
        const slot = form.querySelector(`[data-error-for="${CSS.escape(issue.field)}"]`);
        // the API words each issue for people, the field named in the page's language
        if (slot) slot.append(el('span', {}, issue.message));
        else unplaced.push(issue.message);
      }
      showError(message, unplaced.length ? new Error(unplaced.join(lang === 'en' ? '; ' : '；')) : e);
    }
  });
  return form;
}

/** 「审批处置方案 — 分管领导 · 上报期限 11-30 11:00」 */
function waitingItem(p, who) {
  const due = p.deadline && ` · ${t(`deadline.${p.deadline.kind}`)} ${formatShort(p.deadline.dueAt)}`;
  return markUrgency(el('li', { dataset: { decision: p.name } }, decisionTitle(p), ' — ', who, due), p.deadline?.dueAt);
}

/** A fingerprint of what is pending, so a refresh re-renders the forms only when it changed. */
export function pendingKey(state) {
  // a tightened deadline changes the line a form names it by; `expected` who is waited for
  return JSON.stringify(state.pendingDecisions.map((p) => [p.name, p.releaseNo, p.responseNo, p.excludedUsers, p.draftHash, p.deadline?.dueAt, p.expected, p.owed]));
}

export function renderDecisions(container, { state, user, meta, onSent }) {
  const mine = [];
  const others = [];
  for (const p of state.pendingDecisions) {
    const someoneElse = !mayTake(user, p) ? p.roles.map((r) => t(`role.${r}`)).join('/') : p.excludedUsers.includes(user.id) && t('inc.excluded');
    if (someoneElse) {
      // only what someone is expected to do next: not the metrics or escalation anyone may send
      if (p.expected) others.push(waitingItem(p, someoneElse));
    } else {
      mine.push(
        el(
          'details',
          // a standing decision nothing waits for is always open to the right role: folded until wanted
          { class: 'decision', open: p.expected, dataset: { decision: p.name } },
          el('summary', {}, decisionTitle(p)),
          deadlineLine(p),
          p.owed?.length ? el('p', { class: 'owed' }, t('inc.owed'), p.owed.map((r) => t(`recipient.${r}`)).join(lang === 'en' ? ', ' : '、')) : null,
          lang !== 'en' && el('p', { class: 'muted' }, meta.decisions[p.name].description.split('{')[0]),
          // what it decides on, as the workflow holds it: the version the form's draftHash names
          subjectOf(state, p),
          decisionForm({ state, meta, pending: p, onSent }),
        ),
      );
    }
  }
  replace(
    container,
    mine.length ? mine : el('p', { class: 'muted' }, t('inc.noDecisions')),
    others.length ? [el('h3', {}, t('inc.decisionsOthers')), el('ul', { class: 'others' }, others)] : null,
  );
}
