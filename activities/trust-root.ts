// The worker's own configuration of trusted signing keys, handed to each incident at its start (a
// local activity, so the answer is in the history and a replay checks against the same keys).
import { ApplicationFailure } from '@temporalio/activity';
import { ConfigError } from '../config/env';
import type { TrustRoot } from '../domain/rules/trust';

export function createTrustRoot(read: () => TrustRoot): () => Promise<TrustRoot> {
  return async () => {
    try {
      return read();
    } catch (error) {
      // a missing ring is made by the API shortly; a malformed setting will not heal by retrying
      if (error instanceof ConfigError && !/yet:/.test(error.message)) throw ApplicationFailure.nonRetryable(error.message, 'TrustRootMisconfigured');
      throw error;
    }
  };
}
