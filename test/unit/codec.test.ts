// The payload codec and its key settings, without Temporal: what goes out is ciphertext under the
// newest key, what comes back decrypts under any key of the ring, and anything else is refused.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultPayloadConverter } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { EncryptionCodec, KEY_ID_METADATA } from '../../codec/encryption';
import { loadPayloadCodec, payloadKeysPath, rotatePayloadKeys } from '../../codec/key-ring';

const key = (keyId: string) => ({ keyId, key: randomBytes(32) });
const old = key('old');
const next = key('next');
const TITLE = '网传某校食堂饭菜变质';
const plain = () => defaultPayloadConverter.toPayload({ title: TITLE });
const text = (b?: Uint8Array | null) => Buffer.from(b ?? []).toString('utf8');
const tempDir = () => mkdtempSync(join(tmpdir(), 'yuqing-codec-'));

describe('EncryptionCodec', () => {
  it('encrypts with the newest key, names it in the metadata, and decrypts back to the same payload', async () => {
    const codec = new EncryptionCodec([old, next]);
    const [sealed] = await codec.encode([plain()]);
    expect(text(sealed!.metadata!.encoding)).toBe('binary/encrypted');
    expect(text(sealed!.metadata![KEY_ID_METADATA])).toBe('next');
    expect(Buffer.from(sealed!.data!).includes(Buffer.from(TITLE))).toBe(false);
    const [opened] = await codec.decode([sealed!]);
    expect(defaultPayloadConverter.fromPayload(opened!)).toEqual({ title: TITLE });
  });

  it('after a rotation the old key still decrypts what it wrote', async () => {
    const [sealed] = await new EncryptionCodec([old]).encode([plain()]);
    const [opened] = await new EncryptionCodec([old, next]).decode([sealed!]);
    expect(defaultPayloadConverter.fromPayload(opened!)).toEqual({ title: TITLE });
  });

  it('refuses a payload under a key it does not hold, and one that was altered', async () => {
    const [sealed] = await new EncryptionCodec([old]).encode([plain()]);
    await expect(new EncryptionCodec([next]).decode([sealed!])).rejects.toThrow(/key old, which this process does not hold/);
    const altered = Buffer.from(sealed!.data!);
    altered[20] = altered[20]! ^ 1;
    await expect(new EncryptionCodec([old]).decode([{ ...sealed!, data: altered }])).rejects.toThrow(/does not authenticate/);
  });

  it('passes a plain payload (written before encryption was on) through unchanged', async () => {
    const [opened] = await new EncryptionCodec([old]).decode([plain()]);
    expect(defaultPayloadConverter.fromPayload(opened!)).toEqual({ title: TITLE });
  });
});

describe('payload key settings', () => {
  it('YUQING_ENCRYPTION=off means no codec; a wrong value names the variable', () => {
    expect(loadPayloadCodec(tempDir(), { YUQING_ENCRYPTION: 'off' })).toBeUndefined();
    expect(() => loadPayloadCodec(tempDir(), { YUQING_ENCRYPTION: 'yes' })).toThrow(/YUQING_ENCRYPTION: .*"on"\|"off"/);
  });

  it('creates the key file once, mode 0600, and every later start reads the same key', async () => {
    const dir = tempDir();
    const first = loadPayloadCodec(dir, {})!;
    expect(statSync(payloadKeysPath(dir)).mode & 0o777).toBe(0o600);
    const [sealed] = await first.encode([plain()]);
    const [opened] = await loadPayloadCodec(dir, {})!.decode([sealed!]);
    expect(defaultPayloadConverter.fromPayload(opened!)).toEqual({ title: TITLE });
  });

  it('rotation adds a key that encrypts, and keeps the old ones', async () => {
    const dir = tempDir();
    const [before] = await loadPayloadCodec(dir, {})!.encode([plain()]);
    const { keyId } = rotatePayloadKeys(payloadKeysPath(dir));
    const ring = JSON.parse(readFileSync(payloadKeysPath(dir), 'utf8'));
    expect(ring.keys).toHaveLength(2);
    expect(ring.keys[1].keyId).toBe(keyId);
    const rotated = loadPayloadCodec(dir, {})!;
    const [after] = await rotated.encode([plain()]);
    expect(text(after!.metadata![KEY_ID_METADATA])).toBe(keyId);
    expect(defaultPayloadConverter.fromPayload((await rotated.decode([before!]))[0]!)).toEqual({ title: TITLE });
  });

  it('YUQING_PAYLOAD_KEYS takes the JSON itself or a file, and names itself and the field at fault', async () => {
    const ring = { keys: [{ keyId: 'deploy-1', key: randomBytes(32).toString('base64') }] };
    const fromJson = loadPayloadCodec(tempDir(), { YUQING_PAYLOAD_KEYS: JSON.stringify(ring) })!;
    const file = join(tempDir(), 'keys.json');
    writeFileSync(file, JSON.stringify(ring));
    const fromFile = loadPayloadCodec(tempDir(), { YUQING_PAYLOAD_KEYS: file })!;
    const [sealed] = await fromJson.encode([plain()]);
    expect(defaultPayloadConverter.fromPayload((await fromFile.decode([sealed!]))[0]!)).toEqual({ title: TITLE });

    const short = JSON.stringify({ keys: [{ keyId: 'k', key: randomBytes(16).toString('base64') }] });
    expect(() => loadPayloadCodec(tempDir(), { YUQING_PAYLOAD_KEYS: short })).toThrow('YUQING_PAYLOAD_KEYS: keys.0.key: must be 32 bytes as base64');
    expect(() => loadPayloadCodec(tempDir(), { YUQING_PAYLOAD_KEYS: '/nonexistent/keys.json' })).toThrow(/YUQING_PAYLOAD_KEYS \(\/nonexistent\/keys.json\): cannot read .*ENOENT/);
  });
});
