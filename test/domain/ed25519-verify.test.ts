import { ED25519_TORSION_SUBGROUP, ed25519 } from '@noble/curves/ed25519.js';
import { bytesToNumberLE, numberToBytesLE } from '@noble/curves/utils.js';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { verifyEd25519 } from '../../domain/rules/ed25519-verify';

const { secretKey, publicKey } = ed25519.keygen();
const pubHex = bytesToHex(publicKey);
const msg = utf8ToBytes('yuqing-decision-v1\nincident-1\nplanDecided');
const sig = ed25519.sign(msg, secretKey);

const flip = (bytes: Uint8Array, at: number) => {
  const copy = bytes.slice();
  copy[at]! ^= 1;
  return copy;
};
/** the same signature with S + L: the equation still holds, strict verification must refuse it */
const malleable = () => {
  const s = bytesToNumberLE(sig.subarray(32)) + ed25519.Point.Fn.ORDER;
  const out = sig.slice();
  out.set(numberToBytesLE(s, 32), 32);
  return out;
};

describe('Ed25519 verification with a cached key', () => {
  const cases: [string, Uint8Array, Uint8Array, Uint8Array][] = [
    ['a valid signature', sig, msg, publicKey],
    ['a second use of the cached key', sig, msg, publicKey],
    ['a changed message', sig, flip(msg, 3), publicKey],
    ['a changed R', flip(sig, 2), msg, publicKey],
    ['a changed S', flip(sig, 40), msg, publicKey],
    ['S not below the group order', malleable(), msg, publicKey],
    ['a key of small order', sig, msg, hexToBytes(ED25519_TORSION_SUBGROUP[1]!)],
    ['a key that is no point', sig, msg, hexToBytes('02'.padEnd(64, 'f'))],
    ['a short signature', sig.subarray(0, 63), msg, publicKey],
  ];
  it.each(cases)('agrees with @noble on %s', (_, s, m, k) => {
    const expected = (() => {
      try {
        return ed25519.verify(s, m, k, { zip215: false });
      } catch {
        return false;
      }
    })();
    expect(verifyEd25519(s, m, bytesToHex(k), k)).toBe(expected);
  });

  it('accepts exactly the valid one', () => {
    expect(verifyEd25519(sig, msg, pubHex, publicKey)).toBe(true);
    expect(verifyEd25519(malleable(), msg, pubHex, publicKey)).toBe(false);
  });
});
