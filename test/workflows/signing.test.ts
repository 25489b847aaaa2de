// Decisions no one can forge (SPEC §5): what reaches the workflow without a valid signature from
// the API changes nothing under `reject`, and is visibly marked under `accept-marked`.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decisionSignals, INCIDENT_WORKFLOW } from '../../workflows/incident/definitions';
import { generateSigningKey, signDecision } from '../../domain/rules/signature';
import type { IncidentInput, UserRef } from '../../domain/model/schema';
import type { IncidentState } from '../../domain/model/state';
import { useServerAndWorker } from '../helpers/temporal';
import { send, waitForState } from './driver';
import { incidentInput, METRICS_FOR, people, TEST_KEY } from './fixtures';

const running = useServerAndWorker();

const admin: UserRef = { id: 'root', name: '系统管理员', roles: ['admin'] };
const rejected = (s: IncidentState) => s.timeline.filter((e) => e.kind === 'rejected');

async function start(mode: 'reject' | 'accept-marked' = 'reject', input: IncidentInput = incidentInput({ fields: { metrics: METRICS_FOR.major, category: 'hype' } })) {
  input.policy.signing.unsignedDecisions = mode;
  return running.env().client.workflow.start(INCIDENT_WORKFLOW, { taskQueue: running.worker().taskQueue, workflowId: `signing-${input.requestId}`, args: [input] });
}

function signed(handle: { workflowId: string }, name: 'reportFiled' | 'planDecided' | 'signingKeyAdded' | 'signingKeyRevoked', payload: { by: UserRef } & Record<string, unknown>, key = TEST_KEY, nonce = randomUUID()) {
  return signDecision(payload, { workflowId: handle.workflowId, name, keyId: key.keyId, privateKey: key.privateKey, issuedAt: new Date().toISOString(), nonce });
}

