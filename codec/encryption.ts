// AES-256-GCM payload codec (SPEC §9 confidential): every payload leaves the process encrypted,
// so the Temporal database, its UI and anyone who can read either see only ciphertext. The key
// id travels in the payload's metadata, so after a rotation the old keys still decrypt what they
// wrote while the newest key encrypts everything new.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { METADATA_ENCODING_KEY, ValueError, type Payload, type PayloadCodec } from '@temporalio/common';
// a CommonJS module: node's ESM loader sees only its default export
import proto from '@temporalio/proto';
import { UNDECODABLE_ENCODING } from './undecodable';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';
const CIPHER = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const ProtoPayload = proto.temporal.api.common.v1.Payload;

export interface PayloadKey {
  keyId: string;
  /** 32 bytes */
  key: Buffer;
}

const text = (bytes: Uint8Array | null | undefined) => (bytes ? Buffer.from(bytes).toString('utf8') : undefined);

export class EncryptionCodec implements PayloadCodec {
  private readonly byId: Map<string, Buffer>;
  private readonly newest: PayloadKey;

  /**
   * `keys` oldest first: the last one encrypts, all of them decrypt. `tolerant` (the worker's
   * mode) hands an undecodable payload on as a marker rather than failing the workflow task.
   */
  constructor(
    private readonly keys: readonly PayloadKey[],
    private readonly tolerant = false,
  ) {
    const newest = keys.at(-1);
    if (!newest) throw new ValueError('EncryptionCodec needs at least one key');
    for (const k of keys) if (k.key.length !== 32) throw new ValueError(`payload key ${k.keyId} must be 32 bytes, not ${k.key.length}`);
    this.newest = newest;
    this.byId = new Map(keys.map((k) => [k.keyId, k.key]));
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv(CIPHER, this.newest.key, iv);
      // the whole payload, metadata included: its encoding says what kind of data it is
      const plain = ProtoPayload.encode(payload).finish();
      const sealed = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
      return {
        metadata: { [METADATA_ENCODING_KEY]: Buffer.from(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: Buffer.from(this.newest.keyId) },
        data: sealed,
      };
    });
  }

  /** The same keys, for a worker: see the constructor. */
  forWorker(): EncryptionCodec {
    return new EncryptionCodec(this.keys, true);
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    if (!this.tolerant) return payloads.map((payload) => this.open(payload));
    return payloads.map((payload) => {
      try {
        return this.open(payload);
      } catch (error) {
        return { metadata: { [METADATA_ENCODING_KEY]: Buffer.from(UNDECODABLE_ENCODING) }, data: Buffer.from((error as Error).message) };
      }
    });
  }

  private open(payload: Payload): Payload {
    // histories written before encryption was switched on stay readable
    if (text(payload.metadata?.[METADATA_ENCODING_KEY]) !== ENCRYPTED_ENCODING) return payload;
    const keyId = text(payload.metadata?.[KEY_ID_METADATA]) ?? '(none)';
    const key = this.byId.get(keyId);
    if (!key) throw new ValueError(`payload encrypted with key ${keyId}, which this process does not hold`);
    const sealed = Buffer.from(payload.data ?? new Uint8Array());
    if (sealed.length < IV_BYTES + TAG_BYTES) throw new ValueError(`payload encrypted with key ${keyId} is truncated`);
    const decipher = createDecipheriv(CIPHER, key, sealed.subarray(0, IV_BYTES));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    let plain: Buffer;
    try {
      plain = Buffer.concat([decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
    } catch {
      throw new ValueError(`payload encrypted with key ${keyId} does not authenticate (altered, or a different key under the same id)`);
    }
    return ProtoPayload.decode(plain);
  }
}
