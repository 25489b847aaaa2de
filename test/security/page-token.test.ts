// A pageToken that no previous page handed out is the client's mistake: 400 naming the field,
// not a 503 that tells the client Temporal is down and to try the same request again.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { asSession, incidentBody } from '../api/harness';
import { startLiveApp, type LiveApp } from '../api/live-app';

let app: LiveApp;
beforeAll(async () => {
  app = await startLiveApp();
});
afterAll(async () => {
  await app?.teardown();
});

it.each(['AAAA', 'bm90LWEtdG9rZW4', 'x'.repeat(400)])('answers 400 naming pageToken for the forged token %s', async (pageToken) => {
  const monitor = await asSession(app.baseUrl, 'monitor');
  const res = await monitor('GET', `/api/incidents?pageToken=${pageToken}`);
  expect(res.status, JSON.stringify(res.body)).toBe(400);
  expect(res.body.error.code).toBe('invalid');
  expect(res.body.error.issues.map((i: { field: string }) => i.field)).toEqual(['pageToken']);
});

it('still pages with the token a previous page handed out', async () => {
  const monitor = await asSession(app.baseUrl, 'monitor');
  for (let i = 0; i < 3; i++) expect((await monitor('POST', '/api/incidents', incidentBody(), { 'idempotency-key': randomUUID() })).status).toBe(201);
  let first;
  for (const until = Date.now() + 15_000; Date.now() < until; await new Promise((r) => setTimeout(r, 200))) {
    first = await monitor('GET', '/api/incidents?pageSize=2');
    if (first.body.items.length === 2 && first.body.nextPageToken) break;
  }
  expect(first!.body.nextPageToken).toBeTruthy();
  const second = await monitor('GET', `/api/incidents?pageSize=2&pageToken=${first!.body.nextPageToken}`);
  expect(second.status).toBe(200);
  expect(second.body.items).toHaveLength(1);
  // a token belongs to its list: with other filters it is refused, not applied to a different query
  const other = await monitor('GET', `/api/incidents?pageSize=2&category=hype&pageToken=${first!.body.nextPageToken}`);
  expect(other.status).toBe(400);
  expect(other.body.error.issues[0].field).toBe('pageToken');
});
