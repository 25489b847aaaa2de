// The new-incident form. One Idempotency-Key per filled-in form: a double click or a retry after a
// network error reaches the same workflow. Server errors are shown beside the field they name.
import { api, ApiError, showError, startPage } from './api.js';
import { $, el, replace } from './dom.js';
import { lang, t } from './i18n.js';
import { evidencePicker, pickedEvidence } from './evidence.js';

const { meta } = await startPage();
const form = $('#incident-form');
const idempotencyKey = crypto.randomUUID();

for (const select of form.querySelectorAll('select[data-enum]')) {
  const values = meta.enums[select.dataset.enum];
  replace(select, el('option', { value: '' }, '—'), values.map((v) => el('option', { value: v }, t(`${select.dataset.label}.${v}`))));
}
replace(
  $('#topics'),
  meta.enums.sensitiveTopics.map((v) => el('label', { class: 'check' }, el('input', { type: 'checkbox', name: 'sensitive.topics', value: v }), t(`sensitiveTopic.${v}`))),
);

/** the browser's local time, so "now" is a hint, and the server is the judge */
function localNow() {
  const d = new Date();
  return new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
}
form.elements.namedItem('discoveredAt').max = localNow();

// screenshots of the post and its comments, kept before the post is deleted
$('#attachments-slot').replaceWith(evidencePicker('attachments'));

const value = (name) => form.elements.namedItem(name).value;
const number = (name) => (value(name) === '' ? 0 : Number(value(name)));
const checked = (name) => form.elements.namedItem(name).checked;

function body() {
  const discovered = value('discoveredAt');
  return {
    title: value('title'),
    summary: value('summary'),
    sourceUrls: value('sourceUrls').split('\n').map((s) => s.trim()).filter(Boolean),
    channel: value('channel'),
    excerpt: value('excerpt'),
    ...(discovered ? { discoveredAt: new Date(discovered).toISOString() } : {}),
    department: value('department'),
    category: value('category'),
    metrics: {
      views: number('metrics.views'),
      comments: number('metrics.comments'),
      reposts: number('metrics.reposts'),
      mainstreamSites: number('metrics.mainstreamSites'),
      mainstreamMedia: checked('metrics.mainstreamMedia'),
    },
    sensitive: {
      topics: [...form.querySelectorAll('input[name="sensitive.topics"]:checked')].map((i) => i.value),
      seriousImpact: checked('sensitive.seriousImpact'),
    },
    ...(pickedEvidence(form).length ? { attachments: pickedEvidence(form) } : {}),
    ...(checked('drill') ? { drill: true } : {}),
  };
}

/** "sourceUrls.1" belongs beside "sourceUrls"; anything unplaceable goes to the form's message. */
function showIssues(issues) {
  const general = [];
  for (const issue of issues) {
    const path = issue.field.split('.');
    const slot = [path.join('.'), path.slice(0, 2).join('.'), path[0]]
      .map((f) => form.querySelector(`[data-error-for="${CSS.escape(f)}"]`))
      .find(Boolean);
    // the API words each issue for people, the field named in the page's language
    if (slot) slot.append(el('span', {}, issue.message));
    else general.push(issue.message);
  }
  return general;
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  for (const slot of form.querySelectorAll('[data-error-for]')) slot.replaceChildren();
  const formError = $('#form-error');
  formError.hidden = true;
  const button = $('#submit');
  button.disabled = true;
  replace(button, t('new.submitting'));
  try {
    const { data } = await api('/api/incidents', { method: 'POST', body: body(), headers: { 'Idempotency-Key': idempotencyKey } });
    location.assign(data.links.page);
  } catch (e) {
    button.disabled = false;
    replace(button, t('new.submit'));
    if (e instanceof ApiError && e.status === 400) {
      const general = showIssues(e.issues);
      if (general.length) showError(formError, new Error(general.join(lang === 'en' ? '; ' : '；')));
      form.querySelector('[data-error-for]:not(:empty)')?.closest('.field')?.querySelector('input, textarea, select')?.focus();
    } else if (e instanceof ApiError && e.status === 403) {
      showError(formError, new Error(t('new.forbidden')));
    } else {
      showError(formError, e);
    }
  }
});
