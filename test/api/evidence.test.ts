// Evidence end to end on a real dev server and worker, payloads encrypted: a screenshot attached at
// registration and an inspection report too big for any Temporal payload attached to the findings.
// Each is fixed by its SHA-256 in the signed decision, stored sealed (no plaintext on disk), served
// back byte for byte to people signed in with every download recorded; a tampered file is refused as
// such; oversized, disguised and unknown files are refused with a message that says why.
import { randomBytes, randomUUID } from 'node:crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Client } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EncryptionCodec } from '../../codec/encryption';
import { verifyDecision } from '../../domain/rules/signature';
import type { IncidentState } from '../../domain/model/state';
import { docx, exe, pdf, png } from '../helpers/evidence-files';
import { asSession, asToken, eventually, incidentBody, type Person, token, TEST_SIGNER } from './harness';
import { startLiveApp, type LiveApp } from './live-app';
import { sha256Of } from '../../api/evidence/store';

const MB = 1024 * 1024;
const LIMITS = { fileBytes: 3.5 * MB, incidentBytes: 6 * MB };
const codec = new EncryptionCodec([{ keyId: 'test-payload-1', key: randomBytes(32) }]);
const marker = `检查报告-${randomUUID()}`;
const screenshot = png(64, 48, [30, 90, 200], `帖文截图-${randomUUID()}`);
// larger than Temporal's 2 MB payload limit: only its reference may travel
const report = pdf(marker, 3 * MB);
let app: LiveApp;
let id: string;
const logged: string[] = [];

beforeAll(async () => {
  app = await startLiveApp({ codec, deps: { evidenceLimits: LIMITS, log: (line) => logged.push(line) } });
});
afterAll(async () => {
  await app?.env.client.workflow.getHandle(id).terminate('test done').catch(() => undefined);
  await app?.teardown();
});

interface Upload {
  status: number;
  body: any;
}

async function upload(who: Person, bytes: Buffer, name: string, headers: Record<string, string> = { authorization: `Bearer ${token(who)}` }): Promise<Upload> {
  const res = await fetch(`${app.baseUrl}/api/evidence?name=${encodeURIComponent(name)}`, { method: 'POST', headers: { 'content-type': 'application/octet-stream', ...headers }, body: bytes });
  return { status: res.status, body: await res.json() };
}

