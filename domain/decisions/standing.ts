// Decisions open for the incident's whole life: withdrawal by leadership, and the signing keys.
import { z } from 'zod';
import { SigningKey } from '../model/schema';
import { reason } from './fields';
import { defineDecision, invalid, say } from './spec';

const open = () => [{}];

export const withdraw = defineDecision({
  fields: z.object({ reason }),
  roles: ['approver'],
  standing: true,
  description: '领导撤销事件（重复、与本单位无关）。{reason}',
  descriptionEn: "Leadership withdraws the incident (a duplicate, not this organisation's). {reason}",
  occasions: open,
  apply(s, p, ctx) {
    s.closed = { at: ctx.at, outcome: 'withdrawn', reason: p.reason, ...ctx.mark };
    for (const d of s.deadlines) if (!d.metAt) d.cancelled = true;
    ctx.result.deadlinesChanged = true;
    return say(s)(`撤销：${p.reason}`, `Withdrawn: ${p.reason}`);
  },
});

/** key rotation for running incidents: an admin adds a public key, itself a signed decision */
export const signingKeyAdded = defineDecision({
  fields: SigningKey,
  roles: ['admin'],
  standing: true,
  description: '密钥轮换：管理员以已签名的决定为进行中的事件加入新公钥。{keyId, publicKey(hex)}',
  descriptionEn: "Key rotation: an administrator adds a new public key to a running incident by a signed decision. {keyId, publicKey(hex)}",
  occasions: open,
  check(s, { keyId }) {
    if (s.signing.keyIds.includes(keyId)) return invalid('keyId', 'already present', `密钥 ${keyId} 已存在`);
    if (s.signing.revokedKeyIds?.includes(keyId)) return invalid('keyId', 'revoked keys cannot be trusted again', `密钥 ${keyId} 已撤销，不得再用`);
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
  description: '密钥遗失或外泄：管理员以已签名的决定撤销一把密钥，此后以它签名的决定一律拒收（不得撤销最后一把）。{keyId, reason}',
  descriptionEn: "A key lost or leaked: an administrator revokes it by a signed decision; decisions signed with it are refused from then on (the last key cannot be revoked). {keyId, reason}",
  occasions: open,
  check(s, { keyId }) {
    if (!s.signing.keyIds.includes(keyId)) return invalid('keyId', 'must be a key the incident trusts', `本事件不信任密钥 ${keyId}`);
    if (s.signing.keyIds.length === 1) return invalid('keyId', 'cannot revoke the last trusted key', `${keyId} 是最后一把密钥：请先新增替代密钥`);
    return undefined;
  },
  apply(s, p) {
    s.signing.keyIds = s.signing.keyIds.filter((id) => id !== p.keyId);
    s.signing.revokedKeyIds = [...(s.signing.revokedKeyIds ?? []), p.keyId];
    return say(s)(`${p.keyId}：${p.reason}`, `${p.keyId}: ${p.reason}`);
  },
});
