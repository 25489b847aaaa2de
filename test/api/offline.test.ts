// Everything the API decides before it talks to Temporal (who you are, CSRF, validation, limits,
// headers), and what it says when Temporal is unreachable: here the client points at a closed port.
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/ports';
import { anonymous, asSession, asToken, baseDeps, incidentBody, listen, password, testUsers, type Listening } from './harness';

let app: Listening;
let connection: Connection;

beforeAll(async () => {
  connection = Connection.lazy({ address: `127.0.0.1:${await freePort()}` });
  const client = new Client({ connection });
  app = await listen(baseDeps(client, await testUsers(), { loginLimit: { limit: 3, windowMs: 60_000 }, temporalTimeoutMs: 1_000, bodyLimit: '8kb' }));
});
afterAll(async () => {
  await app?.close();
  await connection?.close();
});

const post = (body: unknown, headers?: Record<string, string>) => asToken(app.baseUrl, 'monitor')('POST', '/api/incidents', body, headers);

describe('sign-in and sessions', () => {
  it('sets an HttpOnly, SameSite=Strict session cookie and returns the user and a CSRF token', async () => {
    const res = await anonymous(app.baseUrl)('POST', '/api/login', { name: 'approver', password: password('approver') });
    expect(res.status).toBe(200);
    expect(res.body.user).toEqual({ id: 'approver', name: '王主任', roles: ['approver'] });
    expect(res.body.csrfToken).toMatch(/^[\w-]{20,}$/);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^yuqing_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
  });

  it('answers the session with the same user and token', async () => {
    const me = await asSession(app.baseUrl, 'handler');
    const res = await me('GET', '/api/session');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ user: { id: 'handler', name: '经办小李', roles: ['handler'] }, csrfToken: me.csrf });
  });

  it('refuses a tampered cookie as unauthenticated', async () => {
    const me = await asSession(app.baseUrl, 'handler');
    const signature = me.cookie.split('.')[1];
    const forged = Buffer.from(JSON.stringify({ u: 'approver', sid: 'x', exp: Date.now() + 1e6 })).toString('base64url');
    const res = await anonymous(app.baseUrl)('GET', '/api/session', undefined, { cookie: `yuqing_session=${forged}.${signature}` });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthenticated');
  });

  it('says 401 without credentials and with a wrong token', async () => {
    expect((await anonymous(app.baseUrl)('GET', '/api/incidents')).status).toBe(401);
    const res = await anonymous(app.baseUrl)('GET', '/api/incidents', undefined, { authorization: 'Bearer yq_wrong' });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: { code: 'unauthenticated', message: 'invalid bearer token' } });
  });

  it('refuses a cookie request that changes state without the CSRF token (403), before anything else', async () => {
    const me = await asSession(app.baseUrl, 'monitor');
    const res = await me('POST', '/api/incidents', incidentBody(), { 'x-csrf-token': 'wrong' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('csrf');
  });

  it('logs out by clearing the cookie, and a copy of the cookie no longer works', async () => {
    const me = await asSession(app.baseUrl, 'monitor');
    const other = await asSession(app.baseUrl, 'monitor');
    expect((await me('GET', '/api/session')).status).toBe(200);
    const res = await me('POST', '/api/logout');
    expect(res.status).toBe(204);
    expect(res.headers.get('set-cookie')).toMatch(/yuqing_session=;.*Expires=Thu, 01 Jan 1970/i);
    // `me` still sends the old cookie, as a copied one would be sent
    expect((await me('GET', '/api/session')).status).toBe(401);
    expect((await me('POST', '/api/incidents', incidentBody())).status).toBe(401);
    // the same person's other session is not touched
    expect((await other('GET', '/api/session')).status).toBe(200);
  });

  it('rate-limits failed sign-ins (429) but never counts successful ones', async () => {
    const anon = anonymous(app.baseUrl);
    const wrong = () => anon('POST', '/api/login', { name: 'office', password: 'nope' });
    expect((await wrong()).status).toBe(401);
    expect((await anon('POST', '/api/login', { name: 'office', password: password('office') })).status).toBe(200);
    expect((await wrong()).status).toBe(401);
    expect((await wrong()).status).toBe(401);
    const limited = await wrong();
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('too-many-requests');
  });
});

