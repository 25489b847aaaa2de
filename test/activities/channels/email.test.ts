// E-mail goes to a real SMTP server on loopback (smtp-server), which checks the login and hands
// each mail to mailparser, so the test reads the mail as a mail client would.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ApplicationFailure } from '@temporalio/common';
import { afterEach, describe, expect, it } from 'vitest';
import { WORKFLOW_ID } from '../fixtures';
import { breach, channelTests, contacts, keepArtifact } from './fixtures';
import { PASSWORD, startSmtp, USER } from './smtp';

const t = channelTests();
afterEach(() => t.cleanup());

const mailChannel = (port: number) => ({
  channels: { mail: { type: 'email', host: '127.0.0.1', port, tls: 'none', user: USER, password: { env: 'SMTP_PASSWORD' }, from: '舆情系统 <yuqing@school.example>' } },
  routes: [{ roles: ['approver', 'handler'], channels: ['mail'] }],
  contacts,
});

describe('e-mail', () => {
  it('sends HTML and text to the responsible people, with the document attached', async () => {
    const smtp = await startSmtp(t.later);
    const { activities, dataDir } = await t.activities(mailChannel(smtp.port), { SMTP_PASSWORD: PASSWORD });
    const doc = `incidents/${WORKFLOW_ID}/documents/bulletin-1.html`;
    const docText = '<!doctype html><h1>《网络舆情通报》第1期</h1>';
    await mkdir(join(dataDir, 'incidents', WORKFLOW_ID, 'documents'), { recursive: true });
    await writeFile(join(dataDir, doc), docText);

    const result = await activities.notify(breach({ attachments: [{ path: doc, filename: '网络舆情通报第1期.html' }] }));

    expect(result.delivered).toEqual(['log', 'email:mail']);
    expect(smtp.mails).toHaveLength(1);
    const [{ parsed, to, raw }] = smtp.mails as [(typeof smtp.mails)[number]];
    expect(to).toEqual(['zhao@school.example', 'li@school.example']);
    expect(parsed.subject).toBe('[舆情] 【逾期】查清事实期限已过｜网帖称某中学食堂饭菜变质致学生腹泻');
    expect(parsed.from?.value).toEqual([{ name: '舆情系统', address: 'yuqing@school.example' }]);
    expect(parsed.text).toContain('事件：网帖称某中学食堂饭菜变质致学生腹泻\n期限：查清事实期限，2026年11月25日 17:30（北京时间）\n请处理：分管领导（赵校长、李副校长）');
    expect(parsed.text).toContain(`打开事件页：http://127.0.0.1:3000/incidents/${WORKFLOW_ID}`);
    expect(parsed.html).toContain('<h2 style="color:#b00">【逾期】查清事实期限已过</h2>');
    expect(parsed.html).toContain('<strong>网帖称某中学食堂饭菜变质致学生腹泻</strong>');
    expect(parsed.html).toContain(`<a href="http://127.0.0.1:3000/incidents/${WORKFLOW_ID}">打开事件页</a>`);
    expect(parsed.attachments.map((a) => [a.filename, a.content.toString('utf8')])).toEqual([['网络舆情通报第1期.html', docText]]);
    expect(parsed.messageId).toMatch(/^<[0-9a-f]{32}@school\.example>$/);
    await keepArtifact('email.eml', raw.toString('utf8'));
    await keepArtifact('email.html', parsed.html || '');
    await keepArtifact('email.txt', parsed.text ?? '');

    expect(await activities.notify(breach())).toMatchObject({ duplicate: true });
    expect(smtp.mails).toHaveLength(1);
  });

  it("words an English incident's mail in English, dates as 2026-11-25 17:30", async () => {
    const smtp = await startSmtp(t.later);
    const { activities } = await t.activities(mailChannel(smtp.port), { SMTP_PASSWORD: PASSWORD });
    await activities.notify(
      breach({
        script: 'en',
        title: 'Establish the facts missed',
        markdown: '**Canteen food spoiled**\n\nEstablish the facts is past due and not done (answerable: office / department).',
        incidentTitle: 'Canteen food spoiled',
        deadline: { label: 'Establish the facts', dueAt: '2026-11-25T09:30:00.000Z' },
      }),
    );
    const { parsed } = smtp.mails[0]!;
    expect(parsed.subject).toBe('[Yuqing] [Overdue] Establish the facts missed | Canteen food spoiled');
    // the people are named as the contacts file names them
    expect(parsed.text).toContain('Incident: Canteen food spoiled\nDeadline: Establish the facts, 2026-11-25 17:30 (Beijing time)\nFor: leadership (赵校长, 李副校长)');
    expect(parsed.text).toContain(`Open the incident page: http://127.0.0.1:3000/incidents/${WORKFLOW_ID}`);
    expect(parsed.html).toContain('<html lang="en">');
    expect(parsed.html).toContain('>Open the incident page</a>');
  });

  it('shows markup in a notice as text and keeps only web links', async () => {
    const smtp = await startSmtp(t.later);
    const { activities } = await t.activities(mailChannel(smtp.port), { SMTP_PASSWORD: PASSWORD });
    await activities.notify(breach({ markdown: '网帖原文：<script>alert(1)</script> [点此](javascript:alert(2))' }));
    const html = smtp.mails[0]!.parsed.html as string;
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toContain('javascript:');
  });

  it.each([
    ['a wrong password', 'wrong-password', undefined, true, 'SMTP 登录被拒'],
    ['a permanent refusal (550)', PASSWORD, 550, true, '邮件服务器拒收'],
    ['a temporary refusal (451)', PASSWORD, 451, false, '暂时无法发送'],
  ])('%s is handled by its meaning', async (_, password, refuse, nonRetryable, says) => {
    const smtp = await startSmtp(t.later, refuse);
    const { activities } = await t.activities(mailChannel(smtp.port), { SMTP_PASSWORD: password });
    const err = (await activities.notify(breach()).catch((e: unknown) => e)) as ApplicationFailure;
    expect(err.nonRetryable).toBe(nonRetryable);
    expect(err.message).toContain(says);
    expect(err.message).not.toContain(password);
    expect(smtp.mails).toHaveLength(0);
  });

  it('a missing document fails without retry instead of mailing without it', async () => {
    const smtp = await startSmtp(t.later);
    const { activities } = await t.activities(mailChannel(smtp.port), { SMTP_PASSWORD: PASSWORD });
    const err = (await activities.notify(breach({ attachments: [{ path: 'incidents/x/documents/none.html', filename: 'none.html' }] })).catch((e: unknown) => e)) as ApplicationFailure;
    expect(err.type).toBe('AttachmentMissing');
    expect(err.nonRetryable).toBe(true);
    expect(smtp.mails).toHaveLength(0);
  });
});
