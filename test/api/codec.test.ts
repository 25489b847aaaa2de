// The codec endpoints the Temporal UI calls, on the real app with the real codec: who may call
// them (session cookie or token, nobody else), what CORS lets the UI origin do, and that what one
// endpoint encodes the other decodes. Temporal itself is not needed: the codec runs in the API.
import { randomBytes } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EncryptionCodec } from '../../codec/encryption';
import { freePort } from '../helpers/ports';
import { anonymous, asSession, asToken, baseDeps, listen, testUsers, type Listening } from './harness';

const UI = 'http://127.0.0.1:8233';
const TITLE = '网传某校食堂饭菜变质';
let app: Listening;
let connection: Connection;

beforeAll(async () => {
  connection = Connection.lazy({ address: `127.0.0.1:${await freePort()}` });
  const codec = new EncryptionCodec([{ keyId: 'test-1', key: randomBytes(32) }]);
  const client = new Client({ connection, dataConverter: { payloadCodecs: [codec] } });
  app = await listen(baseDeps(client, await testUsers(), { temporalUiUrl: UI }));
});
afterAll(async () => {
  await app?.close();
  await connection?.close();
});

const b64 = (s: string) => Buffer.from(s).toString('base64');
const jsonPayload = { metadata: { encoding: b64('json/plain') }, data: b64(JSON.stringify({ title: TITLE })) };

describe('codec endpoints', () => {
  it('refuse a call without a session or token, and one with a wrong token', async () => {
    expect((await anonymous(app.baseUrl)('POST', '/codec/decode', { payloads: [] })).status).toBe(401);
    expect((await anonymous(app.baseUrl)('POST', '/codec/encode', { payloads: [jsonPayload] })).status).toBe(401);
    const wrong = await anonymous(app.baseUrl)('POST', '/codec/decode', { payloads: [] }, { authorization: 'Bearer yq_not_a_token' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('unauthenticated');
  });

  it('encode yields ciphertext and decode gives back the payload, with a token', async () => {
    const call = asToken(app.baseUrl, 'approver');
    const encoded = await call('POST', '/codec/encode', { payloads: [jsonPayload] });
    expect(encoded.status).toBe(200);
    const [sealed] = encoded.body.payloads;
    expect(Buffer.from(sealed.metadata.encoding, 'base64').toString()).toBe('binary/encrypted');
    expect(Buffer.from(sealed.metadata['encryption-key-id'], 'base64').toString()).toBe('test-1');
    expect(Buffer.from(sealed.data, 'base64').includes(Buffer.from(TITLE))).toBe(false);

    const decoded = await call('POST', '/codec/decode', encoded.body);
    expect(decoded.status).toBe(200);
    expect(decoded.body.payloads).toEqual([jsonPayload]);
  });

  it('accepts the session cookie without a CSRF token (the UI cannot send one)', async () => {
    const me = await asSession(app.baseUrl, 'handler');
    const encoded = await asToken(app.baseUrl, 'handler')('POST', '/codec/encode', { payloads: [jsonPayload] });
    const res = await anonymous(app.baseUrl)('POST', '/codec/decode', encoded.body, { cookie: me.cookie, origin: UI, 'x-namespace': 'default' });
    expect(res.status).toBe(200);
    expect(res.body.payloads).toEqual([jsonPayload]);
    expect(res.headers.get('access-control-allow-origin')).toBe(UI);
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
  });

  it('answers the UI origin’s preflight with the headers the UI sends, and no other origin’s', async () => {
    const preflight = (origin: string) =>
      anonymous(app.baseUrl)('OPTIONS', '/codec/decode', undefined, {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type,x-namespace',
      });
    const ok = await preflight(UI);
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe(UI);
    expect(ok.headers.get('access-control-allow-credentials')).toBe('true');
    expect(ok.headers.get('access-control-allow-methods')).toBe('POST');
    expect(ok.headers.get('access-control-allow-headers')?.toLowerCase().split(/,\s*/).sort()).toEqual(['authorization', 'content-type', 'x-namespace']);

    const other = await preflight('http://evil.example');
    expect(other.status).toBe(403);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const read = await asToken(app.baseUrl, 'handler')('POST', '/codec/decode', { payloads: [] }, { origin: 'http://evil.example' });
    expect(read.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('names what is wrong with a malformed body or an undecryptable payload', async () => {
    const call = asToken(app.baseUrl, 'handler');
    const bad = await call('POST', '/codec/decode', { payloads: [{ data: 'not base64!' }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues).toEqual([{ field: 'payloads.0.data', rule: 'must be base64', message: 'payloads.0.data：格式不符' }]);
    const foreign = { metadata: { encoding: b64('binary/encrypted'), 'encryption-key-id': b64('gone') }, data: b64('x'.repeat(40)) };
    const undecryptable = await call('POST', '/codec/decode', { payloads: [foreign] });
    expect(undecryptable.status).toBe(400);
    expect(undecryptable.body.error.message).toContain('key gone, which this process does not hold');
  });
});
