// The API's decision-signing keys (SPEC §5 authenticity). Private keys never enter Temporal: only
// the public halves go into each incident's policy snapshot. Kept in a key ring file outside the
// repo (data/keys/, mode 0600) in the embedded default, or given by the environment in deployments.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { randomUUID } from 'node:crypto';
import { signParsed } from '../domain/decisions/admission';
import { generateSigningKey, publicKeyOf } from '../domain/rules/signature';
import type { DecisionName } from '../domain/decisions/index';
import { SigningKey, type SigningPolicy, type UserRef } from '../domain/model/schema';
import type { TrustRoot } from '../domain/rules/trust';
import { DECISION_SIGNING_KEYRING } from '../domain/data-layout';
import { ConfigError, parseSettings } from './env';
import { writePrivateFileSync } from './data-dir';

const KeyRing = z.object({
  /** the key new decisions are signed with */
  active: z.string().min(1),
  keys: z
    .array(
      z.object({
        keyId: z.string().min(1),
        privateKey: z.string().regex(/^[0-9a-f]{64}$/, 'must be 32 bytes as hex'),
        createdAt: z.string(),
        /** kept so the ring says what happened to it; never signs or goes into a new incident again */
        revoked: z.object({ at: z.string(), reason: z.string() }).optional(),
      }),
    )
    .min(1),
});
type KeyRing = z.infer<typeof KeyRing>;

export interface DecisionSigner {
  /** the key new decisions are signed with, when the incident trusts it */
  keyId: string;
  /** newest first: an incident started before a rotation is signed for with a key it knows */
  privateKeys: { keyId: string; privateKey: string }[];
  /** every key of the ring but the revoked: incidents started now trust decisions signed with any of them */
  publicKeys: SigningKey[];
  unsignedDecisions: SigningPolicy['unsignedDecisions'];
}

/** What a new incident's policy snapshot says about signatures. */
export function signingPolicy(signer: DecisionSigner): SigningPolicy {
  return { unsignedDecisions: signer.unsignedDecisions, keys: signer.publicKeys, maxSkewSeconds: 300 };
}

/** Signs a decision for an incident with the active key, or the newest ring key that incident trusts. */
export function signFor<P extends { by: UserRef }>(signer: DecisionSigner, trustedKeyIds: readonly string[], workflowId: string, name: DecisionName, payload: P) {
  const key = signer.privateKeys.find((k) => k.keyId === signer.keyId && trustedKeyIds.includes(k.keyId)) ?? signer.privateKeys.find((k) => trustedKeyIds.includes(k.keyId));
  if (!key) return undefined;
  return signParsed(name, payload, { workflowId, keyId: key.keyId, privateKey: key.privateKey, issuedAt: new Date().toISOString(), nonce: randomUUID() });
}

const SigningEnv = z.object({
  /** a deployment's key, as hex; takes precedence over the key ring file */
  YUQING_SIGNING_KEY: z.string().regex(/^[0-9a-f]{64}$/, 'must be 32 bytes as lowercase hex').optional(),
  YUQING_SIGNING_KEY_ID: z.string().min(1).default('deploy-1'),
  YUQING_SIGNING_KEYRING: z.string().optional(),
  YUQING_UNSIGNED_DECISIONS: z.enum(['reject', 'accept-marked']).default('reject'),
});

export function keyRingPath(dataDir: string, source: NodeJS.ProcessEnv = process.env): string {
  return source.YUQING_SIGNING_KEYRING ?? join(dataDir, DECISION_SIGNING_KEYRING);
}

function writeRing(path: string, ring: KeyRing): void {
  writePrivateFileSync(path, `${JSON.stringify(ring, null, 2)}\n`);
}

