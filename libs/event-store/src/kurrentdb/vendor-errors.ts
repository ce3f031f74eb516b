import { ErrorType, NO_STREAM, type CurrentStreamState } from '@kurrent/kurrentdb-client';
import { ConcurrencyError, InvalidEventError, StreamNotFoundError } from '../errors';
import type { ExpectedRevision } from '../event-store.port';
import { toActualRevision } from './revisions';

interface CommandErrorLike {
  readonly type: string;
  readonly actualState?: CurrentStreamState;
  readonly maxAppendSize?: number;
}

/** Client errors are recognised by their `type` tag so that a second copy of the client still maps. */
function commandError(error: unknown): CommandErrorLike | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const type = (error as { type?: unknown }).type;
  return typeof type === 'string' ? (error as CommandErrorLike) : undefined;
}

/** Translates an append failure into the port's errors; anything else is returned unchanged. */
export function toAppendError(error: unknown, stream: string, expected: ExpectedRevision): unknown {
  const failure = commandError(error);
  switch (failure?.type) {
    case ErrorType.WRONG_EXPECTED_VERSION:
      return new ConcurrencyError(
        stream,
        expected,
        toActualRevision(failure.actualState ?? NO_STREAM),
      );
    case ErrorType.MAXIMUM_APPEND_SIZE_EXCEEDED:
      return new InvalidEventError(
        'events',
        `the append is larger than the server accepts (${failure.maxAppendSize ?? '?'} bytes in one append)`,
      );
    default:
      return error;
  }
}

/** Translates a stream read failure into the port's errors; anything else is returned unchanged. */
export function toReadStreamError(error: unknown, stream: string): unknown {
  switch (commandError(error)?.type) {
    case ErrorType.STREAM_NOT_FOUND:
    case ErrorType.STREAM_DELETED:
      return new StreamNotFoundError(stream);
    default:
      return error;
  }
}

const TRANSIENT_ERROR_TYPES: ReadonlySet<string> = new Set([
  ErrorType.UNAVAILABLE,
  ErrorType.NOT_LEADER,
  ErrorType.DEADLINE_EXCEEDED,
  ErrorType.TIMEOUT,
  ErrorType.CANCELLED,
  ErrorType.UNKNOWN,
]);

/** gRPC status codes of a connection lost, a server restarting or a leader stepping down. */
const TRANSIENT_GRPC_CODES: ReadonlySet<number> = new Set([
  1, // CANCELLED (by the server)
  2, // UNKNOWN
  4, // DEADLINE_EXCEEDED
  8, // RESOURCE_EXHAUSTED
  10, // ABORTED
  13, // INTERNAL
  14, // UNAVAILABLE
]);

/**
 * Whether a failed subscription or read is worth retrying: the network, a node restarting or a
 * leader election. Access denied, invalid arguments and our own mapping errors are not.
 */
export function isTransientError(error: unknown): boolean {
  const failure = commandError(error);
  if (failure) return TRANSIENT_ERROR_TYPES.has(failure.type);
  const code =
    typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'number' && TRANSIENT_GRPC_CODES.has(code);
}
