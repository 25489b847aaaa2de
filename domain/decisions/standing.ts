// Decisions open for the incident's whole life: withdrawal by leadership, and the signing keys.
import { z } from 'zod';
import { SigningKey } from '../model/schema';
import { reason } from './fields';
import { defineDecision, invalid } from './spec';

const open = () => [{}];

export const withdraw = defineDecision({
  fields: z.object({ reason }),
  roles: ['approver'],
  standing: true,
  description: '領導撤銷事件（重複、與本單位無關）。{reason}',
  occasions: open,
  apply(s, p, ctx) {
    s.closed = { at: ctx.at, outcome: 'withdrawn', reason: p.reason, ...ctx.mark };
    for (const d of s.deadlines) if (!d.metAt) d.cancelled = true;
    ctx.result.deadlinesChanged = true;
    return `撤銷：${p.reason}`;
  },
});

/** key rotation for running incidents: an admin adds a public key, itself a signed decision */
export const signingKeyAdded = defineDecision({
  fields: SigningKey,
  roles: ['admin'],
  standing: true,
  description: '金鑰輪換：管理員以已簽名的決定為進行中的事件加入新公鑰。{keyId, publicKey(hex)}',
  occasions: open,
  check(s, { keyId }) {
    if (s.signing.keyIds.includes(keyId)) return invalid('keyId', 'already present', `金鑰 ${keyId} 已存在`);
    if (s.signing.revokedKeyIds?.includes(keyId)) return invalid('keyId', 'revoked keys cannot be trusted again', `金鑰 ${keyId} 已撤銷，不得再用`);
    return undefined;
  },
  apply(s, p) {
    s.signing.addedKeys.push({ keyId: p.keyId, publicKey: p.publicKey });
    s.signing.keyIds.push(p.keyId);
    return p.keyId;
  },
});

/** a lost or leaked key: from then on the incident refuses decisions signed with it */
export const signingKeyRevoked = defineDecision({
  fields: z.object({ keyId: SigningKey.shape.keyId, reason }),
  roles: ['admin'],
  standing: true,
  description: '金鑰遺失或外洩：管理員以已簽名的決定撤銷一把金鑰，此後以它簽名的決定一律拒收（不得撤銷最後一把）。{keyId, reason}',
  occasions: open,
  check(s, { keyId }) {
    if (!s.signing.keyIds.includes(keyId)) return invalid('keyId', 'must be a key the incident trusts', `本事件不信任金鑰 ${keyId}`);
    if (s.signing.keyIds.length === 1) return invalid('keyId', 'cannot revoke the last trusted key', `${keyId} 是最後一把金鑰：請先新增替代金鑰`);
    return undefined;
  },
  apply(s, p) {
    s.signing.keyIds = s.signing.keyIds.filter((id) => id !== p.keyId);
    s.signing.revokedKeyIds = [...(s.signing.revokedKeyIds ?? []), p.keyId];
    return `${p.keyId}：${p.reason}`;
  },
});
