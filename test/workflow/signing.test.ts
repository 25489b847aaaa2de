// Decisions no one can forge (SPEC §5): what reaches the workflow without a valid signature from
// the API changes nothing under `reject`, and is visibly marked under `accept-marked`.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decisionSignals, INCIDENT_WORKFLOW } from '../../workflows/definitions';
import { generateSigningKey, signDecision } from '../../workflows/rules/signature';
import type { IncidentInput, UserRef } from '../../workflows/schema';
import type { IncidentState } from '../../workflows/state';
import { useServerAndWorker } from '../helpers/temporal';
import { send, waitForState } from './driver';
import { incidentInput, METRICS_FOR, people, TEST_KEY } from './fixtures';

const running = useServerAndWorker();

const admin: UserRef = { id: 'root', name: '系統管理員', roles: ['admin'] };
const rejected = (s: IncidentState) => s.timeline.filter((e) => e.kind === 'rejected');

async function start(mode: 'reject' | 'accept-marked' = 'reject', input: IncidentInput = incidentInput({ fields: { metrics: METRICS_FOR.major, category: 'hype' } })) {
  input.policy.signing.unsignedDecisions = mode;
  return running.env().client.workflow.start(INCIDENT_WORKFLOW, { taskQueue: running.worker().taskQueue, workflowId: `signing-${input.requestId}`, args: [input] });
}

function signed(handle: { workflowId: string }, name: 'reportFiled' | 'planDecided' | 'signingKeyAdded', payload: { by: UserRef } & Record<string, unknown>, key = TEST_KEY, nonce = randomUUID()) {
  return signDecision(payload, { workflowId: handle.workflowId, name, keyId: key.keyId, privateKey: key.privateKey, issuedAt: new Date().toISOString(), nonce });
}

describe('signed decisions', () => {
  it('under reject: a forged approval, a replay, an unknown key and an altered payload are refused and change nothing', async () => {
    const handle = await start('reject');
    // forged: claims to be the leader, sent straight to Temporal
    await handle.signal(decisionSignals.planDecided, { by: people.leader, approve: true });
    const report = signed(handle, 'reportFiled', { by: people.handler, channel: 'written', to: '上級' });
    await handle.signal(decisionSignals.reportFiled, report);
    await handle.signal(decisionSignals.reportFiled, report); // replayed
    const stranger = { keyId: 'stolen', ...generateSigningKey() };
    await handle.signal(decisionSignals.planDecided, signed(handle, 'planDecided', { by: people.leader, approve: true }, stranger));
    await handle.signal(decisionSignals.planDecided, { ...signed(handle, 'planDecided', { by: people.leader, approve: false, comment: '' }), approve: true });

    const s = await waitForState(handle, (x) => rejected(x).length === 4);
    const texts = rejected(s).map((e) => e.text);
    expect(texts[0]).toContain('未簽名');
    expect(texts[1]).toContain('重放');
    expect(texts[2]).toContain('未知的簽名金鑰');
    expect(texts[3]).toContain('簽名不符');
    expect(s.reports).toHaveLength(1);
    expect(s.plan).toBeUndefined();
    expect(s.timeline.find((e) => e.decision === 'reportFiled')?.signed).toBe(true);
    await handle.terminate('test done');
  });

  it('under accept-marked: an unsigned decision counts but is marked; a badly signed one is still refused', async () => {
    const handle = await start('accept-marked');
    await send(handle, { name: 'reportFiled', by: people.handler, fields: { channel: 'written', to: '上級' } }, { signed: false });
    const bad = { ...signed(handle, 'planDecided', { by: people.leader, approve: false, comment: '' }), approve: true };
    await handle.signal(decisionSignals.planDecided, bad);
    const s = await waitForState(handle, (x) => x.reports.length === 1 && rejected(x).length === 1);
    const entry = s.timeline.find((e) => e.decision === 'reportFiled')!;
    expect(entry.signed).toBe(false);
    expect(entry.text).toContain('未簽名，直接發送至 Temporal');
    expect(s.plan).toBeUndefined();
    await handle.terminate('test done');
  });

  it('rotation: a new key is trusted by a running incident only after an admin adds it', async () => {
    const handle = await start('reject');
    const next = { keyId: 'key-2027', ...generateSigningKey() };
    await handle.signal(decisionSignals.reportFiled, signed(handle, 'reportFiled', { by: people.handler, channel: 'written', to: '上級' }, next));
    await waitForState(handle, (x) => rejected(x).length === 1);

    // an unsigned admin decision never adds a key, whatever the policy
    await handle.signal(decisionSignals.signingKeyAdded, { by: admin, keyId: next.keyId, publicKey: next.publicKey });
    await handle.signal(decisionSignals.signingKeyAdded, signed(handle, 'signingKeyAdded', { by: admin, keyId: next.keyId, publicKey: next.publicKey }));
    await handle.signal(decisionSignals.reportFiled, signed(handle, 'reportFiled', { by: people.handler, channel: 'written', to: '上級' }, next));
    const s = await waitForState(handle, (x) => x.reports.length === 1);
    expect(rejected(s)).toHaveLength(2);
    expect(s.signing.addedKeys.map((k) => k.keyId)).toEqual(['key-2027']);
    await handle.terminate('test done');
  });
});
