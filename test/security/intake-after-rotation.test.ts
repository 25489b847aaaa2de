// Attack (on availability): after the API's signing keys are rotated, a monitoring system posts a
// repeat alert with new metrics for an incident that started before. The API must sign them with a
// key that incident trusts, so they land; when it holds none, it must say so (409), not have the
// workflow drop them silently.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentPolicy } from '../../config/policy';
import { keyRingPath, loadSigner, revokeRingKey, rotateKeyRing, signingPolicy } from '../../config/signing';
import type { IncidentState } from '../../domain/model/state';
import { asToken, baseDeps, eventually, listen, testUsers, type Listening } from '../api/harness';
import { startLiveApp, type LiveApp } from '../api/live-app';

const dataDir = mkdtempSync(join(tmpdir(), 'yuqing-intake-keys-'));
const ringFile = keyRingPath(dataDir, {});

/** The API as main.ts builds it from the ring in the data dir, read at start (as after a restart). */
function signingDeps() {
  const signer = loadSigner(dataDir, {});
  return { signer, policy: (now: Date) => ({ ...currentPolicy({ now }), signing: signingPolicy(signer) }) };
}

let app: LiveApp;
const restarted: Listening[] = [];

beforeAll(async () => {
  // the worker trusts what the organisation's ring holds, as a deployment's does
  app = await startLiveApp({ deps: signingDeps(), workerEnv: { YUQING_TRUSTED_KEYS: undefined, YUQING_SIGNING_KEYRING: ringFile } });
});
afterAll(async () => {
  await Promise.all(restarted.map((r) => r.close()));
  await app?.teardown();
});

/** Rotates the ring (and, with `revokeOld`, revokes every earlier key), then starts the API anew on it. */
async function rotateAndRestart(revokeOld = false): Promise<string> {
  const before = loadSigner(dataDir, {}).publicKeys.map((k) => k.keyId);
  rotateKeyRing(ringFile);
  if (revokeOld) for (const keyId of before) revokeRingKey(ringFile, keyId, 'leaked in a test');
  const api = await listen(baseDeps(app.env.client, await testUsers(), { taskQueue: app.worker.taskQueue, dataDir: app.worker.dataDir, ...signingDeps() }));
  restarted.push(api);
  return api.baseUrl;
}

const views = (n: number) => ({ views: n, comments: 0, reposts: 0, mainstreamSites: 0, mainstreamMedia: false });
const alert = (url: string, n: number) => ({ url, channel: 'forum', excerpt: '网传某校食堂饭菜变质', seenAt: new Date().toISOString(), sourceSystem: '甲监测平台', metrics: views(n) });

async function state(baseUrl: string, id: string): Promise<IncidentState> {
  const res = await asToken(baseUrl, 'monitor')('GET', `/api/incidents/${id}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.state;
}

async function startAlertIncident(): Promise<{ url: string; id: string }> {
  const url = `https://bbs.example.cn/thread/${randomUUID()}`;
  const first = await asToken(app.baseUrl, 'intake')('POST', '/api/intake/alerts', alert(url, 100));
  expect(first.status, JSON.stringify(first.body)).toBe(201);
  const id = first.body.workflowId as string;
  await eventually(async () => (await state(app.baseUrl, id)).incident.metrics.views === 100);
  return { url, id };
}

describe('a repeat alert after a signing-key rotation', () => {
  it('updates the running incident\'s metrics, signed with a key it trusts', async () => {
    const { url, id } = await startAlertIncident();
    const baseUrl = await rotateAndRestart();

    const repeat = await asToken(baseUrl, 'intake')('POST', '/api/intake/alerts', alert(url, 4321));
    expect(repeat.status, JSON.stringify(repeat.body)).toBe(200);
    expect(repeat.body).toMatchObject({ workflowId: id, created: false, closed: false });
    await eventually(async () => (await state(baseUrl, id)).incident.metrics.views === 4321, 10_000);
  });

  it('is refused with 409 naming the problem when the API holds none of the incident\'s keys', async () => {
    const { url, id } = await startAlertIncident();
    const baseUrl = await rotateAndRestart(true);

    const repeat = await asToken(baseUrl, 'intake')('POST', '/api/intake/alerts', alert(url, 9999));
    expect(repeat.status, JSON.stringify(repeat.body)).toBe(409);
    expect(repeat.body.error).toMatchObject({ code: 'untrusted-key', message: expect.stringContaining('keys:distribute') });
    expect((await state(baseUrl, id)).incident.metrics.views).toBe(100);
  });
});
