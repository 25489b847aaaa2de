// Histories are stored as protobuf binary: the SDK's JSON path trips over its two nested copies
// of protobufjs ("type must be a Type"), and binary is what the server itself sends anyway.
import { temporal } from '@temporalio/proto';

type History = temporal.api.history.v1.IHistory;

export function encodeHistory(history: History): Uint8Array {
  return temporal.api.history.v1.History.encode(history).finish();
}

export function decodeHistory(bytes: Uint8Array): History {
  return temporal.api.history.v1.History.decode(bytes);
}
