// Bodies the parser cannot read (an unknown charset or Content-Encoding, a broken gzip stream, JSON
// nested deeper than any form) are the client's fault: a clear 4xx in the API's error shape, no
// stack trace in the reply or the log, and the server goes on serving.
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asToken, incidentBody, type Reply } from '../api/harness';
import { startLiveApp, type LiveApp } from '../api/live-app';

let app: LiveApp;
const logged: string[] = [];
beforeAll(async () => {
  app = await startLiveApp({ deps: { log: (line) => logged.push(line) } });
});
afterAll(async () => {
  await app?.teardown();
});

async function send(path: string, body: string | Buffer, headers: Record<string, string>, who?: 'monitor'): Promise<Reply & { text: string }> {
  const res = await fetch(app.baseUrl + path, {
    method: 'POST',
    headers: { ...(who ? { authorization: `Bearer yq_test_token_${who}` } : {}), ...headers },
    body,
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: JSON.parse(text), text };
}

const STACK = /\n\s+at |\.ts:\d+|node_modules/;

describe.each([
  ['an unknown charset', '/api/login', '{"name":"a","password":"b"}', { 'content-type': 'application/json; charset=klingon' }, 415, 'unsupported-media-type'],
  ['an unknown Content-Encoding', '/api/login', '{"name":"a","password":"b"}', { 'content-type': 'application/json', 'content-encoding': 'klingon' }, 415, 'unsupported-media-type'],
  ['a broken gzip body', '/api/login', Buffer.from('this is not gzip at all'), { 'content-type': 'application/json', 'content-encoding': 'gzip' }, 400, 'invalid-json'],
  ['a truncated gzip body', '/api/incidents', gzipSync('{"title":"x"}').subarray(0, 12), { 'content-type': 'application/json', 'content-encoding': 'gzip' }, 400, 'invalid-json'],
] as const)('%s, unauthenticated', (_what, path, body, headers, status, code) => {
  it(`answers ${status} ${code} without a stack trace`, async () => {
    logged.length = 0;
    const res = await send(path, body, headers);
    expect(res.status, res.text).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(res.text).not.toMatch(STACK);
    expect(logged.join('\n')).not.toMatch(STACK);
  });
});

describe('a 40,000-level nested JSON body on POST /api/incidents', () => {
  it.each([
    ['as the whole body', '['.repeat(40_000) + ']'.repeat(40_000)],
    ['inside a field', `{"title":${'['.repeat(40_000)}${']'.repeat(40_000)}}`],
    // zod strips the unknown field, and the request hash's JSON.stringify then overflowed the stack
    ['beside a valid incident', JSON.stringify({ ...incidentBody(), extra: 'DEEP' }).replace('"DEEP"', '['.repeat(40_000) + ']'.repeat(40_000))],
  ])('%s: answers 413 or 400 in the error shape without a stack trace', async (_where, body) => {
    logged.length = 0;
    const res = await send('/api/incidents', body, { 'content-type': 'application/json' }, 'monitor');
    expect([400, 413], res.text).toContain(res.status);
    expect(res.body.error.code).toMatch(/^(invalid|invalid-json|too-large)$/);
    expect(res.text).not.toMatch(STACK);
    expect(logged.join('\n')).not.toMatch(STACK);
  });
});

it('goes on serving after all of them', async () => {
  const res = await asToken(app.baseUrl, 'monitor')('GET', '/api/incidents');
  expect(res.status).toBe(200);
});
