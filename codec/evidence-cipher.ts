// Evidence files at rest, sealed with the same key ring as the payloads (AES-256-GCM): a file is
// `YQE1`, the key id's length and the key id, a 12-byte nonce, the ciphertext and its 16-byte tag.
// After a rotation the newest key seals new files and the older keys still open what they sealed.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { PayloadKey } from './encryption';

const MAGIC = Buffer.from('YQE1');
const CIPHER = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The file does not open: altered, truncated, or sealed with a key this process lacks. */
export class EvidenceUnreadable extends Error {}

export class EvidenceCipher {
  private readonly byId: Map<string, Buffer>;
  private readonly newest: PayloadKey;

  /** `keys` oldest first, as in the ring */
  constructor(keys: readonly PayloadKey[]) {
    const newest = keys.at(-1);
    if (!newest) throw new Error('EvidenceCipher needs at least one key');
    this.newest = newest;
    this.byId = new Map(keys.map((k) => [k.keyId, k.key]));
  }

  seal(plain: Uint8Array): Buffer {
    const keyId = Buffer.from(this.newest.keyId);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(CIPHER, this.newest.key, iv);
    return Buffer.concat([MAGIC, Buffer.from([keyId.length]), keyId, iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
  }

  open(sealed: Buffer): Buffer {
    if (sealed.length < MAGIC.length + 1 || !sealed.subarray(0, MAGIC.length).equals(MAGIC)) throw new EvidenceUnreadable('not a sealed evidence file');
    const idEnd = MAGIC.length + 1 + sealed[MAGIC.length]!;
    const keyId = sealed.subarray(MAGIC.length + 1, idEnd).toString();
    const key = this.byId.get(keyId);
    if (!key) throw new EvidenceUnreadable(`sealed with key ${keyId}, which this process does not hold`);
    if (sealed.length < idEnd + IV_BYTES + TAG_BYTES) throw new EvidenceUnreadable('truncated');
    const decipher = createDecipheriv(CIPHER, key, sealed.subarray(idEnd, idEnd + IV_BYTES));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(sealed.subarray(idEnd + IV_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
    } catch {
      throw new EvidenceUnreadable(`does not authenticate under key ${keyId} (altered)`);
    }
  }
}
