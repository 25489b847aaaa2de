// The worker's payload converter (registered with payloadConverterPath, so it also runs inside the
// workflow sandbox): the SDK's default conversions, except that a payload it cannot read becomes
// an `undecodable` marker instead of an exception that would fail the workflow task.
import { DefaultPayloadConverter, METADATA_ENCODING_KEY, type Payload, type PayloadConverter } from '@temporalio/common';
import { UNDECODABLE_ENCODING, undecodable } from './undecodable';

const decoder = new TextDecoder();

class TolerantPayloadConverter implements PayloadConverter {
  private readonly inner = new DefaultPayloadConverter();

  toPayload<T>(value: T): Payload {
    return this.inner.toPayload(value);
  }

  fromPayload<T>(payload: Payload): T {
    const encoding = payload.metadata?.[METADATA_ENCODING_KEY];
    if (encoding && decoder.decode(encoding) === UNDECODABLE_ENCODING) return undecodable(decoder.decode(payload.data ?? new Uint8Array())) as T;
    try {
      return this.inner.fromPayload(payload);
    } catch (error) {
      return undecodable(error instanceof Error ? error.message : String(error)) as T;
    }
  }
}

export const payloadConverter = new TolerantPayloadConverter();
