import { describe, expect, it } from 'vitest';
import { canonicalJson, generateSigningKey, publicKeyOf, signDecision, verifyDecision } from '../../domain/rules/signature';
import { people } from '../workflows/fixtures';

const key = { keyId: 'k1', ...generateSigningKey() };
const NOW = Date.parse('2026-11-24T02:00:00Z');
const ctx = { workflowId: 'incident-1', name: 'releaseApproved' as const, keys: [{ keyId: 'k1', publicKey: key.publicKey }], nowMs: NOW, maxSkewSeconds: 300, usedNonces: new Set<string>() };
const sign = (payload = { releaseNo: 1, approve: true, by: people.leader }, over: Partial<Parameters<typeof signDecision>[1]> = {}) =>
  signDecision(payload, { workflowId: 'incident-1', name: 'releaseApproved', keyId: 'k1', privateKey: key.privateKey, issuedAt: new Date(NOW).toISOString(), nonce: 'nonce-0001', ...over });

describe('signed decisions', () => {
  it('canonical JSON does not depend on key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe(canonicalJson({ a: { c: null, d: [1, { y: 2, z: 1 }] }, b: 1 }));
  });

  it('the public key derives from the private one', () => {
    expect(publicKeyOf(key.privateKey)).toBe(key.publicKey);
  });

  it('verifies what the API signed', () => {
    expect(verifyDecision(sign(), ctx)).toEqual({ status: 'signed', keyId: 'k1' });
  });

  it('an unsigned decision is reported as such, not as invalid', () => {
    expect(verifyDecision({ releaseNo: 1, approve: true, by: people.leader }, ctx)).toEqual({ status: 'unsigned' });
  });

  it.each([
    ['an altered payload', () => ({ ...sign(), approve: false })],
    ['another sender named in the payload', () => ({ ...sign(), by: people.leader2 })],
    ['another incident', () => sign(undefined, { workflowId: 'incident-2' })],
    ['another decision', () => sign(undefined, { name: 'releaseReviewed' })],
    ['an unknown key', () => sign(undefined, { keyId: 'k9' })],
    ['a stale signature', () => sign(undefined, { issuedAt: new Date(NOW - 301_000).toISOString() })],
  ])('rejects %s', (_what, make) => {
    expect(verifyDecision(make(), ctx).status).toBe('invalid');
  });

  it('rejects a replayed nonce', () => {
    expect(verifyDecision(sign(), { ...ctx, usedNonces: new Set(['nonce-0001']) })).toMatchObject({ status: 'invalid', reason: expect.stringContaining('重放') });
  });
});
