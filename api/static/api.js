// fetch() for the JSON API: sends the CSRF token on every state change, turns the error shape
// {error:{code,message,issues}} into an ApiError, and sends anonymous visitors to the login page.
import { urgencyOf, useDueSoon } from './badges.js';
import { el, replace, $ } from './dom.js';
import { applyI18n, lang, languageMenu, t, useServerLabels } from './i18n.js';

export class ApiError extends Error {
  constructor(status, error) {
    super(error?.message ?? `HTTP ${status}`);
    this.status = status;
    this.code = error?.code ?? 'internal';
    this.issues = error?.issues ?? [];
  }
}

let csrfToken = '';

export async function api(path, { method = 'GET', body, headers = {} } = {}) {
  // the API words its validation rules in the page's language
  const h = { Accept: 'application/json', 'Accept-Language': lang, ...headers };
  if (body !== undefined) h['Content-Type'] = 'application/json';
  if (method !== 'GET') h['X-CSRF-Token'] = csrfToken;
  const res = await fetch(path, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  const data = res.status === 204 ? null : await res.json().catch(() => null);
  if (res.status === 401 && path !== '/api/login') {
    location.assign(`/login?next=${encodeURIComponent(location.pathname + location.search)}`);
    return new Promise(() => {}); // the page is going away: nothing after this should run
  }
  if (!res.ok) throw new ApiError(res.status, data?.error);
  return { status: res.status, data };
}

/** Uploads one evidence file as it is (the body is the file); returns its reference {sha256, size, name}. */
export async function uploadFile(file) {
  const res = await fetch(`/api/evidence?name=${encodeURIComponent(file.name)}`, {
    method: 'POST',
    headers: { Accept: 'application/json', 'Content-Type': 'application/octet-stream', 'X-CSRF-Token': csrfToken },
    body: file,
    credentials: 'same-origin',
  });
  const data = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, data?.error);
  return data;
}

/**
 * Every signed-in page starts here: who am I, the CSRF token, the labels, the header. The header's
 * task count loads behind the page; the 待我处理 page, which reads the tasks anyway, fills it itself.
 */
export async function startPage({ taskCount = true } = {}) {
  const { data: session } = await api('/api/session');
  csrfToken = session.csrfToken ?? '';
  const { data: meta } = await api('/api/meta');
  useServerLabels(meta.labels);
  useDueSoon(meta.dueSoonMinutes);
  applyI18n();
  renderHeader(session.user);
  if (taskCount) void api('/api/my-tasks').then(({ data }) => showTaskCount(data.items), () => {});
  return { user: session.user, meta };
}

/** The header's 待我处理 count, marked when one of them is overdue or due within the hour. */
export function showTaskCount(items) {
  const count = $('#task-count');
  if (!count) return;
  const now = Date.now();
  const urgent = items.map((i) => urgencyOf(i.deadline?.dueAt, now));
  count.textContent = String(items.length);
  count.dataset.urgency = urgent.includes('overdue') ? 'overdue' : urgent.includes('due-soon') ? 'due-soon' : '';
  count.hidden = false;
}

function renderHeader(user) {
  const logout = async () => {
    await api('/api/logout', { method: 'POST' });
    location.assign('/login');
  };
  replace(
    $('#top'),
    el('a', { href: '/', class: 'brand' }, t('app.title')),
    el(
      'nav',
      {},
      el('a', { href: '/' }, t('nav.list')),
      el('a', { href: '/tasks', id: 'nav-tasks' }, t('tasks.title'), ' ', el('span', { class: 'count', id: 'task-count', hidden: true })),
      el('a', { href: '/roster', id: 'nav-roster' }, t('nav.roster')),
      ['approver', 'handler', 'superior', 'admin'].some((r) => user.roles.includes(r)) && el('a', { href: '/assessment', id: 'nav-assessment' }, t('assess.title')),
      el('a', { href: '/incidents/new' }, t('nav.new')),
      user.roles.includes('admin') && el('a', { href: '/admin/users', id: 'nav-users' }, t('nav.users')),
    ),
    el(
      'span',
      { class: 'who' },
      el('span', { id: 'user-name' }, user.name),
      el('span', { class: 'roles' }, `(${user.roles.map((r) => t(`role.${r}`)).join('、')})`),
      languageMenu(),
      el('button', { type: 'button', class: 'link', onclick: logout, id: 'logout' }, t('nav.logout')),
    ),
  );
}

/** Shows an error where the page keeps its messages; 503 gets the friendlier retry text. */
export function showError(node, error) {
  const text = error instanceof ApiError && error.status === 503 ? t('common.unavailable') : `${t('common.error')}${lang === 'en' ? ': ' : '：'}${error.message}`;
  replace(node, text);
  node.hidden = false;
}
