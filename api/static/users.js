// 用户管理 (admins only): the people who may sign in, their roles, department, contacts and duty
// eligibility; a new password or API token is shown once, here, and kept by the server as a hash.
import { api, showError, startPage } from './api.js';
import { $, el, replace } from './dom.js';
import { joinList, t } from './i18n.js';

const { meta } = await startPage();
const ROLES = Object.keys(meta.labels.role);
const CONTACTS = ['wecom', 'dingtalk', 'feishu', 'email', 'phone'];

/** The form for a new person (no `user`) or for editing one; `send` gets the body. */
function personForm(user, send) {
  const input = (name, value, attrs = {}) => el('label', {}, t(`users.${name}`), ' ', el('input', { name, value: value ?? '', ...attrs }));
  const form = el(
    'form',
    { class: 'person' },
    !user && input('name', '', { required: true, autocomplete: 'off' }),
    input('displayName', user?.name, { required: true }),
    el('fieldset', { class: 'roles' }, el('legend', {}, t('users.colRoles')), ROLES.map((r) => el('label', {}, el('input', { type: 'checkbox', name: 'role', value: r, checked: user?.roles.includes(r) }), t(`role.${r}`)))),
    input('department', user?.department),
    CONTACTS.map((c) => input(c, user?.contacts[c])),
    el('label', {}, el('input', { type: 'checkbox', name: 'dutyEligible', checked: user?.dutyEligible }), t('users.dutyEligible')),
    el('button', { type: 'submit' }, t(user ? 'users.save' : 'users.create')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = (name) => form.elements[name].value.trim();
    const contacts = Object.fromEntries(CONTACTS.map((c) => [c, value(c)]).filter(([, v]) => v));
    const body = {
      ...(user ? {} : { name: value('name') }),
      displayName: value('displayName'),
      roles: [...form.querySelectorAll('input[name=role]:checked')].map((i) => i.value),
      // an emptied department is cleared on edit and left out on create
      ...(value('department') || user ? { department: value('department') } : {}),
      contacts,
      dutyEligible: form.elements.dutyEligible.checked,
    };
    void run(() => send(body));
  });
  return form;
}

/** The one time a secret is seen: the server keeps only its hash. */
function showSecret(kind, id, secret) {
  replace($('#users-secret'), `${t(`users.new.${kind}`)} ${id}: `, el('code', { id: 'secret-value' }, secret), ' ', el('span', { class: 'muted' }, t('users.copyHint')));
  $('#users-secret').hidden = false;
}

async function run(action) {
  try {
    await action();
    $('#users-error').hidden = true;
    await load();
  } catch (e) {
    showError($('#users-error'), e);
  }
}

const path = (u, tail = '') => `/api/admin/users/${encodeURIComponent(u.id)}${tail}`;

function rows(u) {
  const editRow = el('tr', { class: 'edit', hidden: true }, el('td', { colspan: 7 }, personForm(u, (body) => api(path(u), { method: 'PATCH', body }))));
  const reset = (kind) =>
    run(async () => {
      const { data } = await api(path(u, `/${kind}`), { method: 'POST' });
      showSecret(kind, u.id, data[kind]);
    });
  const row = el(
    'tr',
    { dataset: { user: u.id }, class: u.disabled ? 'disabled' : undefined },
    el('td', {}, u.name, ' ', el('span', { class: 'muted' }, u.id)),
    el('td', {}, joinList(u.roles.map((r) => t(`role.${r}`)))),
    el('td', {}, u.department ?? ''),
    el('td', {}, CONTACTS.filter((c) => u.contacts[c]).map((c) => el('div', {}, `${t(`users.${c}`)}: ${u.contacts[c]}`))),
    el('td', {}, u.dutyEligible ? t('users.yes') : ''),
    el('td', { class: 'status' }, t(u.disabled ? 'users.disabled' : 'users.enabled')),
    el(
      'td',
      { class: 'actions' },
      el('button', { type: 'button', class: 'link', name: 'edit', onclick: () => (editRow.hidden = !editRow.hidden) }, t('users.edit')),
      el('button', { type: 'button', class: 'link', name: 'reset-password', onclick: () => reset('password') }, t('users.resetPassword')),
      el('button', { type: 'button', class: 'link', name: 'reset-token', onclick: () => reset('token') }, t('users.resetToken')),
      el('button', { type: 'button', class: 'link', name: 'toggle', onclick: () => run(() => api(path(u), { method: 'PATCH', body: { disabled: !u.disabled } })) }, t(u.disabled ? 'users.enable' : 'users.disable')),
    ),
  );
  return [row, editRow];
}

async function load() {
  const { data } = await api('/api/admin/users');
  replace($('#users tbody'), data.users.flatMap(rows));
}

replace(
  $('#users-add'),
  personForm(undefined, async (body) => {
    const { data } = await api('/api/admin/users', { method: 'POST', body });
    showSecret('password', data.user.id, data.password);
    $('#users-add form').reset();
  }),
);
await run(async () => {});
