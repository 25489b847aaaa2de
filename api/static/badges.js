// Badges shared by the list and the incident page, and the live countdown: every element with
// data-due is rewritten each second as "time left" or "overdue by".
import { el } from './dom.js';
import { formatDuration, t } from './i18n.js';

export const severityBadge = (severity) => el('span', { class: `badge sev-${severity}` }, t(`severity.${severity}`));

export const stageBadge = (stage) => el('span', { class: `badge stage${stage === 'closed' ? ' closed' : ''}` }, t(`step.${stage}`));

export const breachBadge = () => el('span', { class: 'badge breach' }, t('list.breached'));

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
  }, 1000);
}