describe('validation before Temporal is touched', () => {
  it('names each bad field and the rule it breaks (400)', async () => {
    const res = await post({ title: '', sourceUrls: ['ftp://x'], channel: 'fax', metrics: { views: -1 } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid');
    const fields = res.body.error.issues.map((i: { field: string }) => i.field);
    expect(fields).toEqual(expect.arrayContaining(['title', 'summary', 'sourceUrls.0', 'channel', 'department', 'category', 'metrics.views']));
    expect(fields).not.toContain('discoveredAt'); // empty means now
    for (const issue of res.body.error.issues) expect(issue.rule).toEqual(expect.any(String));
  });

  it('words each issue in plain Simplified Chinese naming the field unless asked for another language, as the form shows them', async () => {
    const zh = {};
    const res = await post({ title: '', summary: 'x'.repeat(4001), sourceUrls: ['ftp://x'], channel: 'fax', metrics: { views: -1, comments: 1.5, reposts: 'many' } }, zh);
    const messages = Object.fromEntries(res.body.error.issues.map((i: { field: string; message: string }) => [i.field, i.message]));
    expect(messages).toMatchObject({
      title: '标题：不能为空',
      summary: '内容摘要：最多 4000 个字',
      'sourceUrls.0': '来源链接第 1 项：须为 http 或 https 链接',
      channel: expect.stringMatching(/^渠道：须为以下之一：微博、微信、/),
      department: '责任部门：必填',
      category: '类别：必填',
      'metrics.views': '浏览量：不能小于 0',
      'metrics.comments': '评论数：须为整数',
      'metrics.reposts': '转发数：须为数字',
    });
    // the whole message too, not "invalid incident: title"
    expect(res.body.error.message).toMatch(/^标题：不能为空；内容摘要：最多 4000 个字；/);
    // the rule stays what scripts match on
    expect(res.body.error.issues.find((i: { field: string }) => i.field === 'title').rule).toBe('Too small: expected string to have >=1 characters');
    const future = await post(incidentBody({ discoveredAt: new Date(Date.now() + 3600_000).toISOString() }), zh);
    expect(future.body.error.issues).toEqual([{ field: 'discoveredAt', rule: 'must not be in the future', message: '发现时间：不能晚于现在' }]);
    const malformed = await post(incidentBody({ discoveredAt: 'yesterday' }), zh);
    expect(malformed.body.error.issues).toEqual([{ field: 'discoveredAt', rule: 'Invalid ISO datetime', message: expect.stringMatching(/^发现时间：须为带时区的时间/) }]);
    const simplified = await post({ ...incidentBody(), title: '' }, { 'accept-language': 'zh-CN' });
    expect(simplified.body.error.message).toBe('标题：不能为空');
    const traditional = await post({ ...incidentBody(), title: '' }, { 'accept-language': 'zh-TW' });
    expect(traditional.body.error.message).toBe('標題：不能為空');
    const english = await post({ ...incidentBody(), title: '' }, { 'accept-language': 'en' });
    expect(english.body.error.message).toBe('invalid incident: Title: must not be empty');
  });

  it('answers a bad decision in Chinese naming the field, before it looks for the incident', async () => {
    const res = await asToken(app.baseUrl, 'handler')('POST', '/api/incidents/incident-20260101-0000000000/decisions/reportFiled', { channel: 'fax', to: '' });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid', message: '渠道：须为以下之一：口头、书面；上报对象：不能为空' });
    expect(res.body.error.issues).toEqual([
      { field: 'channel', rule: expect.stringMatching(/^Invalid option/), message: '渠道：须为以下之一：口头、书面' },
      { field: 'to', rule: 'Too small: expected string to have >=1 characters', message: '上报对象：不能为空' },
    ]);
  });

  it('refuses a discovery time in the future', async () => {
    const res = await post(incidentBody({ discoveredAt: new Date(Date.now() + 3600_000).toISOString() }), { 'accept-language': 'en' });
    expect(res.status).toBe(400);
    expect(res.body.error.issues).toEqual([{ field: 'discoveredAt', rule: 'must not be in the future', message: 'Discovered at: must not be in the future' }]);
    expect(res.body.error.message).toBe('invalid incident: Discovered at: must not be in the future');
  });

  it('refuses a malformed Idempotency-Key', async () => {
    const res = await post(incidentBody(), { 'idempotency-key': 'x y' });
    expect(res.status).toBe(400);
    expect(res.body.error.issues[0].field).toBe('Idempotency-Key');
  });

  it('refuses malformed JSON (400) and a body over the limit (413)', async () => {
    const bad = await post('{"title":');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid-json');
    const big = await post(incidentBody({ summary: 'x'.repeat(9000) }));
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('too-large');
  });

  it('lets only monitors, handlers and admins register incidents (403)', async () => {
    const res = await asToken(app.baseUrl, 'approver')('POST', '/api/incidents', incidentBody());
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
  });

  it('refuses list filters outside their enums, and quotes in the department', async () => {
    const res = await asToken(app.baseUrl, 'monitor')('GET', `/api/incidents?severity=huge&department=${encodeURIComponent("x' OR '1'='1")}`);
    expect(res.status).toBe(400);
    expect(res.body.error.issues.map((i: { field: string }) => i.field).sort()).toEqual(['department', 'severity']);
  });

  it('answers an unknown API path with the JSON 404', async () => {
    const res = await asToken(app.baseUrl, 'monitor')('GET', '/api/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not-found');
  });
});

describe('Temporal unreachable', () => {
  it('is alive (/healthz) but not ready (/readyz 503)', async () => {
    expect((await anonymous(app.baseUrl)('GET', '/healthz')).status).toBe(200);
    const ready = await anonymous(app.baseUrl)('GET', '/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body.error.code).toBe('temporal-unavailable');
  });

  it('answers 503 for a start, a list and a read', async () => {
    const monitor = asToken(app.baseUrl, 'monitor');
    for (const res of [
      await post(incidentBody()),
      await monitor('GET', '/api/incidents'),
      await monitor('GET', '/api/incidents/incident-20260101-0123456789'),
    ]) {
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('temporal-unavailable');
    }
  });
});

describe('pages and headers', () => {
  it('serves the pages with a script-self CSP and the usual security headers', async () => {
    for (const path of ['/', '/login', '/incidents/new', '/incidents/incident-20260101-0123456789']) {
      const res = await anonymous(app.baseUrl)('GET', path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
      expect(res.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.body).not.toMatch(/<script>(?!<\/script>)/); // no inline script: CSP would block it
    }
  });

  it('keeps the static assets inside their folder', async () => {
    const res = await anonymous(app.baseUrl)('GET', '/static/..%2f..%2fapi%2fmain.ts');
    expect(res.status).toBe(404);
  });
});
