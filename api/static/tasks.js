// 待我处理: every decision the running incidents await from the signed-in person, nearest deadline
// first (GET /api/my-tasks), coloured when due within the hour or overdue, refreshed every 30 s.
import { api, showError, showTaskCount, startPage } from './api.js';
import { deadlineStatus, markUrgency, severityBadge, startCountdowns } from './badges.js';
import { decisionTitle } from './decisions.js';
import { $, el, replace } from './dom.js';
import { fill, formatTime, lang, t } from './i18n.js';

const REFRESH_MS = 30_000;
await startPage({ taskCount: false });

function row(task) {
  const d = task.deadline;
  const href = `/incidents/${encodeURIComponent(task.workflowId)}`;
  const tr = el(
    'tr',
    { dataset: { workflowId: task.workflowId, decision: task.name } },
    // on a phone the row is a card (style.css .cards), the decision on top
    el('td', { class: 'due' }, d ? [el('time', {}, formatTime(d.dueAt)), ' ', deadlineStatus(d)] : el('span', { class: 'muted' }, t('tasks.noDeadline'))),
    el('td', { class: 'kind' }, d && t(`deadline.${d.kind}`)),
    el('td', { class: 'decision' }, el('a', { href, class: 'title' }, decisionTitle(task)), task.mine && [' ', el('span', { class: 'badge mine' }, t('tasks.mine'))]),
    el(
      'td',
      { class: 'incident' },
      severityBadge(task.severity),
      ' ',
      el('a', { href }, task.title),
      ' ',
      el('span', { class: 'muted' }, t(`step.${task.stage}`), task.department && ` · ${task.department}`),
    ),
  );
  return markUrgency(tr, d?.dueAt);
}

/** what the list may leave out: incidents beyond the scan, or that did not answer */
function scope(data) {
  const notes = [data.truncated && fill(t('tasks.truncated'), { n: data.scanned }), data.unanswered > 0 && fill(t('tasks.unanswered'), { n: data.unanswered })].filter(Boolean);
  replace($('#tasks-scope'), notes.join(lang === 'en' ? '. ' : '；'));
  $('#tasks-scope').hidden = notes.length === 0;
}

async function load() {
  try {
    const { data } = await api('/api/my-tasks');
    replace($('#tasks tbody'), data.items.map(row));
    $('#tasks-empty').hidden = data.items.length > 0;
    $('#tasks-error').hidden = true;
    scope(data);
    showTaskCount(data.items);
  } catch (e) {
    showError($('#tasks-error'), e);
  }
}

setInterval(() => {
  if (document.visibilityState === 'visible') void load();
}, REFRESH_MS);
startCountdowns();
await load();
