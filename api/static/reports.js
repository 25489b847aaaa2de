// The periodic roll-ups on the list page: each 周报/月报 the Schedules wrote, newest period first,
// with its HTML view, its Markdown, Word and PDF downloads and its print page.
import { api, showError } from './api.js';
import { $, el, replace } from './dom.js';
import { formatTime, t } from './i18n.js';

const item = (r) =>
  el(
    'li',
    { dataset: { report: r.name } },
    `${r.title} ${r.label} `,
    el('span', { class: 'muted' }, `(${t('reports.generated')} ${formatTime(r.generatedAt)}) `),
    el('a', { href: r.links.html, target: '_blank', rel: 'noopener' }, t('inc.html')),
    ' · ',
    el('a', { href: r.links.md }, t('inc.markdown')),
    // reports rendered before Word files were written have none
    ...(r.links.docx ? [' · ', el('a', { href: r.links.docx }, t('inc.docx'))] : []),
    ...(r.links.print ? [' · ', el('a', { href: r.links.pdf }, t('doc.pdf')), ' · ', el('a', { href: r.links.print, target: '_blank', rel: 'noopener' }, t('doc.print'))] : []),
  );

try {
  const { data } = await api('/api/reports');
  replace($('#reports'), data.items.length ? data.items.map(item) : el('li', { class: 'muted' }, t('reports.empty')));
} catch (e) {
  showError($('#reports-error'), e);
}
