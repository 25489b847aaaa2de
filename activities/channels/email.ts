// E-mail over SMTP (nodemailer): the notice as HTML and text to the addresses of the roles it
// concerns, with the Chinese document attached when the notice is about one. The Message-ID is
// derived from the notice's idempotency key, so in the rare case of a resend after a crash (between
// the server's acceptance and the ledger's write) mail clients show the two as one message.
import { createHash } from 'node:crypto';
import { access } from 'node:fs/promises';
import type { ApplicationFailure } from '@temporalio/common';
import nodemailer from 'nodemailer';
import type { Directory, EmailSpec } from '../../config/notify-file';
import { deliveryFailure } from '../delivery-failure';
import { fromDataRef } from '../files';
import type { NotifyChannel } from '../notify';
import { mailHtml, mailSubject, mailText, noticeView } from './message';

export interface EmailOptions {
  dataDir: string;
  timeoutMs: number;
  people: Directory;
}

export function emailChannel(name: string, spec: EmailSpec, { dataDir, timeoutMs, people }: EmailOptions): NotifyChannel {
  const transport = nodemailer.createTransport({
    host: spec.host,
    port: spec.port,
    secure: spec.tls === 'implicit',
    requireTLS: spec.tls === 'starttls',
    ignoreTLS: spec.tls === 'none',
    auth: spec.user ? { user: spec.user, pass: spec.password } : undefined,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  const domain = /@([^>\s]+)>?$/.exec(spec.from)?.[1] ?? 'yuqing.local';

  return {
    name,
    recipients: (roles, onDuty) => [...new Set([...roles.flatMap((r) => people[r] ?? []), ...onDuty].flatMap((p) => (p.email ? [p.email] : [])))],
    async send(message, recipients) {
      const view = noticeView(message, people);
      const attachments = await Promise.all(
        (message.attachments ?? []).map(async ({ path, filename }) => {
          const file = fromDataRef(dataDir, path);
          // the document is written before the notice is sent: a missing one is a bug, not a delay
          await access(file).catch(() => {
            throw deliveryFailure({ zh: `邮件附件不存在：${path}`, en: `attachment not found: ${path}` }, 'AttachmentMissing', false);
          });
          return { filename, path: file };
        }),
      );
      try {
        await transport.sendMail({
          from: spec.from,
          to: recipients,
          subject: mailSubject(view, message),
          text: mailText(view),
          html: mailHtml(view),
          attachments,
          messageId: `<${createHash('sha256').update(message.idempotencyKey).digest('hex').slice(0, 32)}@${domain}>`,
        });
      } catch (err) {
        throw smtpFailure(name, err as Error & { code?: string; responseCode?: number });
      }
    },
  };
}

/** An SMTP failure by meaning: credentials, TLS and permanent (5xx) refusals need a person; the rest is retried. */
function smtpFailure(name: string, err: Error & { code?: string; responseCode?: number }): ApplicationFailure {
  const said = `${err.responseCode ? `SMTP ${err.responseCode}` : (err.code ?? 'error')}: ${err.message.slice(0, 200)}`;
  const refused = (zh: string, en: string) =>
    deliveryFailure({ zh: `邮件通道「${name}」${zh}（${said}）`, en: `e-mail channel "${name}": ${en} (${said})` }, 'MailRejected', false);
  if (err.code === 'EAUTH') return refused('SMTP 登录被拒，请核对用户名和密码', 'SMTP authentication refused; check the user and password');
  if (err.code === 'ETLS') return refused('TLS 握手失败，请核对 tls 设置与服务器证书', 'TLS failed; check the tls setting and the server certificate');
  if (err.responseCode && err.responseCode >= 500) return refused('邮件服务器拒收', 'the mail server refused the message');
  return deliveryFailure({ zh: `邮件通道「${name}」暂时无法发送，稍后重试（${said}）`, en: `e-mail channel "${name}": not sent yet; retrying (${said})` }, 'MailUnavailable', true);
}
