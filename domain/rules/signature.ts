// Signed decisions (SPEC §5 authenticity): the API signs each decision it sends for an
// authenticated user; the workflow verifies with the public keys of its policy snapshot. Pure JS
// (@noble), so the same code signs in the API and verifies inside the workflow sandbox.
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import type { DecisionName } from '../decisions/index';
import type { DecisionAuth, SigningKey, UserRef } from '../model/schema';
import { verifyEd25519 } from './ed25519-verify';
import { DEFAULT_LANG, type Lang } from '../labels';
import { wording } from '../script';

/** JSON with object keys sorted at every level: the same value always encodes to the same bytes. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** SHA-256 of the decision as sent, without its signature block. */
export function payloadHash(payload: Record<string, unknown>): string {
  const { auth: _auth, ...rest } = payload;
  return bytesToHex(sha256(utf8ToBytes(canonicalJson(rest))));
}

interface Signed {
  workflowId: string;
  name: DecisionName;
  hash: string;
  by: UserRef;
  issuedAt: string;
  nonce: string;
  keyId: string;
}

function message(s: Signed): Uint8Array {
  const roles = [...s.by.roles].sort().join(',');
  return utf8ToBytes(['yuqing-decision-v1', s.workflowId, s.name, s.hash, s.by.id, roles, s.issuedAt, s.nonce, s.keyId].join('\n'));
}

export function generateSigningKey(): { privateKey: string; publicKey: string } {
  const { secretKey, publicKey } = ed25519.keygen();
  return { privateKey: bytesToHex(secretKey), publicKey: bytesToHex(publicKey) };
}

export function publicKeyOf(privateKeyHex: string): string {
  return bytesToHex(ed25519.getPublicKey(hexToBytes(privateKeyHex)));
}

/** Returns the payload with its `auth` block; `by` inside the payload is what gets signed. */
export function signDecision<P extends { by: UserRef }>(
  payload: P,
  opts: { workflowId: string; name: DecisionName; keyId: string; privateKey: string; issuedAt: string; nonce: string },
): P & { auth: DecisionAuth } {
  const hash = payloadHash(payload);
  const sig = ed25519.sign(message({ ...opts, hash, by: payload.by }), hexToBytes(opts.privateKey));
  return { ...payload, auth: { keyId: opts.keyId, issuedAt: opts.issuedAt, nonce: opts.nonce, signature: bytesToHex(sig) } };
}

export type Verification = { status: 'signed'; keyId: string } | { status: 'unsigned' } | { status: 'invalid'; reason: string };

export interface VerifyContext {
  workflowId: string;
  name: DecisionName;
  /** the keys trusted now */
  keys: readonly SigningKey[];
  /** keys trusted once and revoked since, named as such when a decision uses one */
  revokedKeyIds?: readonly string[];
  nowMs: number;
  maxSkewSeconds: number;
  usedNonces: ReadonlySet<string>;
  /** the language a refusal's reason is worded in */
  lang?: Lang;
}

export function verifyDecision(payload: Record<string, unknown> & { by: UserRef; auth?: DecisionAuth }, ctx: VerifyContext): Verification {
  const auth = payload.auth;
  if (!auth) return { status: 'unsigned' };
  const key = ctx.keys.find((k) => k.keyId === auth.keyId);
  const w = wording(ctx.lang ?? DEFAULT_LANG);
  if (!key) return { status: 'invalid', reason: ctx.revokedKeyIds?.includes(auth.keyId) ? w(`签名密钥 ${auth.keyId} 已撤销`, `signing key ${auth.keyId} is revoked`) : w(`未知的签名密钥 ${auth.keyId}`, `unknown signing key ${auth.keyId}`) };
  const issued = Date.parse(auth.issuedAt);
  if (Number.isNaN(issued) || Math.abs(ctx.nowMs - issued) > ctx.maxSkewSeconds * 1000) {
    return { status: 'invalid', reason: w(`签发时间 ${auth.issuedAt} 超出允许的 ${ctx.maxSkewSeconds} 秒`, `issued at ${auth.issuedAt}, beyond the ${ctx.maxSkewSeconds} seconds allowed`) };
  }
  if (ctx.usedNonces.has(auth.nonce)) return { status: 'invalid', reason: w('重放的决定（nonce 已使用）', 'a replayed decision (nonce already used)') };
  const signed = message({ workflowId: ctx.workflowId, name: ctx.name, hash: payloadHash(payload), by: payload.by, issuedAt: auth.issuedAt, nonce: auth.nonce, keyId: auth.keyId });
  let ok = false;
  try {
    ok = verifyEd25519(hexToBytes(auth.signature), signed, key.publicKey, hexToBytes(key.publicKey));
  } catch {
    ok = false;
  }
  // a payload altered after signing fails here too: its hash is part of the signed message
  return ok ? { status: 'signed', keyId: key.keyId } : { status: 'invalid', reason: w('签名不符（内容被改动或密钥不符）', 'the signature does not match (content changed or wrong key)') };
}
