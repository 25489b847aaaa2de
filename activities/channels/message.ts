// What a notice says, whatever carries it: what happened, which incident, the deadline, who must
// act, and the link to the incident page. Chat robots get a short Markdown card; e-mail gets the
// same as text and HTML. The workflow's own Markdown body is kept, cut short, because the page has
// the rest.
import { Marked } from 'marked';
import type { Directory, NotifyEvent } from '../../config/notify-file';
import { label, type Lang, labelsOf } from '../../domain/labels';
import { DEFAULT_UTC_OFFSET_MINUTES } from '../../domain/rules/calendar';
import { formatLocalFull } from '../../domain/rules/deadlines';
import { wording } from '../../domain/script';
import type { Notice } from '../notify';
import { escapeHtml, markdownText } from '../../domain/markup';
import { localTime } from '../templates/labels';

export const EVENT_LABELS: Record<NotifyEvent, string> = labelsOf('notifyEvent');

const BODY_LIMIT = 300;

export interface NoticeView {
  event: NotifyEvent;
  /** the language of the card's own words */
  lang: Lang;
  /** 【逾期】查清事实期限已过 */
  heading: string;
  /** label and plain-text value */
  fields: [string, string][];
  /** the workflow's Markdown, possibly cut */
  body: string;
  link: string;
}

/** the notices' times: Beijing time, as the deadlines are set */
const beijing = { utcOffsetMinutes: DEFAULT_UTC_OFFSET_MINUTES };

export function noticeView(notice: Notice, people: Directory): NoticeView {
  const lang: Lang = notice.script ?? 'zh-Hans';
  const w = wording(lang);
  const list = (items: string[]) => items.join(w('、', ', '));
  const who = notice.roles.map((role) => {
    const names = (people[role] ?? []).map((p) => p.name);
    const roleName = label('role', role, lang);
    return names.length ? w(`${roleName}（${list(names)}）`, `${roleName} (${list(names)})`) : roleName;
  });
  const fields: [string, string][] = [[w('事件', 'Incident'), notice.incidentTitle ?? notice.workflowId]];
  if (notice.deadline) {
    const { label: deadline, dueAt } = notice.deadline;
    fields.push([w('期限', 'Deadline'), w(`${deadline}，${localTime(dueAt)}（北京时间）`, `${deadline}, ${formatLocalFull(Date.parse(dueAt), beijing)} (Beijing time)`)]);
  }
  fields.push([w('请处理', 'For'), who.join(w('；', '; ')) || '—']);
  if (notice.onDuty?.length) fields.push([w('值班', 'On duty'), list(notice.onDuty.map((p) => p.displayName))]);
  if (notice.attachments?.length) fields.push([w('附件', 'Attachments'), list(notice.attachments.map((a) => a.filename))]);
  const body = notice.markdown.length > BODY_LIMIT ? `${notice.markdown.slice(0, BODY_LIMIT)}${w('……（全文见事件页）', '… (the rest on the incident page)')}` : notice.markdown;
  const heading = w(`【${EVENT_LABELS[notice.event]}】${notice.title}`, `[${label('notifyEvent', notice.event, 'en')}] ${notice.title}`);
  return { event: notice.event, lang, heading, fields, body, link: notice.link };
}

/** One notice as robot Markdown; `nl` is the line break the robot renders (DingTalk needs a blank line). */
export function chatMarkdown(view: NoticeView, nl: string, number = ''): string {
  const w = wording(view.lang);
  return [
    `**${number}${markdownText(view.heading)}**`,
    ...view.fields.map(([name, value]) => `**${name}**${w('：', ': ')}${markdownText(value)}`),
    view.body,
    `[${w('打开事件页', 'Open the incident page')}](${view.link})`,
  ].join(nl);
}

/** The title of a robot message: the notice's own, or how many were merged. */
export function chatTitle(views: NoticeView[]): string {
  const [first] = views;
  if (!first) throw new Error('no notice to title');
  return views.length === 1 ? first.heading : wording(first.lang)(`舆情通知 ${views.length} 则：${first.heading} 等`, `${views.length} notices: ${first.heading} and more`);
}

/** Several notices in one message, when a burst exceeds what the robot accepts in its window. */
export function chatDigest(views: NoticeView[], nl: string): string {
  if (views.length === 1) return chatMarkdown(views[0]!, nl);
  const head = wording(views[0]!.lang)(`**舆情通知 ${views.length} 则**（短时间内多则，合并发送）`, `**${views.length} notices** (many in a short time, sent together)`);
  return [head, ...views.map((v, i) => chatMarkdown(v, nl, `(${i + 1}/${views.length}) `))].join(`${nl}${nl}`);
}

export function mailSubject(view: NoticeView, notice: Notice): string {
  return wording(view.lang)(`[舆情] ${view.heading}｜`, `[Yuqing] ${view.heading} | `) + (notice.incidentTitle ?? notice.workflowId);
}

export function mailText(view: NoticeView): string {
  const w = wording(view.lang);
  return [view.heading, '', ...view.fields.map(([name, value]) => `${name}${w('：', ': ')}${value}`), '', view.body, '', `${w('打开事件页：', 'Open the incident page: ')}${view.link}`, ''].join('\n');
}

// The body is the workflow's Markdown. Raw HTML in it is shown as text and only web and mail links
// survive, so no text from an incident can add markup or scripts to a mail.
const markdown = new Marked({
  walkTokens(token) {
    if ((token.type === 'link' || token.type === 'image') && !/^(https?:|mailto:)/i.test(token.href)) token.href = '#';
  },
});

export function mailHtml(view: NoticeView): string {
  const w = wording(view.lang);
  const rows = view.fields.map(([label, value]) => `<tr><th style="text-align:left;padding:2px 12px 2px 0;white-space:nowrap">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`);
  return [
    '<!doctype html>',
    `<html lang="${view.lang}"><head><meta charset="utf-8"></head>`,
    '<body style="font-family:sans-serif;line-height:1.6;color:#111">',
    `<h2 style="color:#b00">${escapeHtml(view.heading)}</h2>`,
    `<table>${rows.join('')}</table>`,
    markdown.parse(view.body.replace(/</g, '&lt;'), { async: false }),
    `<p><a href="${escapeHtml(view.link)}">${w('打开事件页', 'Open the incident page')}</a></p>`,
    '</body></html>',
    '',
  ].join('\n');
}
