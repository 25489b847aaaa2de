// Ed25519 verification (RFC 8032, strict encodings, cofactored equation) as @noble's verify does
// it, except that each public key is decoded once and keeps a window table for its multiplication.
// An incident verifies every decision against the same few keys, and inside the workflow sandbox
// this is pure JS: the table makes a verification about three times cheaper (bench/signature.ts).
import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToNumberLE, concatBytes } from '@noble/curves/utils.js';
import { sha512 } from '@noble/hashes/sha2.js';

const Point = ed25519.Point;
const ORDER = Point.Fn.ORDER;
type EdPoint = InstanceType<typeof Point>;
/** the window table holds 2^(W-1) × (256/W + 1) points: W 6 is ~2,200 points, about half a MB a key */
const WINDOW = 6;

/** decoded keys by hex, or null for a key no signature can verify under (not a point, or of small order) */
const keys = new Map<string, EdPoint | null>();

function keyPoint(publicKeyHex: string, publicKey: Uint8Array): EdPoint | null {
  let point = keys.get(publicKeyHex);
  if (point !== undefined) return point;
  try {
    const decoded = Point.fromBytes(publicKey, false);
    point = decoded.isSmallOrder() ? null : decoded;
  } catch {
    point = null;
  }
  point?.precompute(WINDOW, false);
  keys.set(publicKeyHex, point);
  return point;
}

export function verifyEd25519(signature: Uint8Array, message: Uint8Array, publicKeyHex: string, publicKey: Uint8Array): boolean {
  if (signature.length !== 64 || publicKey.length !== 32) return false;
  const A = keyPoint(publicKeyHex, publicKey);
  if (!A) return false;
  const r = signature.subarray(0, 32);
  const s = bytesToNumberLE(signature.subarray(32));
  if (s >= ORDER) return false;
  let R: EdPoint;
  try {
    R = Point.fromBytes(r, false);
  } catch {
    return false;
  }
  const k = bytesToNumberLE(sha512(concatBytes(r, publicKey, message))) % ORDER;
  // [8][S]B = [8]R + [8][k]A
  return R.add(A.multiplyUnsafe(k)).subtract(Point.BASE.multiplyUnsafe(s)).clearCofactor().is0();
}
