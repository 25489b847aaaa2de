// The list's nextPageToken is Temporal's own, which the server trusts: a forged one makes the SQLite
// visibility store fail in ways the client only sees as a timeout. So the API hands out its tokens
// sealed with a MAC over the list's query, and a token it did not seal for that query never reaches
// Temporal.
import { createHmac, timingSafeEqual } from 'node:crypto';

const MAC_BYTES = 16;

const mac = (key: Buffer, query: string, raw: Uint8Array) =>
  createHmac('sha256', key).update('yuqing incident list page\0').update(query).update('\0').update(raw).digest().subarray(0, MAC_BYTES);

export function sealPageToken(key: Buffer, query: string, raw: Uint8Array): string {
  return Buffer.concat([mac(key, query, raw), raw]).toString('base64url');
}

/** Temporal's token inside `token`, or undefined when this API did not seal it for `query`. */
export function openPageToken(key: Buffer, query: string, token: string): Buffer | undefined {
  const bytes = Buffer.from(token, 'base64url');
  if (bytes.length <= MAC_BYTES) return undefined;
  const raw = bytes.subarray(MAC_BYTES);
  return timingSafeEqual(bytes.subarray(0, MAC_BYTES), mac(key, query, raw)) ? raw : undefined;
}
