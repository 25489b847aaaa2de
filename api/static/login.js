// Sign-in: on success go back to the page that sent us here (same-origin paths only).
import { api, ApiError, showError } from './api.js';
import { $, replace } from './dom.js';
import { applyI18n, languageMenu, t } from './i18n.js';

applyI18n();
$('#lang-slot').replaceWith(languageMenu());

// One leading "/" not followed by another or by a backslash (both read as "//host"), and no backslash,
// whitespace or control character anywhere (the URL parser drops tabs and newlines: "/\t/host" is "//host").
const SAME_ORIGIN_PATH = /^\/(?![/\\])[^\\\s\p{Cc}]*$/u;

function nextPage() {
  const next = new URLSearchParams(location.search).get('next') ?? '/';
  // and then as the browser itself reads it: still on this origin
  return SAME_ORIGIN_PATH.test(next) && new URL(next, location.origin).origin === location.origin ? next : '/';
}

$('#login').addEventListener('submit', async (event) => {
  event.preventDefault();
  const field = (name) => event.target.elements.namedItem(name).value;
  const error = $('#login-error');
  error.hidden = true;
  try {
    await api('/api/login', { method: 'POST', body: { name: field('name').trim(), password: field('password') } });
    location.assign(nextPage());
  } catch (e) {
    if (e instanceof ApiError && (e.status === 401 || e.status === 400)) replace(error, t('login.failed'));
    else if (e instanceof ApiError && e.status === 429) replace(error, t('login.limited'));
    else return showError(error, e);
    error.hidden = false;
  }
});