const download = (who: Person, sha256: string, query = '') => fetch(`${app.baseUrl}/api/incidents/${id}/evidence/${sha256}${query}`, { headers: { authorization: `Bearer ${token(who)}` } });
const state = async (): Promise<IncidentState> => (await asToken(app.baseUrl, 'handler')('GET', `/api/incidents/${id}`)).body.state;
const stored = (sha256: string) => join(app.worker.dataDir, 'evidence', sha256);
const downloads = async () => (await readFile(join(app.worker.dataDir, 'evidence', 'downloads.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));

/** The decision signals as Temporal holds them, decrypted with the key the worker holds. */
async function signalled(name: string): Promise<Record<string, any>[]> {
  const client = new Client({ connection: app.env.connection, namespace: app.env.client.options.namespace, dataConverter: { payloadCodecs: [codec] } });
  const history = await client.workflow.getHandle(id).fetchHistory();
  const signals = (history.events ?? []).map((e) => e.workflowExecutionSignaledEventAttributes).filter((a) => a?.signalName === name);
  return Promise.all(signals.map(async (a) => defaultPayloadConverter.fromPayload((await codec.decode(a!.input!.payloads!))[0]!)));
}

describe('evidence', () => {
  it('a screenshot uploaded and attached at registration is fixed in the incident with its hash, size, type, who and when', async () => {
    const up = await upload('monitor', screenshot, '帖文截图.png');
    expect(up.status).toBe(201);
    expect(up.body).toEqual({ sha256: sha256Of(screenshot), size: screenshot.length, name: '帖文截图.png' });
    // the same file again is the same file: nothing is rewritten
    const sealed = await readFile(stored(up.body.sha256));
    expect((await upload('monitor', screenshot, '帖文截图.png')).body.sha256).toBe(up.body.sha256);
    expect((await readFile(stored(up.body.sha256))).equals(sealed)).toBe(true);

    // whatever the client claims about the file, the API writes what the stored file is
    const started = await asToken(app.baseUrl, 'monitor')('POST', '/api/incidents', incidentBody({
      metrics: { views: 10, comments: 1, reposts: 0, mainstreamSites: 0, mainstreamMedia: false },
      attachments: [{ sha256: up.body.sha256, name: '帖文截图.png', size: 1, type: 'application/pdf', by: { id: 'x', name: 'x', roles: ['admin'] } }],
    }));
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    id = started.body.workflowId;
    const [attached] = (await state()).incident.attachments!;
    expect(attached).toEqual({ sha256: up.body.sha256, size: screenshot.length, type: 'image/png', name: '帖文截图.png', by: { id: 'monitor', name: '信息员小周', roles: ['monitor'] }, at: expect.any(String) });
    // the 专报 lists it with its hash
    await eventually(async () => (await state()).documents.some((d) => d.name === 'special'));
    const special = await asToken(app.baseUrl, 'handler')('GET', `/api/incidents/${id}/documents/special?format=md`);
    expect(special.body).toContain(up.body.sha256);
    expect(special.body).toContain('帖文截图.png');
  });

  it('an inspection report larger than any Temporal payload goes into the signed findings as its hash only, stored sealed', async () => {
    const up = await upload('handler', report, '现场检查报告.pdf');
    expect(up.status).toBe(201);
    await eventually(async () => (await state()).pendingDecisions.some((p) => p.name === 'findingsSubmitted'));
    const res = await asToken(app.baseUrl, 'handler')('POST', `/api/incidents/${id}/decisions/findingsSubmitted`, {
      verdict: 'unfounded', facts: '经现场检查，饭菜正常。', attachments: [{ sha256: up.body.sha256, name: '现场检查报告.pdf' }],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.state.findings.attachments).toEqual([expect.objectContaining({ sha256: sha256Of(report), size: report.length, type: 'application/pdf', by: expect.objectContaining({ id: 'handler' }) })]);

    // in the history: the reference, signed with the decision; altering the hash breaks the signature
    const [sent] = await signalled('findingsSubmitted');
    expect(sent!.attachments).toEqual(res.body.state.findings.attachments);
    const check = (payload: Record<string, any>) =>
      verifyDecision(payload as never, { workflowId: id, name: 'findingsSubmitted', keys: TEST_SIGNER.publicKeys, nowMs: Date.parse(sent!.auth.issuedAt), maxSkewSeconds: 300, usedNonces: new Set() });
    expect(check(sent!)).toEqual({ status: 'signed', keyId: TEST_SIGNER.keyId });
    expect(check({ ...sent, attachments: [{ ...sent!.attachments[0], sha256: sha256Of(screenshot) }] }).status).toBe('invalid');

    // never the bytes: not in the clear, and no event anywhere near the file's size
    const { history } = await app.env.client.workflowService.getWorkflowExecutionHistory({ namespace: app.env.client.options.namespace, execution: { workflowId: id } });
    const raw = Buffer.from(temporal.api.history.v1.History.encode(history ?? {}).finish());
    expect(raw.includes(Buffer.from(marker))).toBe(false);
    expect(raw.length).toBeLessThan(report.length / 4);

    // on disk: ciphertext, private, and neither the marker nor the PDF header
    const file = await readFile(stored(up.body.sha256));
    expect(file.subarray(0, 4).toString()).toBe('YQE1');
    expect(file.includes(Buffer.from(marker))).toBe(false);
    expect(file.includes(Buffer.from('%PDF'))).toBe(false);
    expect((await stat(stored(up.body.sha256))).mode & 0o777).toBe(0o600);
  });

  it('downloads equal the originals, for signed-in people only, and every download is recorded', async () => {
    const got = await download('approver', sha256Of(report));
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('application/pdf');
    expect(got.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('现场检查报告.pdf')}`);
    expect(Buffer.from(await got.arrayBuffer()).equals(report)).toBe(true);
    const thumb = await download('monitor', sha256Of(screenshot), '?inline=1');
    expect(thumb.headers.get('content-disposition')).toMatch(/^inline;/);
    expect(Buffer.from(await thumb.arrayBuffer()).equals(screenshot)).toBe(true);

    expect((await fetch(`${app.baseUrl}/api/incidents/${id}/evidence/${sha256Of(report)}`)).status).toBe(401);
    // only a file one of this incident's records carries
    const stray = await upload('handler', png(8, 8, [1, 2, 3], 'stray'), 'stray.png');
    expect((await download('approver', stray.body.sha256)).status).toBe(404);

    expect(await downloads()).toEqual(expect.arrayContaining([
      expect.objectContaining({ by: 'approver', workflowId: id, sha256: sha256Of(report), name: '现场检查报告.pdf', as: 'attachment', result: 'ok' }),
      expect.objectContaining({ by: 'monitor', sha256: sha256Of(screenshot), as: 'inline', result: 'ok' }),
    ]));
  });

  it('a tampered stored file is detected and shown as such, never served', async () => {
    const path = stored(sha256Of(screenshot));
    const sealed = await readFile(path);
    const altered = Buffer.from(sealed);
    altered[altered.length - 40]! ^= 0xff;
    await writeFile(path, altered);
    const got = await download('approver', sha256Of(screenshot));
    expect(got.status).toBe(409);
    expect(((await got.json()) as { error: unknown }).error).toMatchObject({ code: 'evidence-mismatch', message: expect.stringContaining('不符') });
    expect((await downloads()).at(-1)).toMatchObject({ by: 'approver', sha256: sha256Of(screenshot), result: 'mismatch' });
    expect(logged).toContainEqual(expect.stringMatching(new RegExp(`^evidence-mismatch: ${id} ${sha256Of(screenshot)}`)));
    // nor can it be attached again while damaged
    await eventually(async () => (await state()).pendingDecisions.some((p) => p.name === 'actionRecorded'));
    const attach = await asToken(app.baseUrl, 'handler')('POST', `/api/incidents/${id}/decisions/actionRecorded`, { kind: 'other', description: '保存截图', attachments: [{ sha256: sha256Of(screenshot), name: '帖文截图.png' }] });
    expect(attach.status).toBe(409);
    expect(attach.body.error.code).toBe('evidence-mismatch');
    // a sound upload of the same file repairs it
    expect((await upload('monitor', screenshot, '帖文截图.png')).status).toBe(201);
    expect(Buffer.from(await (await download('approver', sha256Of(screenshot))).arrayBuffer()).equals(screenshot)).toBe(true);
  });

  it('refuses oversized files and what would pass the incident\'s total, naming the limit', async () => {
    const big = await upload('handler', pdf('big', 3.5 * MB + 1), '大文件.pdf');
    expect(big.status).toBe(413);
    expect(big.body.error).toMatchObject({ code: 'too-large', message: expect.stringContaining('YUQING_EVIDENCE_MAX_FILE_MB'), issues: [{ field: 'file', rule: 'fileLimit' }] });
    expect(big.body.error.message).toContain('3.5 MB');

    const another = pdf(`第二份-${randomUUID()}`, 3 * MB);
    const up = await upload('handler', another, '第二份报告.pdf');
    expect(up.status).toBe(201);
    const over = await asToken(app.baseUrl, 'handler')('POST', `/api/incidents/${id}/decisions/actionRecorded`, { kind: 'other', description: '补充材料', attachments: [{ sha256: up.body.sha256, name: '第二份报告.pdf' }] });
    expect(over.status).toBe(413);
    expect(over.body.error).toMatchObject({ code: 'too-large', issues: [{ field: 'attachments', rule: 'incidentLimit' }] });
    expect(over.body.error.message).toContain('YUQING_EVIDENCE_MAX_INCIDENT_MB');
    expect((await state()).actions).toEqual([]);
    // a file the incident holds already counts once: attaching the report again is within the limit
    const again = await asToken(app.baseUrl, 'handler')('POST', `/api/incidents/${id}/decisions/actionRecorded`, { kind: 'other', description: '报告存档', attachments: [{ sha256: sha256Of(report), name: '现场检查报告.pdf' }] });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
  });

  it('refuses disguised and unknown files, and a name changed to disagree with the content', async () => {
    const renamed = await upload('handler', png(), '检查报告.pdf');
    expect(renamed.status).toBe(415);
    expect(renamed.body.error).toMatchObject({ code: 'unsupported-media-type', issues: [{ field: 'file', rule: 'name' }] });
    expect(renamed.body.error.message).toContain('文件名与内容不符');
    for (const [bytes, name] of [[exe(), '截图.png'], [Buffer.from('<html><script>alert(1)</script></html>'), '截图.jpg']] as const) {
      const refused = await upload('handler', bytes, name);
      expect(refused.status).toBe(415);
      expect(refused.body.error.message).toContain('不接受的文件类型');
    }
    const word = await upload('handler', docx('整改通知'), '整改通知.docx');
    expect(word.status).toBe(201);
    const misnamed = await asToken(app.baseUrl, 'handler')('POST', `/api/incidents/${id}/decisions/actionRecorded`, { kind: 'other', description: '整改', attachments: [{ sha256: word.body.sha256, name: '整改通知.pdf' }] });
    expect(misnamed.status).toBe(400);
    expect(misnamed.body.error.issues).toEqual([expect.objectContaining({ field: 'attachments.0', rule: 'name' })]);
  });

  it('takes uploads only from signed-in people who record, with the CSRF token from the page', async () => {
    expect((await upload('handler', png(), 'a.png', {})).status).toBe(401);
    expect((await upload('intake', png(), 'a.png')).status).toBe(403);
    const session = await asSession(app.baseUrl, 'monitor');
    expect((await upload('monitor', png(), 'a.png', { cookie: session.cookie })).status).toBe(403);
    expect((await upload('monitor', png(), 'a.png', { cookie: session.cookie, 'x-csrf-token': session.csrf })).status).toBe(201);
  });
});
