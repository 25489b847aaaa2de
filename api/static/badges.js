// Badges shared by the list, the incident page and the 待我处理 view, and the live countdown: every
// element with data-due is rewritten each second as "time left" or "overdue by", and every element
// with data-urgency-due re-marked as overdue or due soon.
import { el } from './dom.js';
import { formatDuration, t } from './i18n.js';

export const severityBadge = (severity) => el('span', { class: `badge sev-${severity}` }, t(`severity.${severity}`));

export const stageBadge = (stage) => el('span', { class: `badge stage${stage === 'closed' ? ' closed' : ''}` }, t(`step.${stage}`));

export const breachBadge = () => el('span', { class: 'badge breach' }, t('list.breached'));

/** 演练: a practice run, never to be taken for a real incident */
export const drillBadge = () => el('span', { class: 'badge drill' }, t('drill.badge'));

function countdownText(dueAt, now) {
  const left = Date.parse(dueAt) - now;
  return left >= 0 ? `${t('deadline.left')} ${formatDuration(left)}` : `${t('deadline.overdue')} ${formatDuration(-left)}`;
}

/** A deadline's status: met (on time or late), cancelled, returned for revision, or counting down / overdue live. */
export function deadlineStatus(d) {
  if (d.cancelled) return el('span', { class: 'badge muted' }, t('deadline.cancelled'));
  // what met it came back: open again until the resubmission, which is when it counts as met
  if (d.returnedAt && !d.metAt) return el('span', {}, el('span', { class: 'badge late returned' }, t('deadline.returned')), countdown(d.dueAt));
  if (d.metAt) {
    const late = d.lateByMinutes ?? Math.max(0, Math.round((Date.parse(d.metAt) - Date.parse(d.dueAt)) / 60000));
    return late > 0
      ? el('span', { class: 'badge late' }, `${t('deadline.metLate')} ${formatDuration(late * 60000)}`)
      : el('span', { class: 'badge ok' }, t('deadline.met'));
  }
  return countdown(d.dueAt);
}

let dueSoonMs = 60 * 60_000;

/** The threshold of "due soon", from /api/meta (one hour). */
export function useDueSoon(minutes) {
  dueSoonMs = minutes * 60_000;
}

/** 'overdue', 'due-soon' (within the threshold) or '' for an open deadline's due time. */
export function urgencyOf(dueAt, now) {
  if (!dueAt) return '';
  const left = Date.parse(dueAt) - now;
  return left < 0 ? 'overdue' : left <= dueSoonMs ? 'due-soon' : '';
}

const URGENCY_WORDS = { overdue: 'tasks.overdue', 'due-soon': 'tasks.dueSoon' };

function applyUrgency(node, now) {
  const urgency = urgencyOf(node.dataset.urgencyDue, now);
  node.dataset.urgency = urgency;
  // the colour's words, for whoever cannot see it
  node.title = urgency ? t(URGENCY_WORDS[urgency]) : '';
}

/** A row or an item coloured by its deadline (style.css [data-urgency]), kept current by the countdown. */
export function markUrgency(node, dueAt) {
  if (!dueAt) return node;
  node.dataset.urgencyDue = dueAt;
  applyUrgency(node, Date.now());
  return node;
}

function countdown(dueAt) {
  const overdue = Date.parse(dueAt) < Date.now();
  return el('span', { class: `badge countdown ${overdue ? 'breach' : ''}`, dataset: { due: dueAt } }, countdownText(dueAt, Date.now()));
}

/** The next tracking bulletin: the workflow issues it itself, so it only counts down. */
export const bulletinStatus = (next) => countdown(next.dueAt);

export function startCountdowns() {
  setInterval(() => {
    const now = Date.now();
    for (const node of document.querySelectorAll('[data-due]')) {
      node.textContent = countdownText(node.dataset.due, now);
      node.classList.toggle('breach', Date.parse(node.dataset.due) < now);
    }
    for (const node of document.querySelectorAll('[data-urgency-due]')) applyUrgency(node, now);
  }, 1000);
}
