// Payload encryption settings (SPEC §9): on by default; the keys live outside the repo, in
// data/keys/payload.json (mode 0600, created on first start) in the embedded default, or in
// YUQING_PAYLOAD_KEYS (the JSON itself, or the path of a file holding it) in deployments. The
// worker and the API must hold the same keys: each decrypts what the other encrypted.
import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DataConverter } from '@temporalio/common';
import { z } from 'zod';
import { EncryptionCodec, type PayloadKey } from './encryption';
import { ConfigError, parseSettings } from '../config/env';
import { writePrivateFileSync } from '../config/data-dir';
import { PAYLOAD_KEYRING } from '../domain/data-layout';

const PayloadKeyRing = z.object({
  /** oldest first: the last key encrypts, every key decrypts */
  keys: z
    .array(
      z.object({
        keyId: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'letters, digits, . _ - (max 64)'),
        key: z.string().regex(/^[A-Za-z0-9+/]{43}=$/, 'must be 32 bytes as base64'),
        createdAt: z.string().optional(),
      }),
    )
    .min(1, 'needs at least one key')
    .refine((keys) => new Set(keys.map((k) => k.keyId)).size === keys.length, 'key ids must be unique'),
});
type PayloadKeyRing = z.infer<typeof PayloadKeyRing>;

const CodecEnv = z.object({
  YUQING_ENCRYPTION: z.enum(['on', 'off']).default('on'),
  YUQING_PAYLOAD_KEYS: z.string().trim().min(1).optional(),
});

function codecEnv(source: NodeJS.ProcessEnv) {
  return parseSettings(CodecEnv, source);
}

export function encryptionEnabled(source: NodeJS.ProcessEnv = process.env): boolean {
  return codecEnv(source).YUQING_ENCRYPTION === 'on';
}

export function payloadKeysPath(dataDir: string): string {
  return join(dataDir, PAYLOAD_KEYRING);
}

function parseRing(text: string, where: string): PayloadKeyRing {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ConfigError(`${where}: not valid JSON`);
  }
  const parsed = PayloadKeyRing.safeParse(json);
  if (!parsed.success) throw new ConfigError(`${where}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

function readRingFile(path: string, where = path): PayloadKeyRing {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`${where}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  return parseRing(text, where);
}

const newKey = (ring: PayloadKeyRing | undefined, now: Date) => ({
  keyId: `payload-${now.toISOString().slice(0, 10)}-${(ring?.keys.length ?? 0) + 1}`,
  key: randomBytes(32).toString('base64'),
  createdAt: now.toISOString(),
});

const ringText = (ring: PayloadKeyRing) => `${JSON.stringify(ring, null, 2)}\n`;

/**
 * The first process to start creates the ring; link() fails if another one got there first, so
 * the worker and the API starting side by side can never end up with two different keys.
 */
function createRingOnce(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.new`;
  writeFileSync(tmp, ringText({ keys: [newKey(undefined, new Date())] }), { mode: 0o600 });
  try {
    linkSync(tmp, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(tmp);
  }
}

/** Adds a key that encrypts from the next start on; the older keys stay to decrypt what they wrote. */
export function rotatePayloadKeys(path: string, now = new Date()): { keyId: string } {
  const ring = existsSync(path) ? readRingFile(path) : undefined;
  const key = newKey(ring, now);
  writePrivateFileSync(path, ringText({ keys: [...(ring?.keys ?? []), key] }));
  return { keyId: key.keyId };
}

/** The codec this process encrypts with, or undefined when YUQING_ENCRYPTION=off. */
export function loadPayloadCodec(dataDir: string, source: NodeJS.ProcessEnv = process.env): EncryptionCodec | undefined {
  if (codecEnv(source).YUQING_ENCRYPTION === 'off') return undefined;
  return new EncryptionCodec(loadPayloadKeys(dataDir, source));
}

/**
 * The ring's keys, whatever YUQING_ENCRYPTION says: evidence files are sealed with them even where
 * payloads go to Temporal in the clear (codec/evidence-cipher.ts).
 */
export function loadPayloadKeys(dataDir: string, source: NodeJS.ProcessEnv = process.env): PayloadKey[] {
  const env = codecEnv(source);
  let ring: PayloadKeyRing;
  const given = env.YUQING_PAYLOAD_KEYS;
  if (given) {
    ring = given.startsWith('{') ? parseRing(given, 'YUQING_PAYLOAD_KEYS') : readRingFile(given, `YUQING_PAYLOAD_KEYS (${given})`);
  } else {
    const path = payloadKeysPath(dataDir);
    if (!existsSync(path)) createRingOnce(path);
    ring = readRingFile(path);
  }
  return ring.keys.map((k) => ({ keyId: k.keyId, key: Buffer.from(k.key, 'base64') }));
}

/** A path, not an object: the SDK loads a worker's failure converter with require(). */
const FAILURE_CONVERTER_PATH = fileURLToPath(new URL('../codec/failure-converter.cjs', import.meta.url));

/**
 * For a Client or Worker: payloads pass through the codec on their way to and from Temporal, and
 * so do failure messages and stack traces, which the failure converter turns into payloads. A
 * worker's codec hands on what it cannot decrypt as a marker, so a forged signal is rejected by the
 * workflow instead of stalling it; a client's fails loudly.
 */
export function codecDataConverter(codec: EncryptionCodec, opts: { worker?: boolean } = {}): DataConverter {
  return { payloadCodecs: [opts.worker ? codec.forWorker() : codec], failureConverterPath: FAILURE_CONVERTER_PATH };
}

/** The data converter YUQING_ENCRYPTION asks for; undefined (the SDK's plain default) when it is off. */
export function loadDataConverter(dataDir: string, source: NodeJS.ProcessEnv = process.env, opts: { worker?: boolean } = {}): DataConverter | undefined {
  const codec = loadPayloadCodec(dataDir, source);
  return codec && codecDataConverter(codec, opts);
}
