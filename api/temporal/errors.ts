// Which Temporal client failures are "no such incident" and which are "Temporal is not answering":
// the API must say 404 or 503 for them, never a bare 500.
import { isGrpcServiceError, NamespaceNotFoundError, WorkflowNotFoundError } from '@temporalio/client';
import { HttpError } from '../errors';

// gRPC status codes (grpc-js is only a transitive dependency, so its enum is not imported)
const NOT_FOUND = 5;
const UNREACHABLE = new Set([14 /* UNAVAILABLE */, 4 /* DEADLINE_EXCEEDED */, 1 /* CANCELLED */]);

/** The gRPC status of an error or of the error it wraps (the client wraps them in ServiceError). */
function grpcCode(err: unknown): number | undefined {
  for (let e = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    if (isGrpcServiceError(e)) return e.code;
  }
  return undefined;
}

/** Connecting to an address nobody listens on fails before any gRPC call, with a plain Error. */
function isConnectFailure(err: unknown): boolean {
  const message = err instanceof Error ? err.message : '';
  return /Failed to connect|connection refused|ECONNREFUSED|TransportError/i.test(message) || err?.constructor?.name === 'TransportError';
}

export function temporalHttpError(err: unknown): HttpError | undefined {
  // the namespace cannot vanish while we run: the server says "not found" when it cannot read its
  // own database (PostgreSQL down), which is an outage, not a missing incident
  if (err instanceof NamespaceNotFoundError) return new HttpError(503, 'temporal-unavailable', 'Temporal (or its worker) is not answering; try again shortly');
  if (err instanceof WorkflowNotFoundError) return new HttpError(404, 'not-found', 'no such incident');
  const code = grpcCode(err);
  if (code === NOT_FOUND) return new HttpError(404, 'not-found', 'no such incident');
  if ((code !== undefined && UNREACHABLE.has(code)) || isConnectFailure(err)) {
    return new HttpError(503, 'temporal-unavailable', 'Temporal (or its worker) is not answering; try again shortly');
  }
  return undefined;
}
