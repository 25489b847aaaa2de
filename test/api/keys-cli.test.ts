// Signing-key rotation through the commands an operator runs: `keys:rotate` adds a key to the API's
// ring; an incident that started before trusts decisions signed with it only after
// `keys:distribute`, which sends it the admin decision signingKeyAdded through the API.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../api/auth/secrets';
import { UserStore } from '../../api/auth/users';
import { currentPolicy } from '../../config/policy';
import { keyRingPath, loadSigner, signingPolicy } from '../../config/signing';
import { decisionSignals } from '../../workflows/incident/definitions';
import { signDecision } from '../../domain/rules/signature';
import type { IncidentState } from '../../domain/model/state';
import { runScript } from './cli-process';
import { type Call, eventually, incidentBody, listen, baseDeps, type Listening } from './harness';
import { startLiveApp, type LiveApp } from './live-app';

const dataDir = mkdtempSync(join(tmpdir(), 'yuqing-keys-'));
const ringFile = keyRingPath(dataDir, {});
const TOKENS = { monitor: `yq_keys_monitor_${randomUUID()}`, admin: `yq_keys_admin_${randomUUID()}` };
const users = new UserStore({
  users: [
    { name: 'monitor', displayName: '信息员小周', roles: ['monitor'], tokenHash: hashToken(TOKENS.monitor) },
    { name: 'admin', displayName: '系统管理员', roles: ['admin'], tokenHash: hashToken(TOKENS.admin) },
  ],
});
const handler = { id: 'handler', name: '经办小李', roles: ['handler' as const] };

let app: LiveApp;
/** the API after its restart: it loads the rotated ring */
let restarted: Listening | undefined;

/** The API as main.ts builds it from the ring in the data dir (read at start, like a restart). */
function apiDeps() {
  const signer = loadSigner(dataDir, {});
  return { users, signer, policy: (now: Date) => ({ ...currentPolicy({ now }), signing: signingPolicy(signer) }) };
}

beforeAll(async () => {
  // the worker trusts what the organisation's ring holds, as a deployment's does
  app = await startLiveApp({ deps: apiDeps(), workerEnv: { YUQING_TRUSTED_KEYS: undefined, YUQING_SIGNING_KEYRING: ringFile } });
});
afterAll(async () => {
  await restarted?.close();
  await app?.teardown();
});

