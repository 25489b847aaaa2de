// Attack: whoever can start a workflow in Temporal writes the policy snapshot. Naming their own
// public key under the organisation's real key id there would make every decision they forge look
// signed, so they could take an incident to its published release and its documents alone. The
// root of trust is the worker's configuration: such an incident is refused before it does anything,
// and so is one more permissive about unsigned decisions than the organisation, or one whose
// carried (continue-as-new) state trusts a key the organisation does not.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ApplicationFailure, type WorkflowHandle, WorkflowFailedError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentsFolder, releasesFolder } from '../../domain/data-layout';
import { signParsed } from '../../domain/decisions/admission';
import { initialState } from '../../domain/incident/initial-state';
import type { IncidentInput } from '../../domain/model/schema';
import type { IncidentState } from '../../domain/model/state';
import { generateSigningKey } from '../../domain/rules/signature';
import { decisionSignals, INCIDENT_WORKFLOW, stateQuery } from '../../workflows/incident/definitions';
import { type RunningWorker, startTestServer, startWorker } from '../helpers/temporal';
import { driveToEnd, nextDecision, send } from '../workflows/driver';
import { incidentInput, METRICS_FOR, people, TEST_KEY } from '../workflows/fixtures';

/** the attacker's own key pair, filed under the organisation's key id */
const ATTACKER = { keyId: TEST_KEY.keyId, ...generateSigningKey() };

let env: TestWorkflowEnvironment;
/** the organisation of the other tests: trusts TEST_KEY, lets incidents choose accept-marked */
let lenient: RunningWorker;
/** an organisation that never takes unsigned decisions */
let strict: RunningWorker;
beforeAll(async () => {
  env = await startTestServer();
  [lenient, strict] = await Promise.all([startWorker(env), startWorker(env, { env: { YUQING_UNSIGNED_DECISIONS: 'reject' } })]);
});
afterAll(async () => {
  await Promise.all([lenient?.stop(), strict?.stop()]);
  await env?.teardown();
});

/** A significant incident, so a release is required and the whole way to publishing is open to a forger. */
const input = (mode: 'reject' | 'accept-marked' = 'reject', keys = [{ keyId: TEST_KEY.keyId, publicKey: TEST_KEY.publicKey }]): IncidentInput => {
  const i = incidentInput({ fields: { metrics: METRICS_FOR.major, category: 'hype' } });
  i.policy.signing = { ...i.policy.signing, unsignedDecisions: mode, keys };
  return i;
};

const start = (worker: RunningWorker, i: IncidentInput, carried?: IncidentState) =>
  env.client.workflow.start(INCIDENT_WORKFLOW, { taskQueue: worker.taskQueue, workflowId: `trust-${randomUUID()}`, args: carried ? [i, carried] : [i] });

/** Plays the whole duty team with the attacker's key, for as long as the incident takes signals. */
async function forgeToEnd(handle: WorkflowHandle, timeoutMs = 30_000): Promise<number> {
  let sent = 0;
  for (const until = Date.now() + timeoutMs; Date.now() < until; ) {
    if ((await handle.describe()).status.name !== 'RUNNING') return sent;
    const step = nextDecision(await handle.query(stateQuery));
    if (!step) {
      await sleep(50);
      continue;
    }
    const payload = { ...step.fields, by: step.by };
    const forged = signParsed(step.name, payload, { workflowId: handle.workflowId, keyId: ATTACKER.keyId, privateKey: ATTACKER.privateKey, issuedAt: new Date().toISOString(), nonce: randomUUID() });
    try {
      await handle.signal(decisionSignals[step.name], forged);
      sent++;
    } catch {
      return sent; // closed meanwhile
    }
    await sleep(100);
  }
  return sent;
}

/** The failure the workflow ended with, or a test failure saying it did not fail (soon: a refusal comes first). */
async function refusal(handle: WorkflowHandle): Promise<ApplicationFailure> {
  const error = await Promise.race([
    handle.result().then(
      () => 'completed',
      (e: unknown) => e,
    ),
    sleep(15_000, 'still running'),
  ]);
  expect(error).toBeInstanceOf(WorkflowFailedError);
  const cause = (error as WorkflowFailedError).cause;
  expect(cause).toBeInstanceOf(ApplicationFailure);
  expect((cause as ApplicationFailure).type).toBe('UntrustedIncident');
  return cause as ApplicationFailure;
}

const rendered = (worker: RunningWorker, id: string) => existsSync(join(worker.dataDir, documentsFolder(id)));
const published = (worker: RunningWorker, id: string) => existsSync(join(worker.dataDir, releasesFolder(id)));

describe('the root of trust is the worker\'s configuration, not the incident\'s input', () => {
  it('an incident naming the attacker\'s key under the real key id is refused; nothing forged is applied, rendered or published', async () => {
    const handle = await start(lenient, input('reject', [{ keyId: ATTACKER.keyId, publicKey: ATTACKER.publicKey }]));
    await forgeToEnd(handle);
    const failure = await refusal(handle);
    expect(failure.message).toContain(`密钥 ${TEST_KEY.keyId} 不是本单位的签名公钥`);

    const s = await handle.query(stateQuery);
    expect(s.timeline.filter((e) => e.decision)).toEqual([]);
    expect(s.reports).toEqual([]);
    expect(s.plan).toBeUndefined();
    expect(s.releases).toEqual([]);
    expect(s.documents).toEqual([]);
    expect(rendered(lenient, handle.workflowId)).toBe(false);
    expect(published(lenient, handle.workflowId)).toBe(false);
  });

  it('a snapshot accepting unsigned decisions, on an organisation that rejects them, is refused and takes none', async () => {
    const handle = await start(strict, input('accept-marked'));
    await send(handle, { name: 'reportFiled', by: people.handler, fields: { channel: 'written', to: '上级宣传部' } }, { signed: false }).catch(() => {});
    const failure = await refusal(handle);
    expect(failure.message).toContain('本单位不接受未签名的决定');
    expect((await handle.query(stateQuery)).reports).toEqual([]);
  });

  it('a carried state trusting a foreign key is refused', async () => {
    const i = input();
    const foreign = { keyId: 'carried-key', publicKey: generateSigningKey().publicKey };
    const carried = initialState(i, 'carried', Date.now());
    carried.signing = { ...carried.signing, keyIds: [...carried.signing.keyIds, foreign.keyId], addedKeys: [foreign] };
    const handle = await start(lenient, i, carried);
    const failure = await refusal(handle);
    expect(failure.message).toContain(`延续状态中的密钥 ${foreign.keyId} 不是本单位的签名公钥`);
  });

  it('control: the organisation\'s own key runs an incident to its end, rendered and published', async () => {
    const handle = await start(lenient, input());
    const s = await driveToEnd(handle);
    expect(s.closed?.outcome).toBe('completed');
    expect(s.releases.some((r) => r.status === 'published')).toBe(true);
    expect(rendered(lenient, handle.workflowId)).toBe(true);
    expect(published(lenient, handle.workflowId)).toBe(true);
  });
});
