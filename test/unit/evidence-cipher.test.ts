// Evidence at rest: sealed with the payload key ring, opened by any key of it after a rotation,
// refused when altered; the ring is loaded even where payload encryption is off; limits checked.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EvidenceCipher, EvidenceUnreadable } from '../../codec/evidence-cipher';
import { loadPayloadCodec, loadPayloadKeys } from '../../codec/key-ring';
import { loadEvidenceLimits } from '../../config/evidence';
import { ConfigError } from '../../config/env';

const key = (keyId: string) => ({ keyId, key: randomBytes(32) });

describe('evidence cipher', () => {
  const old = key('payload-1');
  const plain = Buffer.from('现场照片的字节');

  it('seals with the newest key and opens with any key of the ring', () => {
    const sealed = new EvidenceCipher([old]).seal(plain);
    expect(sealed.subarray(0, 4).toString()).toBe('YQE1');
    expect(sealed.includes(plain)).toBe(false);
    const rotated = new EvidenceCipher([old, key('payload-2')]);
    expect(rotated.open(sealed).equals(plain)).toBe(true);
    expect(rotated.seal(plain).includes(Buffer.from('payload-2'))).toBe(true);
  });

  it('refuses an altered file, a foreign key, and what is no sealed file at all', () => {
    const cipher = new EvidenceCipher([old]);
    const sealed = cipher.seal(plain);
    sealed[sealed.length - 20]! ^= 1;
    expect(() => cipher.open(sealed)).toThrow(EvidenceUnreadable);
    expect(() => new EvidenceCipher([key('payload-9')]).open(cipher.seal(plain))).toThrow(/does not hold/);
    expect(() => cipher.open(Buffer.from('%PDF-1.4'))).toThrow(EvidenceUnreadable);
  });

  it('loads the ring even with YUQING_ENCRYPTION=off: evidence is sealed either way', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'yuqing-evidence-'));
    expect(loadPayloadCodec(dataDir, { YUQING_ENCRYPTION: 'off' })).toBeUndefined();
    const keys = loadPayloadKeys(dataDir, { YUQING_ENCRYPTION: 'off' });
    expect(keys).toHaveLength(1);
    expect(JSON.parse(readFileSync(join(dataDir, 'keys', 'payload.json'), 'utf8')).keys[0].keyId).toBe(keys[0]!.keyId);
  });
});

describe('evidence limits', () => {
  it('defaults to 25 MB a file and 200 MB an incident, and names a wrong setting', () => {
    expect(loadEvidenceLimits({})).toEqual({ fileBytes: 25 * 1024 * 1024, incidentBytes: 200 * 1024 * 1024 });
    expect(() => loadEvidenceLimits({ YUQING_EVIDENCE_MAX_FILE_MB: 'lots' })).toThrow(ConfigError);
    expect(() => loadEvidenceLimits({ YUQING_EVIDENCE_MAX_FILE_MB: '300' })).toThrow(/YUQING_EVIDENCE_MAX_FILE_MB: must not be above YUQING_EVIDENCE_MAX_INCIDENT_MB/);
  });
});
