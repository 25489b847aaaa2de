// One incident, live: the workflow's `state` query every few seconds (faster right after a
// decision), deadlines counting down each second, and the decision forms for the signed-in user.
import { api, ApiError, showError, startPage } from './api.js';
import { breachBadge, drillBadge, bulletinStatus, deadlineStatus, severityBadge, stageBadge, startCountdowns } from './badges.js';
import { pendingKey, renderDecisions } from './decisions.js';
import { planView } from './subjects.js';
import { evidenceList } from './evidence.js';
import { $, el, replace } from './dom.js';
import { formatTime, joinList, t } from './i18n.js';
import { needText } from './needs.js';

const REFRESH_MS = 5_000;
const { user, meta } = await startPage();
const workflowId = decodeURIComponent(location.pathname.split('/').pop());
let shownPending = '';

const safeHref = (url) => (/^https?:\/\//i.test(url) ? url : undefined);
const dl = (pairs) => el('dl', {}, pairs.filter(([, v]) => v !== undefined && v !== '').flatMap(([k, v]) => [el('dt', {}, t(k)), el('dd', {}, v)]));

const roleNames = (roles) => roles.map((r) => t(`role.${r}`)).join('、');
/** notices that reached nobody for some role are not hidden in the list below: they show at the top */
function undeliveredBadge(state) {
  const count = (state.notices ?? []).filter((n) => n.undelivered).length;
  return count > 0 && el('a', { href: '#notices', class: 'badge breach', id: 'undelivered-count' }, `${count} ${t('inc.undeliveredCount')}`);
}

/** who said an alert was a drill: an outsider's word, so the page names it */
const drillSender = (state) => t('drill.byIntake').replace('{system}', state.origin.sourceSystem).replace('{account}', `${state.reporter.name}, ${state.reporter.id}`);

/** the title and badges: what the incident is, above the decisions it awaits */
function overview(state, links) {
  const i = state.incident;
  const closed = state.closed && t(`incidentStatus.${state.closed.outcome}`);
  document.title = `${i.title} · ${t('app.title')}`;
  return [
    state.drill && el('p', { class: 'drill-banner', id: 'drill-banner', role: 'note' }, t('drill.banner'), state.origin && ` ${drillSender(state)}`),
    el('h1', { id: 'incident-title' }, i.title),
    el(
      'p',
      { class: 'badges' },
      state.drill && drillBadge(),
      severityBadge(state.severity),
      el('span', { class: 'badge' }, `${t('inc.responseLevel')}: ${t(`responseLevel.${state.responseLevel}`)}`),
      stageBadge(state.currentStep),
      state.breachCount > 0 && breachBadge(),
      state.duty24h && !state.duty24h.until && el('span', { class: 'badge duty', id: 'duty24h-badge', title: t('duty24h.title') }, t('duty24h.badge')),
      undeliveredBadge(state),
      closed && el('span', { class: 'badge closed' }, closed),
      el('a', { href: links.temporalUi, target: '_blank', rel: 'noopener noreferrer', id: 'temporal-link', class: 'temporal' }, t('inc.temporal')),
    ),
  ];
}

/** what was reported, below the decisions */
function facts(state) {
  const i = state.incident;
  const m = state.metricsHistory.at(-1)?.metrics ?? i.metrics;
  return [
    el('p', { class: 'summary' }, i.summary),
    i.excerpt && el('blockquote', {}, i.excerpt),
    dl([
      ['field.category', t(`category.${state.category}`)],
      ['field.department', i.department],
      ['field.channel', t(`channel.${i.channel}`)],
      ['field.discoveredAt', formatTime(i.discoveredAt)],
      ['inc.reporter', state.reporter.name],
      ['inc.sources', i.sourceUrls.map((u) => el('a', { href: safeHref(u), target: '_blank', rel: 'noopener noreferrer nofollow' }, u))],
      ['new.metrics', `${t('field.metrics.views')} ${m.views} · ${t('field.metrics.comments')} ${m.comments} · ${t('field.metrics.reposts')} ${m.reposts} · ${t('field.metrics.mainstreamSites')} ${m.mainstreamSites}`],
    ]),
  ];
}

/** under an active step, what it still needs before it can end */
const needs = (list) => (list?.length ? el('span', { class: 'needs' }, `${t('tasks.stillNeeds')} `, joinList(list.map(needText))) : null);

const progress = (state) =>
  meta.enums.steps.map((step) =>
    el(
      'li',
      { class: `step ${state.steps[step].status}`, dataset: { step } },
      el('span', { class: 'name' }, t(`step.${step}`)),
      el('span', { class: 'status' }, t(`stepStatus.${state.steps[step].status}`)),
      needs(state.stepNeeds?.[step]),
    ),
  );

const uncovered = (d) => (d.uncoveredYears?.length ? el('span', { class: 'badge late' }, t('deadline.uncovered')) : null);

/** The next tracking bulletin sits among the deadlines, though no one can miss it: the workflow issues it. */
const nextBulletin = (b) =>
  el(
    'tr',
    { dataset: { kind: 'bulletin' } },
    el('td', {}, `${t('document.bulletin')} ${t('deadline.issueNo').replace('{n}', b.no)}`),
    el('td', {}, t('deadline.automatic')),
    el('td', {}, formatTime(b.dueAt)),
    el('td', {}, bulletinStatus(b), uncovered(b)),
  );

/** who answers for it by name, their unit, and how they came to (on duty, reassigned…) */
const owner = (o) => o && el('span', { class: 'owner', dataset: { owner: o.id } }, ` · ${o.name}${o.department ? `（${o.department}）` : ''} `, el('span', { class: 'muted' }, t(`owner.${o.via}`)));

const deadlines = (state) => [
  ...state.deadlines.map((d) =>
    el(
      'tr',
      { dataset: { kind: d.kind } },
      el('td', {}, t(`deadline.${d.kind}`)),
      el('td', {}, t(`role.${d.responsible}`), owner(d.owner)),
      el('td', {}, formatTime(d.dueAt)),
      el('td', {}, deadlineStatus(d), uncovered(d)),
    ),
  ),
  state.tracking?.next && nextBulletin(state.tracking.next),
];

/** what a decision accepted unsigned wrote carries the same mark wherever it is shown */
const unsignedMark = (record) => record.unsigned && el('span', { class: 'badge late unsigned' }, t('inc.unsignedRecord'));

const review = (r) =>
  el(
    'li',
    {},
    `${formatTime(r.at)} ${t(`reviewStage.${r.stage}`)} · ${r.by.name}`,
    unsignedMark(r),
    ` · ${r.approve ? t('inc.approve') : t('inc.return')}`,
    r.comment && `：${r.comment}`,
  );

const release = (r) =>
  el(
    'article',
    { class: 'release', dataset: { releaseNo: r.no, status: r.status } },
    el('h3', {}, `#${r.no} ${r.title} `, el('span', { class: `badge rel-${r.status}` }, t(`releaseStatus.${r.status}`))),
    el('p', { class: 'muted' }, `${t(`release.${r.kind}`)} · ${r.channels.join('、')} · ${t('common.by')} ${r.draftedBy.name}`, unsignedMark(r), ` ${formatTime(r.draftedAt)}`),
    el('p', { class: 'body' }, r.body),
    r.reviews.length > 0 && [el('h4', {}, t('inc.reviews')), el('ol', { class: 'reviews' }, r.reviews.map(review))],
  );

const planStatus = (p) => (p.decision ?? 'drafted');

/** The handling plan as drafted and decided (an older incident's plan is the text leadership approved). */
function plan(state) {
  const p = state.plan;
  if (!p) return el('p', { class: 'muted' }, t('inc.noPlan'));
  const last = p.decisions?.at(-1);
  return el(
    'article',
    { class: 'plan', dataset: { status: planStatus(p) } },
    el('p', {}, el('span', { class: `badge plan-${planStatus(p)}` }, t(`planStatus.${planStatus(p)}`)), p.outgrown ? el('span', { class: 'badge late' }, t('inc.planOutgrown')) : null),
    [planView(p)].flat(Infinity),
    p.approvedBy && el('p', { class: 'muted' }, `${p.decision === 'approved' ? t('inc.approve') : t('inc.return')} · ${p.approvedBy.name}`, unsignedMark(last ?? p), ` ${formatTime(p.approvedAt)}`, p.comment && `：${p.comment}`),
  );
}

const response = (r) =>
  el(
    'li',
    { dataset: { responseNo: r.no ?? '', status: r.status ?? 'counted' } },
    `${formatTime(r.approvedAt ?? r.at)} ${t(`response.${r.kind}`)} · ${r.channel} · ${r.by.name}`,
    unsignedMark(r),
    r.status && [' ', el('span', { class: `badge resp-${r.status}` }, t(`responseStatus.${r.status}`))],
    el('p', { class: 'body' }, r.content),
  );

const documentItem = (d) => {
  const base = `/api/incidents/${encodeURIComponent(workflowId)}/documents/${encodeURIComponent(d.name)}`;
  return el(
    'li',
    {},
    `${d.title}${d.number ? ` ${d.number}` : ''} (${formatTime(d.createdAt)}) `,
    el('a', { href: base, target: '_blank', rel: 'noopener' }, t('inc.html')),
    ' · ',
    el('a', { href: `${base}?format=md` }, t('inc.markdown')),
    // documents rendered before Word files were written have none
    ...(d.paths.docx ? [' · ', el('a', { href: `${base}?format=docx` }, t('inc.docx'))] : []),
    // and before print pages were: no PDF either, which is printed from one
    ...(d.paths.print
      ? [' · ', el('a', { href: `${base}?format=pdf` }, t('doc.pdf')), ' · ', el('a', { href: `${base}?format=print`, target: '_blank', rel: 'noopener' }, t('doc.print'))]
      : []),
  );
};

/** newest first; one that missed a role says which, so nobody takes it for told */
const noticeItem = (n) =>
  el(
    'li',
    { class: n.undelivered ? 'undelivered' : 'delivered', dataset: { kind: n.kind } },
    el('time', {}, formatTime(n.at)),
    ' ',
    el('span', { class: 'badge' }, t(`notifyEvent.${n.kind}`)),
    ` ${n.title} → ${roleNames(n.roles)}`,
    n.channels.length > 0 && el('span', { class: 'muted' }, `（${n.channels.join('、')}）`),
    ' ',
    n.undelivered && el('span', { class: 'badge breach undelivered' }, `${t(n.failed ? 'inc.noticeFailed' : 'inc.undeliveredTo')}${roleNames(n.undelivered)}`),
  );

/** a decision sent to Temporal directly (not through the API) is accepted only as marked */
const signature = (e) =>
  e.signed === false ? el('span', { class: 'badge late' }, t('inc.unsigned')) : e.signed && el('span', { class: 'badge ok', title: t('inc.signed') }, '✔');

const timelineItem = (e) =>
  el(
    'li',
    { class: `tl-${e.kind}`, dataset: e.signed === undefined ? {} : { signed: String(e.signed) } },
    el('time', {}, formatTime(e.at)),
    ' ',
    el('span', {}, e.text),
    e.by && el('span', { class: 'muted' }, ` — ${e.by}`),
    ' ',
    signature(e),
    e.undelivered && el('span', { class: 'badge breach undelivered' }, t('inc.undelivered')),
  );

let timer;
/** after a decision: show the forms afresh, as they are once the workflow has taken it */
function onSent() {
  shownPending = '';
  void refresh(true);
}

async function refresh(soon = false) {
  clearTimeout(timer);
  try {
    const { data } = await api(`/api/incidents/${encodeURIComponent(workflowId)}`);
    const { state, evidence, links } = data;
    $('#page-error').hidden = true;
    replace($('#overview'), overview(state, links));
    replace($('#facts'), facts(state));
    replace($('#progress'), progress(state));
    replace($('#deadlines tbody'), deadlines(state));
    replace($('#plan'), plan(state));
    replace($('#responses'), state.responses.length ? el('ul', { class: 'responses' }, state.responses.map(response)) : el('p', { class: 'muted' }, t('inc.noResponses')));
    replace($('#releases'), state.releases.length ? state.releases.map(release) : el('p', { class: 'muted' }, t('inc.noReleases')));
    replace($('#evidence'), evidenceList(workflowId, evidence ?? []));
    replace($('#documents'), state.documents.length ? state.documents.map(documentItem) : el('li', { class: 'muted' }, t('inc.noDocuments')));
    const notices = [...(state.notices ?? [])].reverse();
    replace($('#notices'), notices.length ? notices.map(noticeItem) : el('li', { class: 'muted' }, t('inc.noNotices')));
    replace($('#timeline'), state.timeline.map(timelineItem));
    // forms are rebuilt only when the pending set changes, so a refresh never eats what someone types
    if (pendingKey(state) !== shownPending) {
      shownPending = pendingKey(state);
      renderDecisions($('#decisions'), { state, user, meta, onSent });
    }
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return showError($('#page-error'), new Error(t('inc.notFound')));
    showError($('#page-error'), e);
  }
  timer = setTimeout(refresh, soon ? 700 : REFRESH_MS);
}

startCountdowns();
await refresh();
