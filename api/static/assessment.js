// 考核: a month's or a year's figures per department and per person (GET /api/assessment), and
// the same as an .xlsx for the office's files.
import { api, showError, startPage } from './api.js';
import { $, el, replace } from './dom.js';
import { t } from './i18n.js';

await startPage();

const rate = (r) => (r === undefined ? '—' : `${Math.round(r * 100)}%`);
const kinds = (f) => f.byKind.map((k) => `${t(`deadline.${k.kind}`)} ${rate(k.onTimeRate)}`).join('；') || '—';
const figures = (f) => [f.incidents, f.deadlines, f.onTime, f.late, f.missed, f.open].map((n) => el('td', { class: 'num' }, String(n)));
const FIGURE_HEAD = ['assess.incidents', 'assess.deadlines', 'assess.onTime', 'assess.late', 'assess.missed', 'assess.open', 'assess.rate', 'assess.byKind'];

function fillTable(table, head, rows) {
  replace(table.querySelector('thead'), el('tr', {}, head.map((k) => el('th', {}, t(k)))));
  replace(table.querySelector('tbody'), rows.length ? rows : el('tr', {}, el('td', { colspan: head.length, class: 'muted' }, t('assess.empty'))));
}

async function show(period) {
  $('#assess-error').hidden = true;
  $('#assess-xlsx').href = `/api/assessment.xlsx?period=${encodeURIComponent(period)}`;
  try {
    const { data } = await api(`/api/assessment?period=${encodeURIComponent(period)}`);
    fillTable(
      $('#assess-departments'),
      ['assess.department', ...FIGURE_HEAD],
      [...data.departments, { ...data.total, department: t('assess.total') }].map((d) =>
        el('tr', { dataset: { department: d.department } }, el('td', {}, d.department), figures(d), el('td', { class: 'num' }, rate(d.onTimeRate)), el('td', {}, kinds(d))),
      ),
    );
    fillTable(
      $('#assess-people'),
      ['assess.person', 'assess.department', 'assess.role', ...FIGURE_HEAD],
      data.people.map((p) =>
        el(
          'tr',
          {},
          el('td', {}, p.name ?? t('assess.nobody')),
          el('td', {}, p.department),
          el('td', {}, t(`role.${p.role}`)),
          figures(p),
          el('td', { class: 'num' }, rate(p.onTimeRate)),
          el('td', {}, kinds(p)),
        ),
      ),
    );
  } catch (err) {
    showError($('#assess-error'), err);
  }
}

const params = new URLSearchParams(location.search);
// last month by default: the one the 月报 is about
const now = new Date();
const last = new Date(now.getFullYear(), now.getMonth() - 1, 1);
const initial = params.get('period') ?? `${last.getFullYear()}-${String(last.getMonth() + 1).padStart(2, '0')}`;
$('#assess-period').value = initial;
$('#assess-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const period = $('#assess-period').value.trim();
  history.replaceState(null, '', `?period=${encodeURIComponent(period)}`);
  void show(period);
});
await show(initial);
