// 值班表: the month's duty, a row a day with its day and night shift, and who is on duty now.
// The office (admin, handler) changes a shift's people in its cell, generates the month's rotation
// and reads the change log; everyone else reads the month.
import { api, showError, startPage } from './api.js';
import { $, el, replace } from './dom.js';
import { fill, formatTime, joinList, t } from './i18n.js';

const { user } = await startPage();
const isOffice = user.roles.includes('admin') || user.roles.includes('handler');
const SHIFTS = ['day', 'night'];
const WEEKDAYS = t('roster.weekdays').split(',');

const monthInput = $('#roster-month input[name=month]');
let data;

const nameOf = (id) => data.names[id] ?? data.eligible.find((p) => p.id === id)?.name ?? id;
const namesOf = (people) => joinList(people.map(nameOf));
const entryOf = (date, shift) => data.entries.find((e) => e.date === date && e.shift === shift && e.department === undefined);
const shiftHead = (shift) => `${t(`roster.shift.${shift}`)} ${data.shifts[shift].start}–${data.shifts[shift].end}`;

async function run(action) {
  try {
    await action();
    $('#roster-error').hidden = true;
  } catch (e) {
    showError($('#roster-error'), e);
  }
}

/** A shift's people, or its edit form: the eligible people to pick from, none clears the shift. */
function cell(date, shift) {
  const td = el('td', { dataset: { shift, label: t(`roster.shift.${shift}`) } });
  const entry = entryOf(date, shift);
  if (data.onDuty.date === date && data.onDuty.shift === shift) td.classList.add('on-duty');
  const show = () =>
    replace(
      td,
      el('span', { class: entry ? 'names' : 'names muted' }, entry ? namesOf(entry.people) : t('roster.empty')),
      isOffice && el('button', { type: 'button', class: 'link', name: 'edit', onclick: edit }, t('roster.edit')),
    );
  function edit() {
    const select = el(
      'select',
      { name: 'people', multiple: true, size: Math.min(6, Math.max(2, data.eligible.length)), 'aria-label': t('roster.pickHint') },
      data.eligible.map((p) => el('option', { value: p.id, selected: entry?.people.includes(p.id) }, p.name)),
    );
    const form = el(
      'form',
      { class: 'cell-edit' },
      select,
      el('span', { class: 'muted' }, t('roster.pickHint')),
      el('button', { type: 'submit' }, t('roster.save')),
      el('button', { type: 'button', class: 'link', name: 'cancel', onclick: show }, t('roster.cancel')),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const people = [...select.selectedOptions].map((o) => o.value);
      void run(async () => {
        await api('/api/roster/entries', { method: 'PUT', body: { entries: [{ date, shift, people }] } });
        await load(data.month);
      });
    });
    replace(td, form);
  }
  show();
  return td;
}

function renderGrid() {
  const shifts = SHIFTS.filter((s) => s === 'day' || data.entries.some((e) => e.shift === s) || isOffice);
  replace($('#head-day'), shiftHead('day'));
  replace($('#head-night'), shiftHead('night'));
  $('#head-night').hidden = !shifts.includes('night');
  replace(
    $('#roster tbody'),
    data.days.map((date) => {
      const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
      return el(
        'tr',
        { dataset: { date }, class: weekday === 0 || weekday === 6 ? 'weekend' : undefined },
        el('th', { scope: 'row' }, `${date.slice(5)} ${WEEKDAYS[weekday]}`),
        shifts.map((s) => cell(date, s)),
      );
    }),
  );
}

function renderNow() {
  const now = data.onDuty;
  replace($('#roster-now'), now.people.length ? fill(t('roster.nowIs'), { shift: t(`roster.shift.${now.shift}`), people: namesOf(now.people) }) : t('roster.nobodyNow'));
}

function renderGenerate() {
  if (!data.eligible.length) return replace($('#roster-generate'), el('p', { class: 'muted' }, t('roster.noEligible')));
  const form = el(
    'form',
    { class: 'rotation' },
    el('fieldset', {}, el('legend', {}, t('roster.people')), data.eligible.map((p) => el('label', { class: 'check' }, el('input', { type: 'checkbox', name: 'person', value: p.id, checked: true }), p.name))),
    el('label', {}, t('roster.perShift'), ' ', el('input', { type: 'number', name: 'perShift', min: 1, max: data.eligible.length, value: 1, required: true })),
    el('label', { class: 'check' }, el('input', { type: 'checkbox', name: 'nights', checked: true }), t('roster.nights')),
    el('button', { type: 'submit' }, t('roster.generate')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const body = {
      month: data.month,
      people: [...form.querySelectorAll('input[name=person]:checked')].map((i) => i.value),
      perShift: Number(form.elements.perShift.value),
      nights: form.elements.nights.checked,
    };
    void run(async () => {
      await api('/api/roster/rotation', { method: 'POST', body });
      await load(data.month);
    });
  });
  replace($('#roster-generate'), form);
}

/** An edit's cells as they are after it: a cleared one is in `before` only. */
const touched = (c) => [...c.after, ...c.before.filter((b) => !c.after.some((a) => a.date === b.date && a.shift === b.shift)).map((b) => ({ ...b, people: [] }))];

async function renderChanges() {
  const { data: log } = await api('/api/roster/changes?limit=20');
  const shifts = (entries) => entries.map((e) => fill(t('roster.cellIs'), { date: e.date.slice(5), shift: t(`roster.shift.${e.shift}`), people: e.people.length ? namesOf(e.people) : t('roster.empty') }));
  replace(
    $('#roster-changes'),
    log.changes.length
      ? log.changes.map((c) =>
          el(
            'li',
            { dataset: { action: c.action } },
            `${formatTime(c.at)} ${nameOf(c.by)} ${t(`roster.action.${c.action}`)}`,
            c.action === 'rotation'
              ? ` ${c.month}（${fill(t('roster.entries'), { n: c.after.length })}）`
              : ` ${joinList(shifts(touched(c)))}`,
          ),
        )
      : el('li', { class: 'muted' }, t('roster.noChanges')),
  );
}

async function load(month) {
  const { data: roster } = await api(`/api/roster${month ? `?month=${encodeURIComponent(month)}` : ''}`);
  data = roster;
  monthInput.value = data.month;
  history.replaceState(null, '', `/roster?month=${data.month}`);
  renderNow();
  renderGrid();
  if (isOffice) {
    $('#roster-office').hidden = false;
    renderGenerate();
    await renderChanges();
  }
}

const shiftMonth = (delta) => {
  const [y, m] = data.month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + delta, 1));
  return d.toISOString().slice(0, 7);
};
$('#roster-month button[name=prev]').addEventListener('click', () => run(() => load(shiftMonth(-1))));
$('#roster-month button[name=next]').addEventListener('click', () => run(() => load(shiftMonth(1))));
monthInput.addEventListener('change', () => monthInput.value && run(() => load(monthInput.value)));

await run(() => load(new URLSearchParams(location.search).get('month') ?? undefined));
