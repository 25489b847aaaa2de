// A signal payload the worker cannot decode (not JSON, an unknown encoding, encrypted under a key
// it does not hold) must not fail the workflow task: that would stall the incident for good. The
// worker's codec and payload converter turn it into this marker, which the workflow records as a
// rejected decision like any other bad one.
export const UNDECODABLE_ENCODING = 'binary/undecodable';

export interface Undecodable {
  __undecodable: string;
}

export function undecodable(reason: string): Undecodable {
  return { __undecodable: reason };
}

export function isUndecodable(value: unknown): value is Undecodable {
  return typeof value === 'object' && value !== null && typeof (value as Undecodable).__undecodable === 'string';
}