function readRing(path: string): KeyRing {
  const parsed = KeyRing.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new ConfigError(`${path}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const active = parsed.data.keys.find((k) => k.keyId === parsed.data.active);
  if (!active) throw new ConfigError(`${path}: active key ${parsed.data.active} is not in keys`);
  if (active.revoked) throw new ConfigError(`${path}: active key ${parsed.data.active} is revoked: run npm run keys:rotate for a new one`);
  return parsed.data;
}

/** Adds a new key and makes it the active one; the old keys stay so running incidents keep verifying. */
export function rotateKeyRing(path: string, now = new Date()): { keyId: string; publicKey: string } {
  const ring = existsSync(path) ? readRing(path) : { active: '', keys: [] };
  const keyId = `key-${now.toISOString().slice(0, 10)}-${ring.keys.length + 1}`;
  const { privateKey, publicKey } = generateSigningKey();
  writeRing(path, { active: keyId, keys: [...ring.keys, { keyId, privateKey, createdAt: now.toISOString() }] });
  return { keyId, publicKey };
}

export class KeyRevocationError extends Error {}

/** Marks a ring key revoked; the active key cannot be (rotate first, so the API has one to sign with). */
export function revokeRingKey(path: string, keyId: string, reason: string, now = new Date()): void {
  if (!existsSync(path)) throw new KeyRevocationError(`no signing key ring at ${path}`);
  const ring = readRing(path);
  const key = ring.keys.find((k) => k.keyId === keyId);
  if (!key) throw new KeyRevocationError(`${keyId} is not a key of ${path} (its keys: ${ring.keys.map((k) => k.keyId).join(', ')})`);
  if (ring.active === keyId) throw new KeyRevocationError(`${keyId} is the active key: run npm run keys:rotate and restart the API first, so it signs with a new one`);
  if (key.revoked) return;
  key.revoked = { at: now.toISOString(), reason };
  writeRing(path, ring);
}

export function loadSigner(dataDir: string, source: NodeJS.ProcessEnv = process.env): DecisionSigner {
  const env = parseSettings(SigningEnv, source);
  if (env.YUQING_SIGNING_KEY) {
    const publicKey = publicKeyOf(env.YUQING_SIGNING_KEY);
    const keyId = env.YUQING_SIGNING_KEY_ID;
    return { keyId, privateKeys: [{ keyId, privateKey: env.YUQING_SIGNING_KEY }], publicKeys: [{ keyId, publicKey }], unsignedDecisions: env.YUQING_UNSIGNED_DECISIONS };
  }
  const path = keyRingPath(dataDir, source);
  if (!existsSync(path)) rotateKeyRing(path);
  const ring = readRing(path);
  const usable = ring.keys.filter((k) => !k.revoked);
  return {
    keyId: ring.active,
    privateKeys: usable.map(({ keyId, privateKey }) => ({ keyId, privateKey })).reverse(),
    publicKeys: usable.map((k) => ({ keyId: k.keyId, publicKey: publicKeyOf(k.privateKey) })),
    unsignedDecisions: env.YUQING_UNSIGNED_DECISIONS,
  };
}

const TrustEnv = z.object({
  /** the public keys a worker trusts, as JSON [{keyId, publicKey}]: for workers that hold no ring */
  YUQING_TRUSTED_KEYS: z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be JSON' });
        return z.NEVER;
      }
    })
    .pipe(z.array(SigningKey).min(1))
    .optional(),
});

/**
 * The organisation's own word on which keys sign its decisions, read afresh at each call because
 * the API may make the ring after the worker started: YUQING_TRUSTED_KEYS, else the deployment's
 * key, else the ring (which only the API creates). Public halves only.
 */
export function loadTrustRoot(dataDir: string, source: NodeJS.ProcessEnv = process.env): TrustRoot {
  const env = parseSettings(SigningEnv.extend(TrustEnv.shape), source);
  const unsignedDecisions = env.YUQING_UNSIGNED_DECISIONS;
  if (env.YUQING_TRUSTED_KEYS) return { keys: env.YUQING_TRUSTED_KEYS, retired: [], unsignedDecisions };
  if (env.YUQING_SIGNING_KEY) return { keys: [{ keyId: env.YUQING_SIGNING_KEY_ID, publicKey: publicKeyOf(env.YUQING_SIGNING_KEY) }], retired: [], unsignedDecisions };
  const path = keyRingPath(dataDir, source);
  if (!existsSync(path)) throw new ConfigError(`no decision-signing key ring at ${path} yet: the API makes it at its first start`);
  const ring = readRing(path);
  const pub = (k: KeyRing['keys'][number]) => ({ keyId: k.keyId, publicKey: publicKeyOf(k.privateKey) });
  return { keys: ring.keys.filter((k) => !k.revoked).map(pub), retired: ring.keys.filter((k) => k.revoked).map(pub), unsignedDecisions };
}