const call = (baseUrl: string, who: keyof typeof TOKENS): Call => async (method, path, body) => {
  const res = await fetch(baseUrl + path, { method, headers: { authorization: `Bearer ${TOKENS[who]}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, headers: res.headers, body: await res.json() };
};

async function register(baseUrl: string): Promise<string> {
  const res = await call(baseUrl, 'monitor')('POST', '/api/incidents', incidentBody());
  expect(res.status).toBe(201);
  return res.body.workflowId;
}

const state = async (id: string): Promise<IncidentState> => (await call(app.baseUrl, 'monitor')('GET', `/api/incidents/${id}`)).body.state;
const keys = (env: NodeJS.ProcessEnv, ...args: string[]) => runScript('scripts/keys.ts', args, { YUQING_DATA_DIR: dataDir, ...env });

/** A report signed with the given ring key and sent to Temporal directly, as a rotated API would sign it. */
async function reportSignedWith(workflowId: string, keyId: string): Promise<void> {
  const ring = JSON.parse(readFileSync(ringFile, 'utf8')) as { keys: { keyId: string; privateKey: string }[] };
  const { privateKey } = ring.keys.find((k) => k.keyId === keyId)!;
  const payload = signDecision({ by: handler, channel: 'written' as const, to: '上级' }, { workflowId, name: 'reportFiled', keyId, privateKey, issuedAt: new Date().toISOString(), nonce: randomUUID() });
  await app.env.client.workflow.getHandle(workflowId).signal(decisionSignals.reportFiled, payload);
}

describe('npm run keys:rotate and keys:distribute', () => {
  it('a running incident accepts decisions signed with the new key only after distribute', async () => {
    const before = await register(app.baseUrl);
    const [firstKey] = (await state(before)).signing.keyIds;

    const rotate = await keys({}, 'rotate');
    expect(rotate.code, rotate.stderr).toBe(0);
    const newKey = /^new signing key (\S+) /.exec(rotate.stdout)?.[1];
    expect(newKey).toBeDefined();
    expect(newKey).not.toBe(firstKey);
    expect(rotate.stdout).toContain('restart the API');
    expect(statSync(ringFile).mode & 0o777).toBe(0o600);

    restarted = await listen(baseDeps(app.env.client, users, { taskQueue: app.worker.taskQueue, dataDir: app.worker.dataDir, ...apiDeps() }));
    const after = await register(restarted.baseUrl);
    expect((await state(after)).signing.keyIds).toEqual([firstKey, newKey]);

    await reportSignedWith(before, newKey!);
    const refused = await eventually(async () => (await state(before)).timeline.find((e) => e.kind === 'rejected'));
    expect(refused.text).toContain('未知的签名密钥');

    const distribute = await keys({}, 'distribute', '--token', TOKENS.admin, '--url', restarted.baseUrl);
    expect(distribute.code, distribute.stderr).toBe(0);
    expect(distribute.stdout).toContain(`active signing key ${newKey}\n2 running incident(s)`);
    expect(distribute.stdout).toMatch(new RegExp(`${before} .* added`));
    expect(distribute.stdout).toMatch(new RegExp(`${after} .* already trusts it`));
    expect((await state(before)).signing.keyIds).toEqual([firstKey, newKey]);

    await reportSignedWith(before, newKey!);
    const taken = await eventually(async () => {
      const s = await state(before);
      return s.reports.length === 1 && s;
    });
    expect(taken.timeline.find((e) => e.kind === 'decision' && e.decision === 'reportFiled')?.signed).toBe(true);

    const again = await keys({}, 'distribute', '--token', TOKENS.admin, '--url', restarted.baseUrl);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(new RegExp(`${before} .* already trusts it`));
  });

  it('distribute needs an admin: anyone else is refused for each incident (exit 1)', async () => {
    expect((await keys({}, 'rotate')).code).toBe(0);
    const run = await keys({}, 'distribute', '--token', TOKENS.monitor, '--url', app.baseUrl);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/failed: forbidden: /);
  });

  it('revoke: the key leaves the ring and every running incident refuses decisions signed with it from then on', async () => {
    const api = restarted!;
    const incident = await register(api.baseUrl);
    const [oldKey, active] = (await state(incident)).signing.keyIds;

    expect((await keys({}, 'revoke', oldKey!, '--token', TOKENS.admin, '--url', api.baseUrl)).stderr).toContain('--reason is required');
    const ringActive = (JSON.parse(readFileSync(ringFile, 'utf8')) as { active: string }).active;
    const refusedActive = await keys({}, 'revoke', ringActive, '--reason', '测试', '--token', TOKENS.admin, '--url', api.baseUrl);
    expect(refusedActive.code).toBe(2);
    expect(refusedActive.stderr).toContain(`${ringActive} is the active key`);

    const run = await keys({}, 'revoke', oldKey!, '--reason', '笔电遗失', '--token', TOKENS.admin, '--url', api.baseUrl);
    expect(run.code, run.stderr + run.stdout).toBe(0);
    expect(run.stdout).toContain(`${oldKey} is revoked in ${ringFile}`);
    expect(run.stdout).toMatch(new RegExp(`${incident} .* revoked`));
    expect(run.stdout).not.toMatch(/failed/);
    const ring = JSON.parse(readFileSync(ringFile, 'utf8')) as { keys: { keyId: string; revoked?: { reason: string } }[] };
    expect(ring.keys.find((k) => k.keyId === oldKey)?.revoked?.reason).toBe('笔电遗失');
    // a restarted API gives new incidents only the keys still good
    expect(loadSigner(dataDir, {}).publicKeys.map((k) => k.keyId)).not.toContain(oldKey);

    expect((await state(incident)).signing.keyIds).toEqual([active]);
    await reportSignedWith(incident, oldKey!);
    const refused = await eventually(async () => (await state(incident)).timeline.find((e) => e.kind === 'rejected'));
    expect(refused.text).toContain(`签名密钥 ${oldKey} 已撤销`);
  });

  it('rotate refuses a deployment whose single key comes from the environment', async () => {
    const run = await keys({ YUQING_SIGNING_KEY: 'ab'.repeat(32) }, 'rotate');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('YUQING_SIGNING_KEY is set');
  });
});
