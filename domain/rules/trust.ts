// The root of trust is the organisation's configuration, held by the worker, never what a workflow
// was started with: anyone who can start a workflow in Temporal can write a policy snapshot, and a
// snapshot naming the attacker's key under the real key id would make every forgery look signed.
import { z } from 'zod';
import { SigningKey, SigningPolicy } from '../model/schema';
import type { IncidentState } from '../model/state';
import { DEFAULT_LANG, type Lang } from '../labels';
import { wording } from '../script';

export const TrustRoot = z.object({
  /** the keys the organisation signs with now */
  keys: z.array(SigningKey),
  /** keys it signed with once and revoked since: a running incident may still list them */
  retired: z.array(SigningKey).default([]),
  unsignedDecisions: SigningPolicy.shape.unsignedDecisions,
});
export type TrustRoot = z.infer<typeof TrustRoot>;

const same = (a: SigningKey) => (b: SigningKey) => a.keyId === b.keyId && a.publicKey === b.publicKey;

/**
 * What in a snapshot (and, after continue-as-new, the carried state) the organisation does not
 * trust; empty when everything checks. A new incident may name only current keys; a carried one
 * may also still hold a key retired since it started.
 */
export function trustProblems(signing: SigningPolicy, carried: IncidentState['signing'] | undefined, root: TrustRoot, lang: Lang = DEFAULT_LANG): string[] {
  const w = wording(lang);
  const problems: string[] = [];
  for (const key of signing.keys) {
    if (!root.keys.some(same(key)) && !(carried && root.retired.some(same(key)))) problems.push(w(`密钥 ${key.keyId} 不是本单位的签名公钥`, `key ${key.keyId} is not one of the organisation's signing keys`));
  }
  for (const key of carried?.addedKeys ?? []) {
    if (![...root.keys, ...root.retired].some(same(key))) problems.push(w(`延续状态中的密钥 ${key.keyId} 不是本单位的签名公钥`, `key ${key.keyId} in the carried state is not one of the organisation's signing keys`));
  }
  const known = new Set([...signing.keys, ...(carried?.addedKeys ?? [])].map((k) => k.keyId));
  for (const id of carried?.keyIds ?? []) if (!known.has(id)) problems.push(w(`延续状态信任未知的密钥 ${id}`, `the carried state trusts an unknown key ${id}`));
  if (signing.unsignedDecisions === 'accept-marked' && root.unsignedDecisions === 'reject') problems.push(w('本单位不接受未签名的决定，事件却设为接受', 'the organisation refuses unsigned decisions, yet the incident accepts them'));
  return problems;
}