describe('signed decisions', () => {
  it('under reject: a forged approval, a replay, an unknown key and an altered payload are refused and change nothing', async () => {
    const handle = await start('reject');
    // forged: claims to be the leader, sent straight to Temporal
    await handle.signal(decisionSignals.planDecided, { by: people.leader, approve: true });
    const report = signed(handle, 'reportFiled', { by: people.handler, channel: 'written', to: '上级' });
    await handle.signal(decisionSignals.reportFiled, report);
    await handle.signal(decisionSignals.reportFiled, report); // replayed
    const stranger = { keyId: 'stolen', ...generateSigningKey() };
    await handle.signal(decisionSignals.planDecided, signed(handle, 'planDecided', { by: people.leader, approve: true }, stranger));
    await handle.signal(decisionSignals.planDecided, { ...signed(handle, 'planDecided', { by: people.leader, approve: false, comment: '' }), approve: true });

    const s = await waitForState(handle, (x) => rejected(x).length === 4);
    const texts = rejected(s).map((e) => e.text);
    expect(texts[0]).toContain('未签名');
    expect(texts[1]).toContain('重放');
    expect(texts[2]).toContain('未知的签名密钥');
    expect(texts[3]).toContain('签名不符');
    expect(s.reports).toHaveLength(1);
    expect(s.plan).toBeUndefined();
    expect(s.timeline.find((e) => e.decision === 'reportFiled')?.signed).toBe(true);
    await handle.terminate('test done');
  });

  it('under accept-marked: an unsigned decision counts but is marked; a badly signed one is still refused', async () => {
    const handle = await start('accept-marked');
    await send(handle, { name: 'reportFiled', by: people.handler, fields: { channel: 'written', to: '上级' } }, { signed: false });
    const bad = { ...signed(handle, 'planDecided', { by: people.leader, approve: false, comment: '' }), approve: true };
    await handle.signal(decisionSignals.planDecided, bad);
    const s = await waitForState(handle, (x) => x.reports.length === 1 && rejected(x).length === 1);
    const entry = s.timeline.find((e) => e.decision === 'reportFiled')!;
    expect(entry.signed).toBe(false);
    expect(entry.text).toContain('未签名，直接发送至 Temporal');
    expect(s.plan).toBeUndefined();
    // whoever reaches Temporal cannot end the incident: a withdrawal is never taken unsigned
    await send(handle, { name: 'withdraw', by: people.leader, fields: { reason: '与本单位无关' } }, { signed: false });
    const after = await waitForState(handle, (x) => rejected(x).length === 2);
    expect(after.closed).toBeUndefined();
    expect(rejected(after).at(-1)?.text).toContain('未签名的决定不予接受');
    await handle.terminate('test done');
  });

  it('rotation: a new key is trusted by a running incident only after an admin adds it', async () => {
    const handle = await start('reject');
    const next = { keyId: 'key-2027', ...generateSigningKey() };
    await handle.signal(decisionSignals.reportFiled, signed(handle, 'reportFiled', { by: people.handler, channel: 'written', to: '上级' }, next));
    await waitForState(handle, (x) => rejected(x).length === 1);

    // an unsigned admin decision never adds a key, whatever the policy
    await handle.signal(decisionSignals.signingKeyAdded, { by: admin, keyId: next.keyId, publicKey: next.publicKey });
    await handle.signal(decisionSignals.signingKeyAdded, signed(handle, 'signingKeyAdded', { by: admin, keyId: next.keyId, publicKey: next.publicKey }));
    await handle.signal(decisionSignals.reportFiled, signed(handle, 'reportFiled', { by: people.handler, channel: 'written', to: '上级' }, next));
    const s = await waitForState(handle, (x) => x.reports.length === 1);
    expect(rejected(s)).toHaveLength(2);
    expect(s.signing.addedKeys.map((k) => k.keyId)).toEqual(['key-2027']);
    await handle.terminate('test done');
  });

  it('revocation: decisions signed with a revoked key are refused from then on; the last key and a revoked key coming back are refused', async () => {
    const handle = await start('reject');
    const next = { keyId: 'key-2027', ...generateSigningKey() };
    // with one key only, revoking it would leave the incident unable to take any signed decision
    await handle.signal(decisionSignals.signingKeyRevoked, signed(handle, 'signingKeyRevoked', { by: admin, keyId: TEST_KEY.keyId, reason: '遗失' }));
    await waitForState(handle, (x) => rejected(x).length === 1);
    await handle.signal(decisionSignals.signingKeyAdded, signed(handle, 'signingKeyAdded', { by: admin, keyId: next.keyId, publicKey: next.publicKey }));
    // unsigned, it is refused whatever the policy, like adding a key
    await handle.signal(decisionSignals.signingKeyRevoked, { by: admin, keyId: TEST_KEY.keyId, reason: '外泄' });
    await handle.signal(decisionSignals.signingKeyRevoked, signed(handle, 'signingKeyRevoked', { by: admin, keyId: TEST_KEY.keyId, reason: '外泄' }, next));
    await waitForState(handle, (x) => !x.signing.keyIds.includes(TEST_KEY.keyId));

    await handle.signal(decisionSignals.reportFiled, signed(handle, 'reportFiled', { by: people.handler, channel: 'written', to: '上级' }));
    await handle.signal(decisionSignals.signingKeyAdded, signed(handle, 'signingKeyAdded', { by: admin, keyId: TEST_KEY.keyId, publicKey: TEST_KEY.publicKey }, next));
    await handle.signal(decisionSignals.reportFiled, signed(handle, 'reportFiled', { by: people.handler, channel: 'verbal', to: '上级' }, next));
    const s = await waitForState(handle, (x) => x.reports.length === 1 && rejected(x).length === 4);

    expect(s.signing.keyIds).toEqual([next.keyId]);
    expect(s.signing.revokedKeyIds).toEqual([TEST_KEY.keyId]);
    expect(s.reports.map((r) => r.channel)).toEqual(['verbal']);
    const texts = rejected(s).map((e) => e.text);
    expect(texts[0]).toContain('最后一把密钥');
    expect(texts[1]).toContain('未签名');
    expect(texts[2]).toContain(`签名密钥 ${TEST_KEY.keyId} 已撤销`);
    expect(texts[3]).toContain('已撤销，不得再用');
    expect(s.timeline.find((e) => e.decision === 'signingKeyRevoked' && e.kind !== 'rejected')?.text).toBe(`撤销签名密钥｜${TEST_KEY.keyId}：外泄`);
    await handle.terminate('test done');
  });
});
