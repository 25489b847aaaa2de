// `npm run bench:signature`: one decision's signature check as the workflow does it (a cached key
// with its window table) against @noble's own verify, in the same process, alternating rounds.
// Prints ms per verification and the ratio; no file is written.
import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { verifyEd25519 } from '../domain/rules/ed25519-verify';

const COUNT = 500;
const ROUNDS = 5;
const { secretKey, publicKey } = ed25519.keygen();
const publicKeyHex = bytesToHex(publicKey);
const messages = Array.from({ length: COUNT }, (_, i) => utf8ToBytes(`yuqing-decision-v1\nincident-${i}\nplanDecided`));
const signatures = messages.map((m) => ed25519.sign(m, secretKey));

function msPer(verify: (i: number) => boolean): number {
  const start = performance.now();
  for (let i = 0; i < COUNT; i++) if (!verify(i)) throw new Error(`signature ${i} did not verify`);
  return (performance.now() - start) / COUNT;
}

for (let round = 1; round <= ROUNDS; round++) {
  const noble = msPer((i) => ed25519.verify(signatures[i]!, messages[i]!, publicKey, { zip215: false }));
  const cached = msPer((i) => verifyEd25519(signatures[i]!, messages[i]!, publicKeyHex, publicKey));
  console.log(`round ${round}/${ROUNDS}: @noble ${noble.toFixed(3)} ms, cached key ${cached.toFixed(3)} ms, ratio ${(noble / cached).toFixed(2)}×`);
}
