// The incident list: Temporal visibility through /api/incidents, filters kept in the URL so a
// filtered view can be bookmarked, auto-refresh every 10 s, paging with Temporal's page token. Each
// page comes nearest deadline first; rows due within the hour or overdue are coloured.
import { api, showError, startPage } from './api.js';
import { breachBadge, drillBadge, deadlineStatus, markUrgency, severityBadge, stageBadge, startCountdowns } from './badges.js';
import { $, el, replace } from './dom.js';
import { formatTime, t } from './i18n.js';

const REFRESH_MS = 10_000;
const { meta } = await startPage();
const form = $('#filters');
const enums = { ...meta.enums, stages: [...meta.enums.steps, 'closed'] };
for (const select of form.querySelectorAll('select[data-enum]')) {
  const options = enums[select.dataset.enum].map((v) => el('option', { value: v }, t(`${select.dataset.label}.${v}`)));
  replace(select, el('option', { value: '' }, t('list.any')), options);
}

const params = new URLSearchParams(location.search);
for (const [name, value] of params) {
  const field = form.elements.namedItem(name);
  if (field) field.value = value;
}
let pageToken = params.get('pageToken') ?? '';

function filters() {
  const q = new URLSearchParams();
  for (const name of ['severity', 'stage', 'category', 'department', 'breached', 'dueSoon']) {
    const v = form.elements.namedItem(name).value.trim();
    if (v) q.set(name, v);
  }
  return q;
}

function row(item) {
  const title = item.title ?? item.workflowId;
  const next = item.nextDeadline;
  const tr = el(
    'tr',
    { dataset: { workflowId: item.workflowId } },
    el('td', {}, el('a', { href: `/incidents/${encodeURIComponent(item.workflowId)}`, class: 'title' }, title)),
    // on a phone the row is a card (style.css .cards): the tags share a line, the rest say what they are
    el('td', { class: 'tag' }, item.drill && drillBadge(), item.severity && severityBadge(item.severity)),
    el('td', { class: 'tag' }, item.stage && stageBadge(item.stage), item.breached && breachBadge()),
    el('td', { class: 'tag muted' }, item.category && t(`category.${item.category}`)),
    el('td', { class: 'department', dataset: { label: t('list.col.department') } }, item.department ?? ''),
    el('td', { class: 'deadline' }, next && [el('span', {}, t(`deadline.${next.kind}`), ' '), deadlineStatus(next)]),
    el('td', { class: 'muted', dataset: { label: t('list.col.discoveredAt') } }, formatTime(item.discoveredAt)),
  );
  return markUrgency(tr, next?.dueAt);
}

async function load() {
  const q = filters();
  if (pageToken) q.set('pageToken', pageToken);
  history.replaceState(null, '', `/?${q}`);
  try {
    const { data } = await api(`/api/incidents?${q}`);
    replace($('#incidents tbody'), data.items.map(row));
    $('#empty').hidden = data.items.length > 0;
    $('#list-error').hidden = true;
    $('#next').hidden = !data.nextPageToken;
    $('#next').onclick = () => {
      pageToken = data.nextPageToken;
      void load();
    };
    $('#first').hidden = !pageToken;
  } catch (e) {
    showError($('#list-error'), e);
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  pageToken = '';
  void load();
});
$('#first').addEventListener('click', () => {
  pageToken = '';
  void load();
});
setInterval(() => {
  if ($('#auto-refresh').checked && document.visibilityState === 'visible') void load();
}, REFRESH_MS);
startCountdowns();
await load();
