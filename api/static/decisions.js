// The decisions the incident is waiting for. The signed-in user gets a form for each one their
// roles allow; the rest are listed with who may take them. The API checks everything again.
import { api, ApiError, showError } from './api.js';
import { el, replace } from './dom.js';
import { lang, t } from './i18n.js';
import { CHOICES, choiceOf, decisionFields, readFields } from './schema-form.js';

const mayTake = (user, p) => p.roles.some((r) => user.roles.includes(r));

function title(p) {
  const text = t(`decision.${p.name}`);
  return p.releaseNo ? `${text}${lang === 'en' ? ` (release #${p.releaseNo})` : `（第${p.releaseNo}號通稿）`}` : text;
}

/** What a form starts with: current metrics, whom a report still owes, or the returned draft being re-drafted. */
function initialValues(state, p) {
  if (p.name === 'metricsUpdated') return { metrics: state.metricsHistory.at(-1)?.metrics ?? state.incident.metrics };
  if (p.name === 'reportFiled') return { kind: state.reports.length ? 'progress' : 'first', recipients: p.owed ?? [] };
  if (p.name === 'forwarded') return { department: state.incident.department };
  const returned = p.name === 'releaseDrafted' && p.releaseNo && state.releases.find((r) => r.no === p.releaseNo);
  return returned ? { kind: returned.kind, title: returned.title, body: returned.body, channels: returned.channels } : {};
}

function decisionForm({ state, meta, pending, onSent }) {
  const schema = meta.decisions[pending.name].schema;
  // the page names the exact version it showed: a review of an older draft is refused, not applied to a newer one
  const fixed = { ...(pending.releaseNo ? { releaseNo: pending.releaseNo } : {}), ...(pending.draftHash ? { draftHash: pending.draftHash } : {}) };
  const message = el('p', { class: 'error', role: 'alert', hidden: true });
  const sent = el('p', { class: 'ok', hidden: true }, t('inc.sent'));
  const choice = choiceOf(schema);
  const buttons = choice
    ? [el('button', { type: 'submit', value: 'yes', class: 'approve' }, t(CHOICES[choice][0])), el('button', { type: 'submit', value: 'no', class: 'return' }, t(CHOICES[choice][1]))]
    : [el('button', { type: 'submit', value: 'yes' }, t('inc.submit'))];
  const form = el(
    'form',
    { class: 'decision-form', dataset: { decision: pending.name }, novalidate: true },
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
        if (slot) slot.append(el('span', {}, issue.rule));
        else unplaced.push(`${issue.field}: ${issue.rule}`);
      }
      showError(message, unplaced.length ? new Error(unplaced.join('; ')) : e);
    }
  });
  return form;
}

/** A fingerprint of what is pending, so a refresh re-renders the forms only when it changed. */
export function pendingKey(state) {
  return JSON.stringify(state.pendingDecisions.map((p) => [p.name, p.releaseNo, p.excludedUsers, p.draftHash, p.standing, p.owed]));
}

export function renderDecisions(container, { state, user, meta, onSent }) {
  const mine = [];
  const others = [];
  for (const p of state.pendingDecisions) {
    if (!mayTake(user, p)) others.push(el('li', {}, title(p), ' — ', p.roles.map((r) => t(`role.${r}`)).join('/')));
    else if (p.excludedUsers.includes(user.id)) others.push(el('li', {}, title(p), ' — ', t('inc.excluded')));
    else {
      mine.push(
        el(
          'details',
          // a standing decision is always open to the right role: folded until wanted
          { class: 'decision', open: !meta.decisions[p.name].standing && !p.standing, dataset: { decision: p.name } },
          el('summary', {}, title(p)),
          lang === 'zh' && el('p', { class: 'muted' }, meta.decisions[p.name].description.split('{')[0]),
          p.owed?.length ? el('p', { class: 'owed' }, t('inc.owed'), p.owed.map((r) => t(`recipient.${r}`)).join(lang === 'en' ? ', ' : '、')) : null,
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
