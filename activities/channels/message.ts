// What a notice says, whatever carries it: what happened, which incident, the deadline, who must
// act, and the link to the incident page. Chat robots get a short Markdown card; e-mail gets the
// same as text and HTML. The workflow's own Markdown body is kept, cut short, because the page has
// the rest.
import { Marked } from 'marked';
import type { Directory, NotifyEvent } from '../../config/notify-file';
import { labelsOf } from '../../domain/labels';
import type { Notice } from '../notify';
import { escapeHtml, markdownText } from '../../domain/markup';
import { localTime, ROLE_LABELS } from '../templates/labels';

export const EVENT_LABELS: Record<NotifyEvent, string> = labelsOf('notifyEvent');

const BODY_LIMIT = 300;

export interface NoticeView {
  event: NotifyEvent;
  /** 【逾期】查清事实期限已过 */
  heading: string;
  /** label and plain-text value */
  fields: [string, string][];
  /** the workflow's Markdown, possibly cut */
  body: string;
  link: string;
}

export function noticeView(notice: Notice, people: Directory): NoticeView {
  const who = notice.roles.map((role) => {
    const names = (people[role] ?? []).map((p) => p.name);
    return names.length ? `${ROLE_LABELS[role]}（${names.join('、')}）` : ROLE_LABELS[role];
  });
  const fields: [string, string][] = [['事件', notice.incidentTitle ?? notice.workflowId]];
  if (notice.deadline) fields.push(['期限', `${notice.deadline.label}，${localTime(notice.deadline.dueAt)}（北京时间）`]);
  fields.push(['请处理', who.join('；') || '—']);
  if (notice.onDuty?.length) fields.push(['值班', notice.onDuty.map((p) => p.displayName).join('、')]);
  if (notice.attachments?.length) fields.push(['附件', notice.attachments.map((a) => a.filename).join('、')]);
  const body = notice.markdown.length > BODY_LIMIT ? `${notice.markdown.slice(0, BODY_LIMIT)}……（全文见事件页）` : notice.markdown;
  return { event: notice.event, heading: `【${EVENT_LABELS[notice.event]}】${notice.title}`, fields, body, link: notice.link };
}

/** One notice as robot Markdown; `nl` is the line break the robot renders (DingTalk needs a blank line). */
export function chatMarkdown(view: NoticeView, nl: string, number = ''): string {
  return [
    `**${number}${markdownText(view.heading)}**`,
    ...view.fields.map(([label, value]) => `**${label}**：${markdownText(value)}`),
    view.body,
    `[打开事件页](${view.link})`,
  ].join(nl);
}

/** The title of a robot message: the notice's own, or how many were merged. */
export function chatTitle(views: NoticeView[]): string {
  const [first] = views;
  if (!first) throw new Error('no notice to title');
  return views.length === 1 ? first.heading : `舆情通知 ${views.length} 则：${first.heading} 等`;
}

/** Several notices in one message, when a burst exceeds what the robot accepts in its window. */
export function chatDigest(views: NoticeView[], nl: string): string {
  if (views.length === 1) return chatMarkdown(views[0]!, nl);
  const head = `**舆情通知 ${views.length} 则**（短时间内多则，合并发送）`;
  return [head, ...views.map((v, i) => chatMarkdown(v, nl, `(${i + 1}/${views.length}) `))].join(`${nl}${nl}`);
}

export function mailSubject(view: NoticeView, notice: Notice): string {
  return `[舆情] ${view.heading}｜${notice.incidentTitle ?? notice.workflowId}`;
}

export function mailText(view: NoticeView): string {
  return [view.heading, '', ...view.fields.map(([label, value]) => `${label}：${value}`), '', view.body, '', `打开事件页：${view.link}`, ''].join('\n');
}

// The body is the workflow's Markdown. Raw HTML in it is shown as text and only web and mail links
// survive, so no text from an incident can add markup or scripts to a mail.
const markdown = new Marked({
  walkTokens(token) {
    if ((token.type === 'link' || token.type === 'image') && !/^(https?:|mailto:)/i.test(token.href)) token.href = '#';
  },
});

export function mailHtml(view: NoticeView): string {
  const rows = view.fields.map(([label, value]) => `<tr><th style="text-align:left;padding:2px 12px 2px 0;white-space:nowrap">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`);
  return [
    '<!doctype html>',
    '<html lang="zh-Hans"><head><meta charset="utf-8"></head>',
    '<body style="font-family:sans-serif;line-height:1.6;color:#111">',
    `<h2 style="color:#b00">${escapeHtml(view.heading)}</h2>`,
    `<table>${rows.join('')}</table>`,
    markdown.parse(view.body.replace(/</g, '&lt;'), { async: false }),
    `<p><a href="${escapeHtml(view.link)}">打开事件页</a></p>`,
    '</body></html>',
    '',
  ].join('\n');
}
