import { randomBytes } from 'node:crypto';
import { METADATA_ENCODING_KEY } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { EncryptionCodec } from '../../codec/encryption';
import { payloadConverter } from '../../codec/payload-converter';
import { isUndecodable } from '../../codec/undecodable';

const foreign = { metadata: { [METADATA_ENCODING_KEY]: Buffer.from('binary/encrypted'), 'encryption-key-id': Buffer.from('not-ours') }, data: Buffer.from('x'.repeat(40)) };

describe('undecodable payloads reach the workflow as a marker', () => {
  it('the payload converter marks what it cannot read and reads the rest as usual', () => {
    const bad = payloadConverter.fromPayload({ metadata: { [METADATA_ENCODING_KEY]: Buffer.from('json/plain') }, data: Buffer.from('not json{') });
    expect(isUndecodable(bad)).toBe(true);
    expect(isUndecodable(payloadConverter.fromPayload(foreign))).toBe(true);
    expect(payloadConverter.fromPayload(payloadConverter.toPayload({ a: 1 }))).toEqual({ a: 1 });
  });

  it("a worker's codec hands on a payload under an unknown key; a client's refuses it", async () => {
    const codec = new EncryptionCodec([{ keyId: 'ours', key: randomBytes(32) }]);
    await expect(codec.decode([foreign])).rejects.toThrow(/not-ours/);
    const [marked] = await codec.forWorker().decode([foreign]);
    const value = payloadConverter.fromPayload(marked!);
    expect(isUndecodable(value) && value.__undecodable).toMatch(/not-ours/);
  });
});
